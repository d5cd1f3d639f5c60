package dev.c4j.lua.spi;

import java.util.Map;

/** One Lua state of one driver, confined to its loop. Made by {@link LuaEngine#open}. */
public interface LuaState extends AutoCloseable {

    /**
     * Defines an object type: {@code methods} become the {@code __index} of its shared metatable,
     * {@code __tostring} shows {@code "<name>: 0x<hex id>"} unique per object, and {@code __gc} (or a cleaner)
     * notifies the peer when it implements {@link Collectable}.
     */
    ObjectType defineType(String name, Map<String, LuaFunction> methods);

    /** A new userdata of {@code type} for {@code peer}. The object starts unpinned. */
    LuaObject newObject(ObjectType type, Object peer);

    /** Sets a global; {@code value} converts as the package documentation says. */
    void setGlobal(String name, Object value);

    /**
     * Compiles a chunk (source bytes, never decoded) into a function. {@code chunkName} follows Lua's
     * convention: {@code "=name"} or {@code "@file.lua"}.
     */
    LuaValueRef load(byte[] source, String chunkName) throws LuaSyntaxException;

    /**
     * Calls a function with arguments; returns its results converted as in
     * {@link LuaObject#invokeForResults}. A Lua error comes back as a {@link LuaException} with traceback.
     */
    Object[] call(LuaValueRef function, Object... args) throws LuaException;

    /** A deep plain-Java copy of the global {@code name} (see the package documentation); null when nil. */
    Object getGlobal(String name);

    /** A deep plain-Java copy of the value {@code ref} holds (see the package documentation). */
    Object toValue(LuaValueRef ref);

    /** The global {@code name} if it is a function, else null (caller releases). */
    LuaValueRef globalFunction(String name);

    /** A full collection; peers of collected objects are then notified on a later loop turn. */
    void collectGarbage();

    /**
     * For the runaway guard, on the loop: the calls into Lua from now on belong to call {@code id} (positive); 0
     * between calls. Called for every callback: must cost next to nothing.
     */
    void runningCallback(long id);

    /**
     * For the runaway guard, from any thread: if call {@code id} is still running, its Lua code raises a Lua error
     * {@code message} (after the position, as {@code error} gives it) at its next instruction, and again at every
     * instruction until the call has returned to Java, so that no {@code pcall} keeps it running. Nothing happens
     * when {@code id} is over. Code inside a C or Java function is interrupted once it is back in Lua.
     */
    void interrupt(long id, String message);

    /** Frees the state. Peers are not notified. Loop thread only. */
    @Override
    void close();
}
