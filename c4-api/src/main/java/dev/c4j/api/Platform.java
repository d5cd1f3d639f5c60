package dev.c4j.api;

/**
 * The networking and timing platform drivers run on (Netty in c4-net). One per process or test; it owns
 * the threads, each driver gets its own loop among them.
 */
public interface Platform extends AutoCloseable {

    /** A fresh environment for one driver, on its own loop, its timers on {@code clock}. */
    DriverEnvironment open(String driverName, DriverClock clock);

    /** Stops every thread of the platform. */
    @Override
    void close();
}
