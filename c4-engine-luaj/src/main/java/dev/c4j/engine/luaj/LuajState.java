package dev.c4j.engine.luaj;

import dev.c4j.api.ByteString;
import dev.c4j.api.Endpoint;
import dev.c4j.api.OpaqueValue;
import dev.c4j.engine.luaj.compat.Lua51;
import dev.c4j.engine.luaj.compat.Lua51Compat;
import dev.c4j.engine.luaj.compat.LuajErrors;
import dev.c4j.engine.luaj.compat.NestedCalls;
import dev.c4j.lua.spi.Collectable;
import dev.c4j.lua.spi.LuaException;
import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaHost;
import dev.c4j.lua.spi.LuaObject;
import dev.c4j.lua.spi.LuaState;
import dev.c4j.lua.spi.LuaSyntaxException;
import dev.c4j.lua.spi.LuaValueRef;
import dev.c4j.lua.spi.ObjectType;
import dev.c4j.lua.spi.TableRules;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

import java.io.ByteArrayInputStream;
import java.lang.ref.Cleaner;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One driver's LuaJ state. Every call from Java into Lua goes through {@link #callLua}: it reports or converts
 * errors and makes method calls on strings resolve in this driver's {@code string} table.
 *
 * <p>Collection: LuaJ never runs {@code __gc}. Values whose Java side wants to know when Lua dropped them (object
 * peers and functions implementing {@link Collectable}) are held weakly and registered with a {@link Cleaner},
 * which posts {@link Collectable#collected()} to the driver's loop; {@link #collectGarbage()} runs the JVM's
 * collector and posts at once for whatever it cleared.
 */
final class LuajState implements LuaState {

    private static final Cleaner CLEANER = Cleaner.create();
    private static final AtomicInteger OBJECT_IDS = new AtomicInteger();

    final LuaHost host;
    final Globals globals;
    final Lua51 lua51;
    /** The original {@code string} table: serves {@code s:method()} even if a driver replaces the global. */
    private final LuaTable stringMethods;
    private final WeakReference<LuaTable> stringTable; // as StringMethods holds it
    /** Objects kept alive by {@link LuaObject#pin}: the set roots them, the object roots its userdata. */
    final Set<LuajObject> pinned = new HashSet<>();
    private final Set<Tracked> tracked = new HashSet<>();
    private final InterruptibleDebugLib debugLib = new InterruptibleDebugLib();
    private final NestedCalls nestedCalls;
    /** The Java heap ran out inside a coroutine's thread; thrown on the loop when its call into Lua returns. */
    private volatile OutOfMemoryError outOfMemory;
    private boolean closed;

    LuajState(LuaHost host) {
        this.host = host;
        Sandbox sandbox = Sandbox.open(debugLib);
        this.globals = sandbox.globals();
        this.stringMethods = globals.get("string").checktable();
        this.stringTable = new WeakReference<>(stringMethods);
        this.lua51 = new Lua51(globals, sandbox.getinfo());
        lua51.install();
        CoroutineHeap.install(this, globals.get("coroutine").checktable());
        nestedCalls = NestedCalls.install(globals);
        globals.set("collectgarbage", new CollectGarbage(globals.get("collectgarbage")));
    }

    // ---- LuaState -------------------------------------------------------------------------------------------------

    @Override
    public ObjectType defineType(String name, Map<String, LuaFunction> methods) {
        LuaTable index = new LuaTable();
        methods.forEach((method, function) -> index.set(method, new JavaFunction(this, method, function)));
        LuaTable metatable = new LuaTable();
        metatable.set(LuaValue.INDEX, index);
        // Drivers can neither read nor change our metatables: getmetatable(obj) is false, as on the native engines.
        metatable.set(LuaValue.METATABLE, LuaValue.FALSE);
        metatable.set(LuaValue.TOSTRING, new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return valueOf(args.arg1().tojstring());
            }
        });
        return new LuajType(name, metatable);
    }

    @Override
    public LuaObject newObject(ObjectType type, Object peer) {
        LuajType luajType = (LuajType) type;
        String label = String.format("%s: 0x%08x", type.name(), OBJECT_IDS.incrementAndGet());
        C4Userdata userdata = new C4Userdata(this, peer, luajType.metatable(), label);
        if (peer instanceof Collectable collectable) {
            track(userdata, collectable);
        }
        return new LuajObject(this, luajType, peer, userdata);
    }

    @Override
    public void setGlobal(String name, Object value) {
        globals.set(name, toLua(value, name));
    }

    @Override
    public LuaValueRef load(byte[] source, String chunkName) throws LuaSyntaxException {
        if (closed) {
            throw new IllegalStateException("the Lua state of " + host.driverName() + " is closed");
        }
        try {
            byte[] lua51Source = Lua51Compat.rewriteLenientEscapes(source);
            return new LuajValueRef(globals.load(new ByteArrayInputStream(lua51Source), chunkName, "bt", globals));
        } catch (LuaError e) {
            throw new LuaSyntaxException(LuajErrors.text(LuajErrors.value(e)));
        }
    }

    @Override
    public Object[] call(LuaValueRef function, Object... args) throws LuaException {
        LuaValue f = ((LuajValueRef) function).value();
        Varargs arguments = toVarargs(args);
        nestedCalls.reset();
        WeakReference<LuaTable> previous = StringMethods.enter(stringTable);
        try {
            Varargs results = f.invoke(arguments);
            rethrowOutOfMemory();
            return toJava(results, Integer.MAX_VALUE);
        } catch (LuaError e) {
            rethrowOutOfMemory();
            throw new LuaException(LuajErrors.text(LuajErrors.value(e)), LuajErrors.report(e));
        } catch (StackOverflowError e) {
            throw new LuaException("stack overflow", "stack overflow" + LuajErrors.NO_TRACEBACK);
        } finally {
            StringMethods.leave(previous);
            lua51.forgetRaised();
        }
    }

    @Override
    public Object getGlobal(String name) {
        return LuajPlainCopier.copy(globals.rawget(name), this);
    }

    @Override
    public Object toValue(LuaValueRef ref) {
        return LuajPlainCopier.copy(((LuajValueRef) ref).value(), this);
    }

    @Override
    public LuaValueRef globalFunction(String name) {
        LuaValue value;
        try {
            value = globals.get(name);
        } catch (LuaError e) { // from the globals' __index: reported, never thrown at the caller
            host.reportLuaError(LuajErrors.report(e));
            return null;
        }
        return value.isfunction() ? new LuajValueRef(value) : null;
    }

    /** Runs the JVM's collector; what it cleared is announced to the loop now, not whenever the cleaner runs. */
    @Override
    public void collectGarbage() {
        System.gc();
        announceCollected();
    }

    @Override
    public void runningCallback(long id) {
        debugLib.runningCallback(id);
    }

    @Override
    public void interrupt(long id, String message) {
        debugLib.interrupt(id, message);
    }

    /** Whether {@link #close} ran: handlers are no longer invoked. */
    boolean closed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        pinned.clear();
        tracked.clear();
    }

    /**
     * The Java heap ran out on a coroutine's thread, where LuaJ would turn it into an error message: every
     * instruction raises from now on, and the loop's call into Lua ends with this error.
     */
    void outOfMemory(OutOfMemoryError error) {
        outOfMemory = error;
        debugLib.fail("not enough memory");
    }

    private void rethrowOutOfMemory() {
        OutOfMemoryError error = outOfMemory;
        if (error != null) {
            throw error;
        }
    }

    // ---- calls into Lua -----------------------------------------------------------------------------------------

    /**
     * Calls {@code function} with {@code args} and returns its results, or null after an error, which is reported
     * to the host with its traceback.
     */
    Varargs callLua(LuaValue function, Varargs args) {
        if (closed) {
            return null;
        }
        nestedCalls.reset();
        WeakReference<LuaTable> previous = StringMethods.enter(stringTable);
        try {
            Varargs results = function.invoke(args);
            rethrowOutOfMemory();
            return results;
        } catch (RuntimeException | StackOverflowError e) { // LuaError is a RuntimeException
            rethrowOutOfMemory();
            reportCallbackFailure(e);
        } finally {
            StringMethods.leave(previous);
            lua51.forgetRaised();
        }
        return null;
    }

    /** The hot path of {@link #callLua}: a handler with self and one argument. */
    boolean callLua(LuaValue function, LuaValue self, LuaValue arg) {
        if (closed) {
            return false;
        }
        nestedCalls.reset();
        WeakReference<LuaTable> previous = StringMethods.enter(stringTable);
        try {
            function.call(self, arg);
            rethrowOutOfMemory();
            return true;
        } catch (RuntimeException | StackOverflowError e) { // LuaError is a RuntimeException
            rethrowOutOfMemory();
            reportCallbackFailure(e);
        } finally {
            StringMethods.leave(previous);
            lua51.forgetRaised();
        }
        return false;
    }

    /** A callback failed: a Lua error (with its traceback) or a Java one; the driver carries on. */
    private void reportCallbackFailure(Throwable e) {
        if (e instanceof LuaError luaError) {
            host.reportLuaError(LuajErrors.report(luaError));
        } else if (e instanceof StackOverflowError) {
            host.reportLuaError("stack overflow" + LuajErrors.NO_TRACEBACK);
        } else {
            host.reportInternalError("callback", e);
        }
    }

    // ---- values -----------------------------------------------------------------------------------------------------

    /** A Java value as Lua sees it (see the SPI's package documentation). */
    LuaValue toLua(Object value) {
        return toLua(value, "?");
    }

    LuaValue toLua(Object value, String name) {
        if (value == null) {
            return LuaValue.NIL;
        }
        if (value instanceof LuaValue v) {
            return v;
        }
        if (value instanceof LuajObject object) {
            return object.userdataForLua();
        }
        if (value instanceof ByteBuffer bytes) {
            byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            return LuaString.valueUsing(copy); // a Lua string must never change: always a fresh array
        }
        if (value instanceof byte[] bytes) {
            return LuaString.valueUsing(bytes.clone());
        }
        if (value instanceof String text) {
            return LuaString.valueUsing(text.getBytes(StandardCharsets.UTF_8));
        }
        if (value instanceof Boolean b) {
            return LuaValue.valueOf(b);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            long l = ((Number) value).longValue();
            return l == (int) l ? LuaValue.valueOf((int) l) : LuaValue.valueOf((double) l);
        }
        if (value instanceof Number number) {
            return LuaValue.valueOf(number.doubleValue());
        }
        if (value instanceof LuajValueRef ref) {
            return ref.value();
        }
        if (value instanceof ByteString bytes) {
            return LuaString.valueUsing(bytes.toByteArray());
        }
        if (value instanceof OpaqueValue) {
            return LuaValue.NIL;
        }
        if (value instanceof LuaFunction function) {
            JavaFunction wrapper = new JavaFunction(this, name, function);
            if (function instanceof Collectable collectable) {
                track(wrapper, collectable);
            }
            return wrapper;
        }
        if (value instanceof Endpoint endpoint) {
            LuaTable table = new LuaTable();
            table.set("ip", endpoint.ip());
            table.set("port", endpoint.port());
            return table;
        }
        if (value instanceof List<?> list) {
            LuaTable table = new LuaTable(list.size(), 0);
            for (int i = 0; i < list.size(); i++) {
                table.rawset(i + 1, toLua(list.get(i)));
            }
            return table;
        }
        if (value instanceof Map<?, ?> map) {
            return toTable(map);
        }
        throw new IllegalArgumentException("no Lua value for " + value.getClass().getName());
    }

    /** A fresh table whose keys keep their type (see the SPI package documentation). */
    private LuaTable toTable(Map<?, ?> map) {
        LuaTable table = new LuaTable();
        map.forEach((key, element) -> {
            if (TableRules.keepsMapEntry(key, element)) {
                LuaValue luaKey = toLua(key);
                if (luaKey.isnil()) {
                    throw new IllegalArgumentException("nil as a Lua table key");
                }
                table.rawset(luaKey, toLua(element, key instanceof String text ? text : "?"));
            }
        });
        return table;
    }

    /** A function's result: {@link LuaFunction.Results} are several values, anything else one. */
    Varargs resultToLua(Object result) {
        if (result instanceof LuaFunction.Results results) {
            return toVarargs(results.values().toArray());
        }
        return toLua(result);
    }

    Varargs toVarargs(Object[] args) {
        return switch (args.length) {
            case 0 -> LuaValue.NONE;
            case 1 -> toLua(args[0]);
            default -> {
                LuaValue[] values = new LuaValue[args.length];
                for (int i = 0; i < args.length; i++) {
                    values[i] = toLua(args[i]);
                }
                yield LuaValue.varargsOf(values);
            }
        };
    }

    /** Results as the SPI gives them: nil → null, boolean, number → Double, anything else a reference. */
    Object[] toJava(Varargs results, int maxResults) {
        int n = Math.min(results.narg(), maxResults);
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            LuaValue value = results.arg(i + 1);
            values[i] = switch (value.type()) {
                case LuaValue.TNIL, LuaValue.TNONE -> null;
                case LuaValue.TBOOLEAN -> value.toboolean();
                case LuaValue.TNUMBER, LuaValue.TINT -> value.todouble();
                default -> new LuajValueRef(value);
            };
        }
        return values;
    }

    // ---- collection -------------------------------------------------------------------------------------------------

    private void track(LuaValue value, Collectable target) {
        Tracked entry = new Tracked(new WeakReference<>(value), target);
        tracked.add(entry);
        CLEANER.register(value, entry);
    }

    /**
     * Posts the notification of every tracked value the collector has cleared (loop thread), so that a task posted
     * after this call runs after them, whether or not the cleaner got there first.
     */
    void announceCollected() {
        for (Tracked entry : new ArrayList<>(tracked)) {
            if (entry.value.get() == null) {
                entry.run();
            }
        }
    }

    /**
     * One value whose collection its Java side wants to hear of. {@link #run} (the cleaner's action, or the scan
     * after a collection) posts the notification; it runs once, on the loop, however often it was posted.
     */
    private final class Tracked implements Runnable {
        final WeakReference<LuaValue> value;
        final Collectable target;
        private boolean notified; // loop thread only

        Tracked(WeakReference<LuaValue> value, Collectable target) {
            this.value = value;
            this.target = target;
        }

        @Override
        public void run() {
            host.loop().execute(this::notifyTarget);
        }

        private void notifyTarget() {
            if (notified) {
                return;
            }
            notified = true;
            tracked.remove(this);
            if (!closed) {
                target.collected();
            }
        }
    }

    /**
     * {@code collectgarbage}: a full collection also announces the objects it freed. The options that tune Lua's own
     * collector ({@code "stop"}, {@code "restart"}, {@code "setpause"}, {@code "setstepmul"}) mean nothing to the
     * JVM's: accepted and ignored, with 5.1's results, where LuaJ would raise "invalid option".
     */
    private final class CollectGarbage extends VarArgFunction {
        private static final int DEFAULT_TUNING = 200; // 5.1's LUAI_GCPAUSE and LUAI_GCMUL
        private final LuaValue original;
        private int pause = DEFAULT_TUNING;
        private int stepMultiplier = DEFAULT_TUNING;

        CollectGarbage(LuaValue original) {
            this.original = original;
            this.name = "collectgarbage";
        }

        @Override
        public Varargs invoke(Varargs args) {
            String option = args.optjstring(1, "collect");
            switch (option) {
                case "stop", "restart" -> {
                    return valueOf(0);
                }
                case "setpause" -> {
                    int previous = pause;
                    pause = args.optint(2, 0);
                    return valueOf(previous);
                }
                case "setstepmul" -> {
                    int previous = stepMultiplier;
                    stepMultiplier = args.optint(2, 0);
                    return valueOf(previous);
                }
                default -> {
                }
            }
            Varargs result = original.invoke(args);
            if ("collect".equals(option)) {
                announceCollected();
            }
            return result;
        }
    }

    /** An object type: its shared metatable. */
    record LuajType(String name, LuaTable metatable) implements ObjectType {
    }
}
