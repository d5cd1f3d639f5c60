package dev.c4j.api;

/**
 * The timers of one driver, on its loop and its clock.
 *
 * <p>Repeating timers keep their phase: nominal ticks are {@code t0 + k*period}. When the loop serves a
 * timer late at time T for its earliest unserved tick d, the task runs once with
 * {@code skips = floor((T - d) / period)} and the next tick is {@code d + (skips + 1) * period}
 * (spec section 6.2). Timers due at the same time run in creation order.
 */
public interface TimerService {

    /** The task of a timer; {@code skips} is always 0 for one-shot timers. */
    @FunctionalInterface
    interface Task {
        void expired(Timer timer, long skips);
    }

    /** Starts a timer; {@code delayMillis} must be positive. Callable from the loop (see {@link DriverLoop}). */
    Timer start(long delayMillis, boolean repeat, Task task);

    /** Cancels every timer (driver teardown). */
    void cancelAll();
}
