package dev.c4j.api;

/** What one driver runs on: its loop, clock, timers and sockets. Made by a {@link Platform}. */
public interface DriverEnvironment extends AutoCloseable {

    DriverLoop loop();

    TimerService timers();

    DriverNetwork network();

    /** What the driver may use (its sockets keep to {@link DriverLimits#bufferedInput} themselves). */
    default DriverLimits limits() {
        return DriverLimits.DEFAULT;
    }

    /** Cancels the timers, closes the sockets silently and lets the loop go. Waits for the loop to finish. */
    @Override
    void close();
}
