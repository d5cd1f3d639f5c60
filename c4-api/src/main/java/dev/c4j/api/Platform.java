package dev.c4j.api;

/**
 * The networking and timing platform drivers run on (Netty in c4-net). One per process or test; it owns
 * the threads, each driver gets its own loop among them.
 */
public interface Platform extends AutoCloseable {

    /** A fresh environment for one driver, on its own loop, its timers on {@code clock}, reaching anywhere. */
    default DriverEnvironment open(String driverName, DriverClock clock) {
        return open(driverName, clock, EgressPolicy.ANY);
    }

    /** A fresh environment whose outbound connections follow {@code egress}, with the default limits. */
    default DriverEnvironment open(String driverName, DriverClock clock, EgressPolicy egress) {
        return open(driverName, clock, egress, AddressMap.NONE, DriverLimits.DEFAULT);
    }

    /** A fresh environment with the default limits whose outbound connections go where {@code addresses} says. */
    default DriverEnvironment open(String driverName, DriverClock clock, EgressPolicy egress, AddressMap addresses) {
        return open(driverName, clock, egress, addresses, DriverLimits.DEFAULT);
    }

    /**
     * A fresh environment within {@code limits}, whose outbound connections go where {@code addresses} sends them,
     * and there only when {@code egress} permits the target.
     */
    DriverEnvironment open(String driverName, DriverClock clock, EgressPolicy egress, AddressMap addresses,
                           DriverLimits limits);

    /** Stops every thread of the platform. */
    @Override
    void close();
}
