package dev.c4j.lua;

import dev.c4j.api.DriverLoop;
import dev.c4j.api.DriverNetwork;
import dev.c4j.api.TimerService;
import dev.c4j.api.host.DriverPort;
import dev.c4j.api.host.EntryResult;
import dev.c4j.lua.spi.LuaException;
import dev.c4j.lua.spi.LuaState;
import dev.c4j.lua.spi.LuaValueRef;

/** How Director reaches one driver's Lua state: entry points and table mirrors, on the driver's loop. */
final class LuaDriverPort implements DriverPort {

    private final DriverContext ctx;

    LuaDriverPort(DriverContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public DriverLoop loop() {
        return ctx.environment.loop();
    }

    @Override
    public DriverNetwork network() {
        return ctx.environment.network();
    }

    @Override
    public TimerService timers() {
        return ctx.environment.timers();
    }

    @Override
    public String engine() {
        return ctx.engineName();
    }

    @Override
    public void warning(String text) {
        ctx.output.message(ctx.name, DriverOutput.Kind.WARNING, text);
    }

    @Override
    public void stopDriver() {
        ctx.stopRequest.run();
    }

    @Override
    public void mirror(String table, String key, String value) {
        ctx.mirror(table, key, value);
    }

    /** The entry point with its first result as a plain copy (H5); a Lua error is reported and handed back. */
    @Override
    public EntryResult call(String entryPoint, Object... args) {
        LuaState state = ctx.state();
        if (ctx.closed() || state == null) {
            return EntryResult.UNHANDLED;
        }
        LuaValueRef function = state.globalFunction(entryPoint);
        if (function == null) {
            return EntryResult.UNHANDLED;
        }
        ctx.calling(null, entryPoint);
        ctx.enter(null);
        try {
            Object[] results = state.call(function, args);
            Object first = results.length == 0 ? null : results[0];
            if (first instanceof LuaValueRef ref) {
                first = state.toValue(ref);
            }
            for (Object result : results) {
                if (result instanceof LuaValueRef ref) {
                    ref.release();
                }
            }
            return EntryResult.returned(HostValues.forRecord(first));
        } catch (LuaException e) {
            ctx.reportLuaError(e.getMessage());
            return EntryResult.failed(e.getMessage());
        } catch (OutOfMemoryError e) {
            ctx.outOfMemory(e);
            return EntryResult.failed("out of memory");
        } finally {
            ctx.exit();
            function.release();
        }
    }
}
