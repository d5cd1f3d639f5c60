package dev.c4j.engine.jnlua;

import party.iroiro.luajava.LuaNatives;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The hot path between Java and one native state ({@code src/main/c/c4j_calls.c}), in the library {@link ByteShim}
 * loads:
 * <ul>
 *   <li>the methods of our object types are C closures that read their arguments into memory shared with Java
 *       and make one upcall to {@link #call}; a {@link StackFrame} then reads the arguments from there instead of
 *       one JNI call per question (LuaJava's generic wrapper costs an upcall by name and an exception check too);
 *   <li>{@link #dispatchBytes} starts a callback with one string argument ({@code OnRead}) in one downcall.
 * </ul>
 * Null without the shim, or with the system property {@value #PROPERTY} {@code false}: the state then uses LuaJava's
 * functions and its own JNI calls, with the same results.
 */
final class NativeCalls {
    static final String PROPERTY = "c4j.jnlua.nativeCalls";

    /** The Lua C API functions the C side calls, in the order it expects them. */
    static final String[] API_FUNCTIONS = {"lua_gettop", "lua_settop", "lua_type", "lua_tonumber", "lua_toboolean",
            "lua_tolstring", "lua_touserdata", "lua_pushlstring", "lua_pushnil", "lua_pushboolean", "lua_pushvalue",
            "lua_pushnumber", "lua_pushinteger", "lua_pushlightuserdata", "lua_pushcclosure", "lua_rawgeti",
            "lua_rawget", "lua_getfenv", "lua_pcall", "lua_error"};

    /** Arguments the C side reads into the shared memory; a frame asks Lua for the others. */
    static final int MAX_DECODED = 8;

    // the layout in c4j_calls.c
    private static final int SCRATCH_TOP = 0;
    private static final int SCRATCH_END = 4;
    private static final int DISPATCH_BASE = 8;
    private static final int ARGS = 16;
    private static final int SLOT = 32;
    private static final int ARG_TYPE = 0;
    private static final int ARG_LENGTH = 4;
    private static final int ARG_OFFSET = 8;
    private static final int ARG_NUMBER = 16;
    private static final int ARG_POINTER = 24;

    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());
    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle DOUBLES =
            MethodHandles.byteBufferViewVarHandle(double[].class, ByteOrder.nativeOrder());

    private final NativeLuaState state;
    private final ByteBuffer shared = ByteBuffer.allocateDirect(ARGS + MAX_DECODED * SLOT).order(ByteOrder.nativeOrder());
    private final List<JavaFunction> methods = new ArrayList<>();
    private long handle;

    private NativeCalls(NativeLuaState state) {
        this.state = state;
    }

    /**
     * The hot path of {@code state}, whose Lua library is behind {@code natives}, with strings copied into
     * {@code scratch} and the memory cap of the guard at {@code guardAddress} (0: none); null without the shim.
     */
    static NativeCalls install(LuaNatives natives, NativeLuaState state, ByteBuffer scratch, long guardAddress) {
        if (ByteShim.loadFailure() != null
                || "false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim())) {
            return null;
        }
        long[] api = new long[API_FUNCTIONS.length];
        for (int i = 0; i < api.length; i++) {
            api[i] = ByteShim.symbol(natives, API_FUNCTIONS[i]);
            if (api[i] == 0) {
                return null;
            }
        }
        NativeCalls calls = new NativeCalls(state);
        try {
            calls.handle = install(api, calls, calls.shared, scratch, guardAddress);
        } catch (LinkageError e) { // a shim built before this file: the slow path still works
            return null;
        }
        return calls.handle != 0 ? calls : null;
    }

    /** Pushes {@code function} as a method closure on {@code L}. */
    void pushMethod(long L, JavaFunction function) {
        methods.add(function);
        pushMethod(handle, L, methods.size() - 1);
    }

    // What call returns besides a count of results pushed (c4j_calls.c): Java's pushes saved.
    static final int RAISE = -1;
    private static final int RESULT_NIL = -2;
    private static final int RESULT_TRUE = -3;
    private static final int RESULT_FALSE = -4;
    private static final int RESULT_ARGUMENT = -16; // minus the argument's index

    /**
     * The code that has the C side push {@code result}, the one result of a method, when it is nil, a boolean or
     * the object of an argument ({@code self}, for chaining); 0 when Java must push it.
     */
    static int resultCode(Object result, StackFrame frame) {
        if (result == null) {
            return RESULT_NIL;
        }
        if (result instanceof Boolean bool) {
            return bool ? RESULT_TRUE : RESULT_FALSE;
        }
        if (result instanceof NativeLuaObject object && object == frame.lastPeer) {
            return RESULT_ARGUMENT - frame.lastPeerIndex;
        }
        return 0;
    }

    /**
     * The upcall of a method closure: the result count, {@link #RAISE} with an error message on top, or a code of
     * {@link #resultCode}.
     */
    @SuppressWarnings("unused") // called from c4j_calls.c
    private int call(int method, long L, int nargs) {
        return state.callMethod(methods.get(method), L, nargs, this);
    }

    /** Where the free part of the read scratch begins: the C side copies strings from there on. */
    void scratchTop(int top) {
        INTS.set(shared, SCRATCH_TOP, top);
    }

    /** Where the strings the C side copied for the current call end. */
    int scratchEnd() {
        return (int) INTS.get(shared, SCRATCH_END);
    }

    int type(int arg) {
        return (int) INTS.get(shared, slot(arg) + ARG_TYPE);
    }

    /** A copied string's length, -1 when it was not copied. */
    int length(int arg) {
        return (int) INTS.get(shared, slot(arg) + ARG_LENGTH);
    }

    int offset(int arg) {
        return (int) INTS.get(shared, slot(arg) + ARG_OFFSET);
    }

    double number(int arg) {
        return (double) DOUBLES.get(shared, slot(arg) + ARG_NUMBER);
    }

    long pointer(int arg) {
        return (long) LONGS.get(shared, slot(arg) + ARG_POINTER);
    }

    private static int slot(int arg) {
        return ARGS + (arg - 1) * SLOT;
    }

    /**
     * {@code handler(object, bytes)} as the runtime's dispatch function calls it, with the {@code length} bytes at
     * {@code offset} of the scratch; {@code objectsRef} is the registry reference of the runtime's table of objects
     * by id. Returns {@code lua_pcall}'s status; after an error the error value is on top and
     * {@link #dispatchBase()} is where to reset the stack to.
     */
    int dispatchBytes(long L, int onErrorRef, int objectsRef, long id, int slot, int offset, int length) {
        return dispatchBytes(handle, L, onErrorRef, objectsRef, id, slot, offset, length);
    }

    int dispatchBase() {
        return (int) INTS.get(shared, DISPATCH_BASE);
    }

    /** After {@code lua_close}. */
    void free() {
        if (handle != 0) {
            free(handle);
            handle = 0;
        }
    }

    private static native long install(long[] api, NativeCalls target, ByteBuffer shared, ByteBuffer scratch,
                                       long guard);

    private static native void free(long handle);

    private static native void pushMethod(long handle, long L, int index);

    private static native int dispatchBytes(long handle, long L, int onErrorRef, int objectsRef, double id, int slot,
                                            int offset, int length);
}
