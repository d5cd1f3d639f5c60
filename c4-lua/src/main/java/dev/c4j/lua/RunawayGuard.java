package dev.c4j.lua;

import dev.c4j.lua.spi.LuaState;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Interrupts a call into a driver's Lua code (a callback, an entry point, the main chunk) that runs longer than the
 * driver's limit, through {@link LuaState#interrupt}: the call fails with a Lua error naming it, reported like any
 * other, and the driver carries on with its next callback. When the driver stops, whatever still runs at the stop
 * deadline is interrupted the same way.
 *
 * <p>Cost on the loop: each outermost call is numbered and the number published with a release store; no clock is
 * read. One daemon thread watches every driver of the JVM: it sees a call that keeps the same number over its
 * ticks for longer than the limit, so a call is interrupted between the limit and the limit plus two ticks.
 */
final class RunawayGuard {

    static final Duration TICK = Duration.ofMillis(50);

    private static final Set<RunawayGuard> WATCHED = ConcurrentHashMap.newKeySet();
    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "c4j-runaway-guard");
        thread.setDaemon(true);
        return thread;
    });

    static {
        WATCHDOG.scheduleWithFixedDelay(RunawayGuard::checkAll, TICK.toMillis(), TICK.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private static final VarHandle RUNNING;
    private static final VarHandle STOP_DEADLINE;

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            RUNNING = lookup.findVarHandle(RunawayGuard.class, "running", long.class);
            STOP_DEADLINE = lookup.findVarHandle(RunawayGuard.class, "stopDeadline", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final LuaState state;
    private volatile long limitNanos; // 0: only the stop deadline applies

    // the loop's side
    private long lastId;
    @SuppressWarnings("unused") // through RUNNING
    private long running; // the outermost call in progress, 0 between calls
    private LuaPeer peer; // what it runs, for the message only: read racily by the watchdog
    private Object what;

    // the watchdog's side
    @SuppressWarnings("unused") // through STOP_DEADLINE
    private long stopDeadline; // System.nanoTime() from which any call is interrupted; 0 while not stopping
    private long seen;
    private long seenAt;

    private RunawayGuard(LuaState state, Duration limit) {
        this.state = state;
        this.limitNanos = limit.toNanos();
    }

    /** Starts watching the calls into {@code state}; {@code limit} zero: only {@link #stopBy} interrupts. */
    static RunawayGuard watch(LuaState state, Duration limit) {
        RunawayGuard guard = new RunawayGuard(state, limit);
        WATCHED.add(guard);
        return guard;
    }

    /** No more watching: the state is being closed. */
    void close() {
        WATCHED.remove(this);
    }

    // ---- the loop ------------------------------------------------------------------------------------------------

    /** The outermost call into Lua begins (loop thread). */
    void started() {
        long id = ++lastId;
        state.runningCallback(id);
        RUNNING.setRelease(this, id);
    }

    /** It returned (loop thread). */
    void finished() {
        RUNNING.setRelease(this, 0L);
        state.runningCallback(0);
    }

    /** What is about to be called, for the message: a handler slot of {@code peer}, or a name when peer is null. */
    void calling(LuaPeer peer, Object what) {
        this.peer = peer;
        this.what = what;
    }

    /** From now on, whatever runs at {@code deadline} (System.nanoTime) or later is interrupted (any thread). */
    void stopBy(long deadline) {
        STOP_DEADLINE.setRelease(this, deadline == 0 ? 1 : deadline);
    }

    /**
     * The loop has reached the driver's stop: the stop deadline no longer applies, and what runs from now on
     * ({@code OnDriverDestroyed}) may take {@code limit} at most.
     */
    void stopping(Duration limit) {
        long nanos = limit.toNanos();
        limitNanos = limitNanos == 0 ? nanos : Math.min(limitNanos, nanos);
        STOP_DEADLINE.setRelease(this, 0L);
    }

    // ---- the watchdog ----------------------------------------------------------------------------------------------

    private static void checkAll() {
        long now = System.nanoTime();
        for (RunawayGuard guard : WATCHED) {
            try {
                guard.check(now);
            } catch (RuntimeException e) {
                // a state closing under us: nothing to interrupt any more
            }
        }
    }

    private void check(long now) {
        long id = (long) RUNNING.getAcquire(this);
        if (id == 0) {
            return;
        }
        if (id != seen) {
            seen = id;
            seenAt = now;
        }
        long limit = limitNanos;
        long stop = (long) STOP_DEADLINE.getAcquire(this);
        boolean overLimit = limit > 0 && now - seenAt >= limit;
        boolean stopping = stop != 0 && now - stop >= 0;
        if (overLimit || stopping) {
            // Sent again at every tick while it still runs: the engine may have let an earlier one go by as stale.
            state.interrupt(id, message(overLimit, limit));
        }
    }

    private String message(boolean overLimit, long limitNanos) {
        LuaPeer callee = peer;
        Object name = what;
        String subject = callee != null && name instanceof Integer slot
                ? callee.handlerName(slot) + " of " + callee.object
                : String.valueOf(name);
        return overLimit
                ? subject + " ran longer than " + describe(limitNanos) + " and was interrupted"
                : subject + " was interrupted: the driver is stopping";
    }

    private static String describe(long nanos) {
        long millis = TimeUnit.NANOSECONDS.toMillis(nanos);
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis + " ms";
    }
}
