package dev.c4j.lua.spi;

import java.nio.ByteBuffer;

/**
 * The arguments of one call from Lua into a {@link LuaFunction}, valid during that call only. Indexes are
 * 1-based as in Lua; past the last argument the type is {@link LuaType#NONE}.
 */
public interface LuaFrame {

    /** How deep {@link #toValue} copies nested tables before it writes {@link dev.c4j.api.OpaqueValue#CYCLE}. */
    int MAX_COPY_DEPTH = 100;

    int count();

    LuaType type(int index);

    /** Lua truthiness: false only for nil, false and none. */
    boolean toBoolean(int index);

    /** A number, or a string the engine converts to one (as {@code lua_isnumber}); else null. */
    Double toNumber(int index);

    /**
     * A string's bytes, or a number converted to a string as the engine does; else null. The buffer is valid
     * during the call only and must not be written.
     */
    ByteBuffer toBytes(int index);

    /** The peer of one of our objects ({@link LuaState#newObject}), else null. */
    Object toPeer(int index);

    /**
     * A deep plain-Java copy of the value at {@code index} (see the package documentation: "Lua values in Java"),
     * e.g. a parameter table as a {@code Map}. Never calls Lua code.
     */
    Object toValue(int index);

    /** A reference to any value, kept beyond the call. */
    LuaValueRef ref(int index);

    /** Lua's name of the called function's type at that index, e.g. for messages: {@code "nil"}, {@code "no value"}. */
    default String typeName(int index) {
        return type(index).luaName();
    }
}
