package dev.c4j.api;

/**
 * The time a driver sees: its timers, {@code C4:GetTime} and {@code C4:GetTickCount} all read this one clock.
 * {@link #system()} is real time; {@link VirtualClock} is moved by hand in tests.
 */
public interface DriverClock {

    /** Monotonic nanoseconds; the timers' time base. Only differences are meaningful. */
    long monotonicNanos();

    /** Nanoseconds since the Unix epoch ({@code C4:GetTime}). */
    long epochNanos();

    /** Milliseconds since the host booted (or since JVM start where that is unreadable); never wraps. */
    long tickCountMillis();

    static DriverClock system() {
        return SystemClock.INSTANCE;
    }
}
