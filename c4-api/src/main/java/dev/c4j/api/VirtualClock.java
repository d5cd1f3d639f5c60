package dev.c4j.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A clock that only moves when told to. Each driver loop whose timers run on this clock registers a
 * {@link Listener}; {@link #advance} moves time forward and returns only after every listener has served
 * the timers due by the new time, so a test sees their effects at once and in a deterministic order.
 */
public final class VirtualClock implements DriverClock {

    /** Told of every advance; returns once the timers due by {@code nowNanos} have run. */
    public interface Listener {
        void advanced(long nowNanos);
    }

    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final long epochOriginNanos;
    private volatile long nanos;

    public VirtualClock() {
        this(Instant.parse("2026-01-01T00:00:00Z"));
    }

    public VirtualClock(Instant epochStart) {
        this.epochOriginNanos = epochStart.getEpochSecond() * 1_000_000_000L + epochStart.getNano();
    }

    /** Moves time forward by {@code by} and waits until every due timer has run on its loop. */
    public void advance(Duration by) {
        if (by.isNegative()) {
            throw new IllegalArgumentException("time only moves forward: " + by);
        }
        long now;
        synchronized (this) {
            nanos += by.toNanos();
            now = nanos;
        }
        for (Listener l : listeners) {
            l.advanced(now);
        }
    }

    public void advanceMillis(long millis) {
        advance(Duration.ofMillis(millis));
    }

    public void addListener(Listener l) {
        listeners.add(l);
    }

    public void removeListener(Listener l) {
        listeners.remove(l);
    }

    @Override
    public long monotonicNanos() {
        return nanos;
    }

    @Override
    public long epochNanos() {
        return epochOriginNanos + nanos;
    }

    @Override
    public long tickCountMillis() {
        return nanos / 1_000_000L;
    }
}
