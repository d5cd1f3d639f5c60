package dev.c4j.api.host;

import java.util.List;
import java.util.Map;

/**
 * The simulated controller (rule H1): one per runtime, serving every hosted driver. It answers the Director
 * calls of each driver ({@link Device}), records them, and plays the controller's side of the project.
 */
public interface Director {

    /**
     * Adds a hosted driver to the project: a device id, its proxies, its properties (an override from
     * {@code propertyOverrides}, else the state store's value, else the manifest's default), variables and
     * persisted data restored from its state.
     */
    Device attach(DriverPackage driverPackage, Map<String, String> propertyOverrides, DriverPort port);

    /** The control surface of a device {@link #attach attached} here (tests, the console, applications). */
    DriverControl control(Device device);

    /** The record, from the first call with a sequence number greater than {@code afterSeq}. */
    List<DirectorCall> calls(long afterSeq);
}
