package dev.c4j.lua;

import dev.c4j.api.Timer;

import java.util.Map;

/**
 * Saves the global {@code PersistData} (§3.7, B18): checked once a second on the driver's timer clock, after
 * turns that ran driver code, saved when its plain copy changed; and once more after {@code OnDriverDestroyed}.
 * Whatever table the global names at save time is saved.
 */
final class PersistDataSaver {

    private static final long CHECK_MILLIS = 1000;

    private final DriverContext ctx;
    private Timer timer;
    private boolean warnedUnstorable;

    PersistDataSaver(DriverContext ctx) {
        this.ctx = ctx;
    }

    void start() {
        timer = ctx.environment.timers().start(CHECK_MILLIS, true, (t, skips) -> {
            if (ctx.ranDriverCode) {
                ctx.ranDriverCode = false;
                save();
            }
        });
    }

    @SuppressWarnings("unchecked")
    void save() {
        if (ctx.closed() || ctx.device() == null) {
            return;
        }
        Object value = ctx.state().getGlobal("PersistData");
        if (!(value instanceof Map<?, ?>)) {
            return;
        }
        Map<Object, Object> data = (Map<Object, Object>) value;
        if (PersistValues.dropUnstorable(data) && !warnedUnstorable) {
            warnedUnstorable = true;
            ctx.output.message(ctx.name, DriverOutput.Kind.WARNING, "PersistData holds functions, userdata, coroutines or cycles;"
                    + " they are not saved");
        }
        ctx.device().savePersistData(data);
    }

    void stop() {
        if (timer != null) {
            timer.cancel();
        }
    }
}
