package dev.c4j.host.director;

/**
 * The simulated project's fixed facts (host spec §0.1), each configurable.
 *
 * @param firstDeviceId the first hosted driver's device id; later drivers take the next free hundred
 * @param roomId        the room every hosted driver is in
 * @param roomName      its name
 * @param osVersion     {@code GetVersionInfo().version}: four numeric parts, which drivers parse
 * @param controllerAddress {@code GetControllerNetworkAddress()}; null: the host's first non-loopback IPv4
 */
public record ProjectSettings(int firstDeviceId, int roomId, String roomName, String osVersion,
                              String controllerAddress) {

    public static final ProjectSettings DEFAULT = new ProjectSettings(100, 10, "Room", "4.0.0.0", null);
}
