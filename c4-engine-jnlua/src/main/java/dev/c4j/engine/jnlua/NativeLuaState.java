package dev.c4j.engine.jnlua;

import dev.c4j.api.ByteString;
import dev.c4j.api.DriverLoop;
import dev.c4j.api.Endpoint;
import dev.c4j.api.OpaqueValue;
import dev.c4j.lua.spi.Collectable;
import dev.c4j.lua.spi.LuaException;
import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaHost;
import dev.c4j.lua.spi.LuaObject;
import dev.c4j.lua.spi.LuaRaise;
import dev.c4j.lua.spi.LuaState;
import dev.c4j.lua.spi.LuaSyntaxException;
import dev.c4j.lua.spi.LuaType;
import dev.c4j.lua.spi.LuaValueRef;
import dev.c4j.lua.spi.ObjectType;
import dev.c4j.lua.spi.TableRules;
import dev.c4j.lua.spi.TextChunks;
import party.iroiro.luajava.JFunction;
import party.iroiro.luajava.Lua;
import party.iroiro.luajava.LuaNatives;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One native Lua state, written once over LuaJava's common {@link LuaNatives} (the Lua 5.1 C API that PUC Lua
 * and LuaJIT share). Java works the stack directly; what needs Lua (environments, weak tables, tracebacks) is
 * done by the trusted runtime chunk ({@code runtime.lua}), whose helpers are kept in registry references.
 *
 * <p>Threads: every method runs on the thread that opened the state (the driver's loop) and fails fast
 * elsewhere; LuaJava's states crash the JVM when two threads touch them. Nothing here registers a cleaner:
 * collection is seen only through {@code __gc}, which runs inside Lua on the loop and merely records.
 *
 * <p>Every operation that may raise a Lua error runs under {@code lua_pcall}: an error unwinding through the JNI
 * frames of a Java call would take the JVM down. For the same reason the {@link NativeGuard}'s memory cap is
 * enforced only while driver code runs under a {@code lua_pcall} of ours, never while Java works the stack.
 */
final class NativeLuaState implements LuaState {
    // Lua 5.1 C API type codes, the same in PUC Lua 5.1 and LuaJIT.
    static final int TNIL = 0;
    static final int TBOOLEAN = 1;
    static final int TNUMBER = 3;
    static final int TSTRING = 4;
    static final int TTABLE = 5;
    static final int TFUNCTION = 6;
    static final int TUSERDATA = 7;
    private static final LuaType[] TYPES = {
            LuaType.NONE, LuaType.NIL, LuaType.BOOLEAN, LuaType.LIGHTUSERDATA, LuaType.NUMBER, LuaType.STRING,
            LuaType.TABLE, LuaType.FUNCTION, LuaType.USERDATA, LuaType.THREAD};
    private static final int MULTRET = -1;
    /** Values pushed without {@code lua_checkstack}: Lua guarantees LUA_MINSTACK (20) free slots. */
    private static final int UNCHECKED_PUSHES = 12;
    private static final byte[] RUNTIME = readRuntime();
    private static final int READ_SCRATCH_BYTES = 64 * 1024;
    private static final int LUA_YIELD = 1;
    private static final int THREAD_SWEEP_MIN = 32;

    private final Lua lua;
    private final LuaNatives C;
    private final long mainL;
    private final int registry;
    private final LuaHost host;
    final DriverLoop loop;
    private final ByteBridge bytes;
    private final Thread owner;
    /** Memory cap, stack check and interrupts; null without the JNI shim. */
    private final NativeGuard guard;
    /** The hot path of method calls and {@code OnRead}; null without the JNI shim. */
    private final NativeCalls calls;

    // Registry references to the runtime's tables and helpers.
    private final int objectsRef;
    private final int globalsRef;
    private final int pinnedRef;
    private final int onErrorRef;
    private final int dispatchRef;
    private final int newTypeRef;
    private final int newObjectRef;
    private final int clearNurseryRef;
    private final int setHandlerRef;
    private final int paramsRef;
    private final int wrapRef;
    private final int getGlobalRef;
    private final int setGlobalRef;
    private final int collectRef;
    private final int disarmRef;
    /** The type of the __gc sentinels that tell a {@code Collectable} function it was collected. */
    private final NativeObjectType functionSentinel;

    /** Our live userdata by {@code lua_touserdata} address; an entry leaves when its __gc runs. */
    private final Map<Long, NativeLuaObject> objectsByAddress = new HashMap<>();
    private long nextId = 1;
    private boolean nurseryDirty;
    private int callDepth; // Java-to-Lua calls in progress
    private StackFrame[] frames = new StackFrame[4];
    private int frameDepth; // Lua-to-Java calls in progress
    /** Copies of strings read by the frames in progress, stacked: each frame frees its part when it ends. */
    private final ByteBuffer readScratch = ByteBuffer.allocateDirect(READ_SCRATCH_BYTES);
    private int readTop;
    private boolean closed;
    /** LuaJava's instances for coroutines that called Java; see {@link #sweepThreads}. */
    private final Set<Lua> coroutines = Collections.newSetFromMap(new IdentityHashMap<>());
    private int sweepAt = THREAD_SWEEP_MIN;

    NativeLuaState(Lua lua, LuaHost host, ByteBridge bytes, NativeGuard guard) {
        this.lua = lua;
        this.C = lua.getLuaNatives();
        this.mainL = lua.getPointer();
        this.registry = C.getRegistryIndex();
        this.host = Objects.requireNonNull(host, "host");
        this.loop = host.loop();
        this.bytes = bytes;
        this.owner = Thread.currentThread();
        this.guard = guard;

        C.luaL_openlibs(mainL); // everything, for the runtime to take what it needs before it closes the sandbox
        loadTrusted(mainL, RUNTIME, "=c4j-runtime");
        C.luaJ_pushfunction(mainL, new CollectRecorder());
        helperCall(mainL, 1, 1);
        objectsRef = field("objects");
        globalsRef = field("globals");
        pinnedRef = field("pinned");
        onErrorRef = field("onerror");
        dispatchRef = field("dispatch");
        newTypeRef = field("newtype");
        newObjectRef = field("newobject");
        clearNurseryRef = field("clearnursery");
        setHandlerRef = field("sethandler");
        paramsRef = field("params");
        wrapRef = field("wrap");
        getGlobalRef = field("getglobal");
        setGlobalRef = field("setglobal");
        collectRef = field("collect");
        disarmRef = field("disarm");
        if (host.limits().timesCallbacks()) {
            C.luaJ_getfield(mainL, -1, "interpretonly"); // LuaJIT: compiled code never runs the count hook
            helperCall(mainL, 0, 0);
        }
        C.lua_settop(mainL, 0);
        calls = NativeCalls.install(C, this, readScratch, guard != null ? guard.address() : 0);
        functionSentinel = defineNativeType("C4JFunction", Map.of());
    }

    private int field(String name) {
        C.luaJ_getfield(mainL, -1, name);
        return C.luaL_ref(mainL, registry);
    }

    // ---- LuaState --------------------------------------------------------------------------------------------

    @Override
    public ObjectType defineType(String name, Map<String, LuaFunction> methods) {
        return defineNativeType(name, methods);
    }

    private NativeObjectType defineNativeType(String name, Map<String, LuaFunction> methods) {
        checkOpen();
        long L = activeL();
        int base = C.lua_gettop(L);
        try {
            C.luaJ_rawgeti(L, registry, newTypeRef);
            pushString(L, name);
            C.lua_createtable(L, 0, methods.size());
            for (Map.Entry<String, LuaFunction> method : methods.entrySet()) {
                pushString(L, method.getKey());
                pushMethod(L, method.getValue(), method.getKey());
                C.lua_rawset(L, -3);
            }
            helperCall(L, 2, 1);
            return new NativeObjectType(this, name, C.luaL_ref(L, registry));
        } finally {
            C.lua_settop(L, base);
        }
    }

    @Override
    public LuaObject newObject(ObjectType type, Object peer) {
        checkOpen();
        long L = activeL();
        int base = C.lua_gettop(L);
        try {
            return createObject(L, own(type), peer);
        } finally {
            C.lua_settop(L, base);
        }
    }

    /** Leaves the new userdata on the stack. */
    private NativeLuaObject createObject(long L, NativeObjectType type, Object peer) {
        long id = nextId++;
        C.luaJ_rawgeti(L, registry, newObjectRef);
        C.luaJ_rawgeti(L, registry, type.protoRef());
        C.lua_pushnumber(L, id);
        helperCall(L, 2, 1);
        NativeLuaObject object = new NativeLuaObject(this, type, peer, id);
        objectsByAddress.put(C.lua_touserdata(L, -1), object);
        nurseryDirty = true;
        return object;
    }

    @Override
    public void setGlobal(String name, Object value) {
        checkOpen();
        long L = enter();
        int base = C.lua_gettop(L);
        try {
            C.luaJ_rawgeti(L, registry, onErrorRef);
            C.luaJ_rawgeti(L, registry, setGlobalRef);
            pushString(L, name);
            push(L, value, name);
            if (C.lua_pcall(L, 2, 0, base + 1) != 0) {
                host.reportLuaError(errorAt(L).getMessage());
            }
        } finally {
            C.lua_settop(L, base);
            leave();
        }
    }

    @Override
    public LuaValueRef load(byte[] source, String chunkName) throws LuaSyntaxException {
        checkOpen();
        if (TextChunks.isBinary(source)) {
            throw new LuaSyntaxException(TextChunks.REFUSED);
        }
        long L = activeL();
        int base = C.lua_gettop(L);
        ByteBuffer buffer = ByteBuffer.allocateDirect(Math.max(1, source.length)).put(source);
        if (C.luaJ_loadbuffer(L, buffer, source.length, Objects.requireNonNull(chunkName, "chunkName")) != 0) {
            String message = string(L, -1);
            C.lua_settop(L, base);
            throw new LuaSyntaxException(message);
        }
        return new NativeValueRef(this, C.luaL_ref(L, registry), LuaType.FUNCTION);
    }

    @Override
    public Object[] call(LuaValueRef function, Object... args) throws LuaException {
        NativeValueRef ref = own(function);
        checkOpen();
        long L = enter();
        int base = C.lua_gettop(L);
        try {
            ensureStack(L, args.length + 2);
            C.luaJ_rawgeti(L, registry, onErrorRef);
            C.luaJ_rawgeti(L, registry, ref.ref());
            for (Object arg : args) {
                push(L, arg, null);
            }
            if (driverCall(L, args.length, MULTRET, base + 1) != 0) {
                throw errorAt(L);
            }
            return results(L, base + 2, Integer.MAX_VALUE);
        } finally {
            C.lua_settop(L, base);
            leave();
        }
    }

    /** Read raw: copying runs no Lua code, not even the globals' {@code __index}. */
    @Override
    public Object getGlobal(String name) {
        checkOpen();
        long L = activeL();
        int base = C.lua_gettop(L);
        try {
            C.luaJ_rawgeti(L, registry, globalsRef);
            pushString(L, name);
            C.luaJ_rawget(L, -2);
            return NativePlainCopier.copy(this, C, L, -1);
        } finally {
            C.lua_settop(L, base);
        }
    }

    @Override
    public Object toValue(LuaValueRef ref) {
        NativeValueRef nativeRef = own(ref);
        checkOpen();
        long L = activeL();
        int base = C.lua_gettop(L);
        try {
            C.luaJ_rawgeti(L, registry, nativeRef.ref());
            return NativePlainCopier.copy(this, C, L, -1);
        } finally {
            C.lua_settop(L, base);
        }
    }

    @Override
    public LuaValueRef globalFunction(String name) {
        checkOpen();
        long L = enter();
        int base = C.lua_gettop(L);
        try {
            C.luaJ_rawgeti(L, registry, onErrorRef);
            C.luaJ_rawgeti(L, registry, getGlobalRef);
            pushString(L, name);
            if (C.lua_pcall(L, 1, 1, base + 1) != 0) {
                host.reportLuaError(errorAt(L).getMessage());
                return null;
            }
            return C.lua_type(L, -1) == TFUNCTION
                    ? new NativeValueRef(this, C.luaL_ref(L, registry), LuaType.FUNCTION)
                    : null;
        } finally {
            C.lua_settop(L, base);
            leave();
        }
    }

    @Override
    public void collectGarbage() {
        if (!usable()) {
            return;
        }
        if (atTopLevel()) {
            clearNursery();
            sweepThreads();
        }
        collect();
    }

    private void collect() {
        long L = activeL();
        int base = C.lua_gettop(L);
        C.luaJ_rawgeti(L, registry, collectRef);
        helperCall(L, 0, 0);
        C.lua_settop(L, base);
    }

    @Override
    public void runningCallback(long id) {
        if (guard != null) {
            guard.running(id);
        }
    }

    @Override
    public void interrupt(long id, String message) {
        if (guard != null) {
            guard.interrupt(id, message);
        }
    }

    @Override
    public void close() {
        if (!usable()) {
            return;
        }
        if (!atTopLevel()) {
            throw new IllegalStateException("close() of the Lua state of " + host.driverName()
                    + " from inside a call into Lua");
        }
        closed = true;
        try {
            // Our __gc would call Java while lua_close tears the state down.
            C.luaJ_rawgeti(mainL, registry, disarmRef);
            C.lua_pcall(mainL, 0, 0, 0);
        } finally {
            objectsByAddress.clear();
            coroutines.clear();
            Arrays.fill(frames, null);
            lua.close(); // also drops LuaJava's coroutine instances
            if (guard != null) {
                guard.free(); // lua_close freed through it
            }
            if (calls != null) {
                calls.free();
            }
        }
    }

    // ---- objects (called by NativeLuaObject) -------------------------------------------------------------------

    void pin(NativeLuaObject object, boolean pin) {
        if (!usable()) {
            return;
        }
        long L = activeL();
        int base = C.lua_gettop(L);
        C.luaJ_rawgeti(L, registry, pinnedRef);
        C.lua_pushnumber(L, object.id);
        if (pin) {
            C.luaJ_rawgeti(L, registry, objectsRef);
            C.lua_pushnumber(L, object.id);
            C.luaJ_rawget(L, -2);
            C.lua_remove(L, -2);
        } else {
            C.lua_pushnil(L);
        }
        C.lua_rawset(L, -3);
        C.lua_settop(L, base);
    }

    /** Stores {@code frame[argIndex]} as the handler, or clears it when {@code frame} is null. */
    void setHandler(NativeLuaObject object, int slot, StackFrame frame, int argIndex) {
        if (!usable()) {
            return;
        }
        long L = frame != null ? frame.L : activeL();
        int base = C.lua_gettop(L);
        C.luaJ_rawgeti(L, registry, setHandlerRef);
        C.lua_pushnumber(L, object.id);
        C.lua_pushinteger(L, slot);
        if (frame != null) {
            C.lua_pushvalue(L, argIndex);
        } else {
            C.lua_pushnil(L);
        }
        helperCall(L, 3, 0);
        C.lua_settop(L, base);
    }

    int handlerParams(NativeLuaObject object, int slot) {
        if (!usable()) {
            return -2;
        }
        long L = activeL();
        int base = C.lua_gettop(L);
        C.luaJ_rawgeti(L, registry, paramsRef);
        C.lua_pushnumber(L, object.id);
        C.lua_pushinteger(L, slot);
        int params = C.lua_pcall(L, 2, 1, 0) == 0 ? (int) C.lua_tonumber(L, -1) : -1;
        C.lua_settop(L, base);
        return params;
    }

    /** The hot path: handler(self, arg), no varargs array. */
    boolean dispatch(NativeLuaObject object, int slot, Object arg) {
        if (!usable()) {
            return false;
        }
        if (calls != null && arg instanceof ByteBuffer data && data.remaining() <= readScratch.capacity() - readTop) {
            return dispatchBytes(object, slot, data);
        }
        long L = enter();
        int base = C.lua_gettop(L);
        try {
            C.luaJ_rawgeti(L, registry, onErrorRef);
            C.luaJ_rawgeti(L, registry, dispatchRef);
            C.lua_pushnumber(L, object.id);
            C.lua_pushinteger(L, slot);
            push(L, arg, null);
            if (driverCall(L, 3, 0, base + 1) != 0) {
                host.reportLuaError(errorAt(L).getMessage());
            }
            return true;
        } finally {
            C.lua_settop(L, base);
            leave();
        }
    }

    boolean dispatch(NativeLuaObject object, int slot, Object[] args) {
        if (!usable()) {
            return false;
        }
        long L = enter();
        int base = C.lua_gettop(L);
        try {
            pushDispatch(L, object, slot, args);
            if (driverCall(L, 2 + args.length, 0, base + 1) != 0) {
                host.reportLuaError(errorAt(L).getMessage());
            }
            return true;
        } finally {
            C.lua_settop(L, base);
            leave();
        }
    }

    Object[] dispatchForResults(NativeLuaObject object, int slot, int maxResults, Object[] args) {
        if (!usable()) {
            return null;
        }
        long L = enter();
        int base = C.lua_gettop(L);
        try {
            pushDispatch(L, object, slot, args);
            if (driverCall(L, 2 + args.length, MULTRET, base + 1) != 0) {
                host.reportLuaError(errorAt(L).getMessage());
                return null;
            }
            return results(L, base + 2, maxResults);
        } finally {
            C.lua_settop(L, base);
            leave();
        }
    }

    /**
     * {@link #dispatch(NativeLuaObject, int, Object)} of bytes in one JNI call: they are copied to the free part of
     * the read scratch, from where the C side pushes them (Lua keeps its own copy).
     */
    private boolean dispatchBytes(NativeLuaObject object, int slot, ByteBuffer data) {
        long L = enter();
        try {
            int length = data.remaining();
            readScratch.put(readTop, data, data.position(), length);
            int status = calls.dispatchBytes(L, onErrorRef, objectsRef, object.id, slot, readTop, length);
            if (status != 0) {
                try {
                    host.reportLuaError(errorAt(L).getMessage());
                } finally {
                    C.lua_settop(L, calls.dispatchBase());
                }
            }
            return true;
        } finally {
            leave();
        }
    }

    private void pushDispatch(long L, NativeLuaObject object, int slot, Object[] args) {
        ensureStack(L, args.length + 4);
        C.luaJ_rawgeti(L, registry, onErrorRef);
        C.luaJ_rawgeti(L, registry, dispatchRef);
        C.lua_pushnumber(L, object.id);
        C.lua_pushinteger(L, slot);
        for (Object arg : args) {
            push(L, arg, null);
        }
    }

    /**
     * The bytes of the string or number at {@code index}, valid during the current Lua-to-Java call: a copy in
     * the read scratch when the shim can make it (no upcall into Java), else LuaJava's view of Lua's string.
     */
    ByteBuffer bytesAt(long L, int index) {
        int length = copyToScratch(L, index);
        if (length >= 0) {
            ByteBuffer copy = readScratch.slice(readTop, length);
            readTop(readTop + length);
            return copy;
        }
        return (ByteBuffer) C.luaJ_todirectbuffer(L, index);
    }

    /** A string the C side copied for the current call: {@code length} bytes at {@code offset} of the read scratch. */
    ByteBuffer scratchBytes(int offset, int length) {
        return readScratch.slice(offset, length);
    }

    /** Moves the top of the read scratch; the C side copies the strings of a method's arguments from there. */
    private void readTop(int top) {
        readTop = top;
        if (calls != null) {
            calls.scratchTop(top);
        }
    }

    /** The string at {@code index} as a {@link ByteString} of its own: the read scratch is only borrowed. */
    ByteString byteStringAt(long L, int index) {
        int length = copyToScratch(L, index);
        return ByteString.of(length >= 0
                ? readScratch.slice(readTop, length)
                : (ByteBuffer) C.luaJ_todirectbuffer(L, index));
    }

    /**
     * Copies the string or number (converted in place) at {@code index} to the free part of the read scratch,
     * which stays free: its length, or -1 when it does not fit or the bridge cannot read.
     */
    private int copyToScratch(long L, int index) {
        int room = readScratch.capacity() - readTop;
        int length = bytes.copyString(L, index, readScratch, readTop, room);
        return length <= room ? length : -1;
    }

    /** The object whose userdata is at {@code index}, or null. */
    NativeLuaObject objectAt(long L, int index) {
        return objectAtAddress(C.lua_touserdata(L, index));
    }

    /** The object whose userdata is at {@code address}, or null. */
    NativeLuaObject objectAtAddress(long address) {
        return objectsByAddress.get(address);
    }

    // ---- references ------------------------------------------------------------------------------------------

    /** A reference to the value at {@code index}, or to nil when {@code index} is 0. */
    NativeValueRef ref(long L, int index) {
        LuaType type;
        if (index == 0) {
            C.lua_pushnil(L);
            type = LuaType.NIL;
        } else {
            type = luaType(C.lua_type(L, index));
            C.lua_pushvalue(L, index);
        }
        return new NativeValueRef(this, C.luaL_ref(L, registry), type);
    }

    void unref(int ref) {
        if (usable()) {
            C.luaL_unref(mainL, registry, ref);
        }
    }

    // ---- Lua calls Java ----------------------------------------------------------------------------------------

    /**
     * Runs a {@link LuaFunction} for LuaJava's C closure: the result count, or -1 after pushing the error value,
     * which LuaJava then raises as it is (no position prefix). Nothing escapes into LuaJava.
     */
    int callJava(JavaFunction function, Lua caller) {
        long L = caller.getPointer();
        if (caller != lua) {
            coroutines.add(caller);
        }
        return callJava(function, L, enterFrame(L), false);
    }

    /**
     * Runs a method for its C closure ({@link NativeCalls}), whose arguments the C side has read: as
     * {@link #callJava(JavaFunction, Lua)}, and the C side raises the error.
     */
    int callMethod(JavaFunction function, long L, int nargs, NativeCalls decoded) {
        if (!usable()) {
            C.lua_settop(L, 0);
            pushString(L, "the Lua state of " + host.driverName() + " is closed");
            return -1;
        }
        StackFrame frame = enterFrame(L, nargs);
        frame.decoded(decoded);
        readTop(decoded.scratchEnd());
        return callJava(function, L, frame, true);
    }

    /** With {@code coded}, a nil, a boolean or an argument as the one result is left to the C side to push. */
    private int callJava(JavaFunction function, long L, StackFrame frame, boolean coded) {
        boolean capped = enforceMemoryLimit(false); // Java's pushes must not fail
        try {
            Object result = function.function.call(frame);
            int code = coded ? NativeCalls.resultCode(result, frame) : 0;
            return code != 0 ? code : pushResults(L, result);
        } catch (LuaRaise raise) {
            return raise(L, frame, String.valueOf(raise.getMessage()));
        } catch (Throwable error) {
            reportInternal(function.name, error);
            return raise(L, frame, "internal error in '" + function.name + "'");
        } finally {
            exitFrame();
            enforceMemoryLimit(capped);
        }
    }

    private int raise(long L, StackFrame frame, String message) {
        C.lua_settop(L, frame.count);
        pushString(L, message);
        return -1;
    }

    private int pushResults(long L, Object result) {
        if (result instanceof LuaFunction.Results results) {
            List<Object> values = results.values();
            ensureStack(L, values.size());
            for (Object value : values) {
                push(L, value, null);
            }
            return values.size();
        }
        push(L, result, null);
        return 1;
    }

    /** Records Lua's collection of one of our userdata. Must never raise: __gc runs inside any allocation. */
    private final class CollectRecorder implements JFunction {
        @Override
        public int __call(Lua caller) {
            try {
                if (caller != lua) {
                    coroutines.add(caller);
                }
                NativeLuaObject object = objectsByAddress.remove(C.lua_touserdata(caller.getPointer(), 1));
                if (object != null) {
                    object.collectedByLua();
                }
            } catch (Throwable error) {
                reportInternal("__gc", error);
            }
            return 0;
        }
    }

    private void reportInternal(String functionName, Throwable error) {
        try {
            host.reportInternalError(functionName, error);
        } catch (Throwable ignored) {
            // the report itself failed: nothing more may reach Lua
        }
    }

    // ---- Java to Lua values (see the SPI package documentation) ----------------------------------------------

    private void push(long L, Object value, String name) {
        if (value == null) {
            C.lua_pushnil(L);
        } else if (value instanceof byte[] array) {
            bytes.push(L, array, 0, array.length);
        } else if (value instanceof String text) {
            pushString(L, text);
        } else if (value instanceof NativeLuaObject object) {
            pushObject(L, object);
        } else if (value instanceof Boolean bool) {
            C.lua_pushboolean(L, bool ? 1 : 0);
        } else if (value instanceof Number number) {
            C.lua_pushnumber(L, number.doubleValue());
        } else if (value instanceof ByteBuffer buffer) {
            pushBuffer(L, buffer);
        } else if (value instanceof ByteString byteString) {
            byte[] array = byteString.toByteArray();
            bytes.push(L, array, 0, array.length);
        } else if (value instanceof NativeValueRef ref) {
            C.luaJ_rawgeti(L, registry, own(ref).ref());
        } else if (value instanceof LuaFunction function) {
            pushFunction(L, function, name);
        } else if (value instanceof OpaqueValue) {
            C.lua_pushnil(L);
        } else if (value instanceof Endpoint endpoint) {
            pushEndpoint(L, endpoint);
        } else if (value instanceof List<?> list) {
            pushList(L, list);
        } else if (value instanceof Map<?, ?> map) {
            pushMap(L, map);
        } else {
            throw new IllegalArgumentException("no Lua value for a " + value.getClass().getName()
                    + (value instanceof LuaFunction.Results ? " except as a function's result" : ""));
        }
    }

    private void pushString(long L, String text) {
        if (isPlainAscii(text)) {
            C.luaJ_pushstring(L, text); // JNI's modified UTF-8 is plain ASCII for these
        } else {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            bytes.push(L, utf8, 0, utf8.length);
        }
    }

    private static boolean isPlainAscii(String text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == 0 || c >= 0x80) {
                return false;
            }
        }
        return true;
    }

    /** The buffer's remaining bytes; its position is not moved. */
    private void pushBuffer(long L, ByteBuffer buffer) {
        int position = buffer.position();
        int length = buffer.remaining();
        if (buffer.isDirect()) {
            bytes.push(L, buffer, position, length);
        } else if (buffer.hasArray()) {
            bytes.push(L, buffer.array(), buffer.arrayOffset() + position, length);
        } else {
            byte[] copy = new byte[length];
            buffer.duplicate().get(copy);
            bytes.push(L, copy, 0, length);
        }
    }

    private void pushObject(long L, NativeLuaObject object) {
        if (object.state != this) {
            throw new IllegalArgumentException(object + " belongs to another Lua state");
        }
        if (object.collected()) {
            C.lua_pushnil(L);
            return;
        }
        StackFrame frame = frameDepth > 0 ? frames[frameDepth - 1] : null;
        if (frame != null && frame.lastPeer == object && frame.L == L) {
            C.lua_pushvalue(L, frame.lastPeerIndex); // e.g. a method returning self
            return;
        }
        C.luaJ_rawgeti(L, registry, objectsRef);
        C.lua_pushnumber(L, object.id);
        C.luaJ_rawget(L, -2);
        C.lua_remove(L, -2);
    }

    /** A method of an object type: a C closure of the hot path where the shim is there. */
    private void pushMethod(long L, LuaFunction function, String name) {
        if (calls != null && !(function instanceof Collectable)) {
            calls.pushMethod(L, new JavaFunction(this, function, name));
        } else {
            pushFunction(L, function, name);
        }
    }

    private void pushFunction(long L, LuaFunction function, String name) {
        JavaFunction closure = new JavaFunction(this, function, name != null ? name : "?");
        if (!(function instanceof Collectable collectable)) {
            C.luaJ_pushfunction(L, closure);
            return;
        }
        // A Lua function calling the Java one, with a __gc sentinel as upvalue: collected together.
        C.lua_checkstack(L, 4);
        C.luaJ_rawgeti(L, registry, wrapRef);
        C.luaJ_pushfunction(L, closure);
        createObject(L, functionSentinel, collectable);
        helperCall(L, 2, 1);
    }

    private void pushEndpoint(long L, Endpoint endpoint) {
        C.lua_checkstack(L, 3);
        C.lua_createtable(L, 0, 2);
        pushString(L, endpoint.ip());
        C.lua_setfield(L, -2, "ip");
        C.lua_pushnumber(L, endpoint.port());
        C.lua_setfield(L, -2, "port");
    }

    private void pushList(long L, List<?> list) {
        C.lua_checkstack(L, 3);
        C.lua_createtable(L, list.size(), 0);
        int i = 1;
        for (Object element : list) {
            push(L, element, null);
            C.lua_rawseti(L, -2, i++);
        }
    }

    private void pushMap(long L, Map<?, ?> map) {
        C.lua_checkstack(L, 4);
        C.lua_createtable(L, 0, map.size());
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            Object key = entry.getKey();
            Object value = entry.getValue();
            if (!TableRules.keepsMapEntry(key, value)) {
                continue;
            }
            push(L, key, null);
            if (C.lua_type(L, -1) == TNIL) {
                throw new IllegalArgumentException("nil as a Lua table key"); // lua_rawset would raise
            }
            push(L, value, key instanceof String text ? text : null);
            C.lua_rawset(L, -3);
        }
    }

    // ---- Lua to Java values ------------------------------------------------------------------------------------

    static LuaType luaType(int code) {
        return code >= -1 && code < TYPES.length - 1 ? TYPES[code + 1] : LuaType.NONE;
    }

    /** Values from {@code first} to the top: nil, boolean and number as Java values, others as references. */
    private Object[] results(long L, int first, int max) {
        int count = Math.min(C.lua_gettop(L) - first + 1, max);
        Object[] results = new Object[Math.max(0, count)];
        for (int i = 0; i < results.length; i++) {
            int index = first + i;
            results[i] = switch (luaType(C.lua_type(L, index))) {
                case NIL, NONE -> null;
                case BOOLEAN -> C.lua_toboolean(L, index) != 0;
                case NUMBER -> C.lua_tonumber(L, index);
                default -> ref(L, index);
            };
        }
        return results;
    }

    /** The error the runtime's message handler left on top: {message, message + traceback}. */
    private LuaException errorAt(long L) {
        if (C.lua_type(L, -1) == TTABLE) {
            C.luaJ_rawgeti(L, -1, 1);
            String message = string(L, -1);
            C.luaJ_rawgeti(L, -2, 2);
            String traced = string(L, -1);
            C.lua_pop(L, 2);
            return new LuaException(message, traced);
        }
        String message = string(L, -1); // memory error, or an error inside the handler
        return new LuaException(message, message);
    }

    /** A string or number as text (for messages only: data never goes through a Java String). */
    private String string(long L, int index) {
        ByteBuffer text = (ByteBuffer) C.luaJ_todirectbuffer(L, index);
        return text != null ? StandardCharsets.UTF_8.decode(text).toString() : "(" + C.luaL_typename(L, index) + ")";
    }

    // ---- plumbing ----------------------------------------------------------------------------------------------

    /**
     * {@code lua_pcall} of driver code: the memory cap applies inside (Lua turns a refused allocation into its
     * "not enough memory" error there).
     */
    private int driverCall(long L, int nargs, int nresults, int messageHandler) {
        boolean capped = enforceMemoryLimit(true);
        try {
            return C.lua_pcall(L, nargs, nresults, messageHandler);
        } finally {
            enforceMemoryLimit(capped);
        }
    }

    /** Returns whether the cap applied before. */
    private boolean enforceMemoryLimit(boolean on) {
        return guard != null && guard.enforce(on);
    }

    /** Calls a runtime helper that does not fail; a failure is a bug of ours. */
    private void helperCall(long L, int nargs, int nresults) {
        if (C.lua_pcall(L, nargs, nresults, 0) != 0) {
            String message = string(L, -1);
            C.lua_pop(L, 1);
            throw new IllegalStateException("c4j native runtime: " + message);
        }
    }

    private void loadTrusted(long L, byte[] source, String chunkName) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(source.length).put(source);
        if (C.luaJ_loadbuffer(L, buffer, source.length, chunkName) != 0) {
            throw new IllegalStateException("c4j native runtime: " + string(L, -1));
        }
    }

    private void ensureStack(long L, int pushes) {
        if (pushes > UNCHECKED_PUSHES && C.lua_checkstack(L, pushes + 4) == 0) {
            throw new IllegalStateException("Lua stack overflow: " + pushes + " values");
        }
    }

    private long activeL() {
        return frameDepth > 0 ? frames[frameDepth - 1].L : mainL;
    }

    private boolean atTopLevel() {
        return callDepth == 0 && frameDepth == 0;
    }

    /** Starts a call into Lua that may run driver code. */
    private long enter() {
        callDepth++;
        return activeL();
    }

    /** Ends it; back at the top level, new objects are left to Lua alone and queued io work runs. */
    private void leave() {
        if (--callDepth == 0 && frameDepth == 0) {
            if (guard != null && guard.takeRefused()) {
                collect(); // Lua 5.1 does not collect when an allocation fails: make room for the next callback
            }
            clearNursery();
            if (coroutines.size() >= sweepAt) {
                sweepThreads();
            }
            loop.drain();
        }
    }

    /**
     * LuaJava gives each coroutine that calls Java an instance of its own and a strong registry entry
     * (thread → id) that it never removes: every such coroutine would leak. At the top level no coroutine runs,
     * so one that is not suspended and has an empty stack has finished; closing its LuaJava instance drops the
     * entry and lets Lua collect it. A coroutine abandoned while suspended stays until the state closes.
     * Called when the set has doubled since the last sweep, and before each forced collection.
     */
    private void sweepThreads() {
        List<Lua> finished = new ArrayList<>();
        for (Lua coroutine : coroutines) {
            long L = coroutine.getPointer(); // alive: LuaJava's registry entry still holds it
            int status = C.lua_status(L);
            if (status != LUA_YIELD && (status != 0 || C.lua_gettop(L) == 0)) {
                finished.add(coroutine);
            }
        }
        coroutines.removeAll(finished);
        finished.forEach(Lua::close); // clears an existing registry entry: no allocation, no collection
        sweepAt = Math.max(THREAD_SWEEP_MIN, 2 * coroutines.size());
    }

    private void clearNursery() {
        if (nurseryDirty) {
            nurseryDirty = false;
            C.luaJ_rawgeti(mainL, registry, clearNurseryRef);
            helperCall(mainL, 0, 0);
        }
    }

    private StackFrame enterFrame(long L) {
        return enterFrame(L, C.lua_gettop(L));
    }

    private StackFrame enterFrame(long L, int nargs) {
        if (frameDepth == frames.length) {
            frames = Arrays.copyOf(frames, 2 * frames.length);
        }
        StackFrame frame = frames[frameDepth];
        if (frame == null) {
            frame = frames[frameDepth] = new StackFrame(this, C);
        }
        frame.enter(L, nargs, readTop);
        frameDepth++;
        return frame;
    }

    private void exitFrame() {
        readTop(frames[--frameDepth].exit());
    }

    /** On the owner thread; false once closed. */
    private boolean usable() {
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("the Lua state of " + host.driverName() + " belongs to thread "
                    + owner.getName() + ", not " + Thread.currentThread().getName());
        }
        return !closed;
    }

    private void checkOpen() {
        if (!usable()) {
            throw new IllegalStateException("the Lua state of " + host.driverName() + " is closed");
        }
    }

    private NativeObjectType own(ObjectType type) {
        if (type instanceof NativeObjectType nativeType && nativeType.state() == this) {
            return nativeType;
        }
        throw new IllegalArgumentException(type + " was not defined by this Lua state");
    }

    private NativeValueRef own(LuaValueRef ref) {
        if (ref instanceof NativeValueRef nativeRef && nativeRef.state == this) {
            return nativeRef;
        }
        throw new IllegalArgumentException(ref + " does not belong to this Lua state");
    }

    private static byte[] readRuntime() {
        try (InputStream in = NativeLuaState.class.getResourceAsStream("runtime.lua")) {
            return Objects.requireNonNull(in, "runtime.lua").readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The main thread's stack height: 0 between calls (tests check the balance). */
    int stackTop() {
        checkOpen();
        return C.lua_gettop(mainL);
    }

    @Override
    public String toString() {
        return "NativeLuaState(" + host.driverName() + (closed ? ", closed)" : ")");
    }
}
