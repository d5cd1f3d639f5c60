package dev.c4j.lua;

import dev.c4j.api.Timer;

import java.util.HashMap;
import java.util.Map;

/**
 * {@code C4:AddTimer(interval, units[, repeat])} and {@code C4:KillTimer(id)} (spec 6.3): timers known by a
 * number, firing the global {@code OnTimerExpired(id)}. Late repeating ones are coalesced by the timer service;
 * no skips are passed.
 */
final class LegacyTimers {

    private final DriverContext ctx;
    private final Map<Long, Timer> timers = new HashMap<>();
    private long lastId;

    LegacyTimers(DriverContext ctx) {
        this.ctx = ctx;
    }

    Object add(Args args) {
        ctx.checkInitTime("AddTimer");
        double interval = args.checkNumber(1);
        String units = args.checkString(2);
        boolean repeat = args.toBoolean(3);
        long unitMillis = switch (units) { // CHOICE (A29)
            case "MILLISECONDS" -> 1;
            case "SECONDS" -> 1_000;
            case "MINUTES" -> 60_000;
            case "HOURS" -> 3_600_000;
            default -> throw args.error(2, "MILLISECONDS, SECONDS, MINUTES or HOURS expected, got '" + units + "'");
        };
        double millis = Math.ceil(interval * unitMillis);
        if (!(millis > 0) || Double.isInfinite(millis)) {
            throw args.error(1, "interval must be a positive number");
        }
        long id = ++lastId;
        Timer timer = ctx.environment.timers().start((long) millis, repeat, (t, skips) -> expired(id, repeat));
        timers.put(id, timer);
        return id;
    }

    /** Returns 0, so that {@code handle = C4:KillTimer(handle)} resets the handle; unknown ids are ignored. */
    Object kill(Args args) {
        ctx.checkInitTime("KillTimer");
        long id = Args.truncate(args.checkNumber(1));
        Timer timer = timers.remove(id);
        if (timer != null) {
            timer.cancel();
        }
        return 0;
    }

    private void expired(long id, boolean repeat) {
        if (!repeat) {
            timers.remove(id);
        }
        ctx.callGlobal("OnTimerExpired", id);
    }

    /** Teardown: the timer service cancels the timers themselves. */
    void forgetAll() {
        timers.clear();
    }
}
