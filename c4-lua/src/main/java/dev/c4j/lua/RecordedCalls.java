package dev.c4j.lua;

import dev.c4j.api.host.Device;
import dev.c4j.lua.spi.LuaFrame;
import dev.c4j.lua.spi.LuaFunction;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Defines Director calls in the {@code C4} table: each {@code C4:Name(...)} checks its arguments, gets the init-time
 * advice (H9), and is recorded with its arguments and result (H1) once it returned.
 */
final class RecordedCalls {

    /** What a Director call does once its arguments are known; its return value goes back to Lua. */
    @FunctionalInterface
    interface Call {
        Object apply(Args args);
    }

    /** A call whose record shows other arguments than Lua passed (the message as sent, masked values). */
    @FunctionalInterface
    interface RecordedCall {
        Recorded apply(Args args);
    }

    /** What goes back to Lua, and the arguments for the record (null: the Lua arguments as given). */
    record Recorded(Object result, List<Object> args) {
    }

    private final Map<String, LuaFunction> c4;
    private final DriverContext ctx;
    private final Device device;

    RecordedCalls(Map<String, LuaFunction> c4, DriverContext ctx, Device device) {
        this.c4 = c4;
        this.ctx = ctx;
        this.device = device;
    }

    /** Registers {@code C4:name}: arguments checked by {@code call}, then recorded with the result. */
    void define(String name, Call call) {
        defineRecorded(name, args -> new Recorded(call.apply(args), null));
    }

    /** {@link #define} for a call that says what its record shows. */
    void defineRecorded(String name, RecordedCall call) {
        c4.put(name, frame -> {
            Args args = Args.method(frame, name);
            ctx.checkInitTime(name);
            Recorded done = call.apply(args);
            device.record(name, done.args() != null ? done.args() : argumentsOf(frame),
                    resultForRecord(done.result()));
            return done.result();
        });
    }

    /** The Lua arguments for the record, argument {@code n} (1-based, as {@link Args} counts) replaced when given. */
    static List<Object> argumentsWith(Args args, int n, Object value) {
        List<Object> values = argumentsOf(args.frame());
        if (n <= values.size()) {
            values.set(n - 1, value);
        }
        return values;
    }

    private static List<Object> argumentsOf(LuaFrame frame) {
        List<Object> values = new ArrayList<>();
        for (int i = 2; i <= frame.count(); i++) { // index 1 is C4 itself
            values.add(HostValues.forRecord(frame.toValue(i)));
        }
        return values;
    }

    private static Object resultForRecord(Object result) {
        if (result instanceof LuaFunction.Results results) {
            return results.values().isEmpty() ? null : HostValues.forRecord(new ArrayList<>(results.values()));
        }
        return HostValues.forRecord(result);
    }
}
