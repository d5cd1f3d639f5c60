package dev.c4j.console;

import dev.c4j.api.host.DriverManifest;
import dev.c4j.api.host.DriverManifest.Action;
import dev.c4j.api.host.DriverManifest.Command;
import dev.c4j.api.host.DriverManifest.Conditional;
import dev.c4j.api.host.DriverManifest.Connection;
import dev.c4j.api.host.DriverManifest.Event;
import dev.c4j.api.host.DriverManifest.Param;
import dev.c4j.api.host.DriverManifest.Port;
import dev.c4j.api.host.DriverManifest.Property;
import dev.c4j.api.host.DriverManifest.Proxy;
import java.util.List;
import java.util.Map;

/** Manifests as c4-host would read them from a driver.xml, built by hand. */
final class Manifests {

    private Manifests() {
    }

    static DriverManifest declared() {
        return new DriverManifest("Fake Receiver", "7", "", false,
                List.of(new Property("Port", "RANGED_INTEGER", "2323", false, List.of(), 1.0, 65535.0, "TCP port"),
                        new Property("Mode", "LIST", "Auto", false, List.of("Auto", "Manual"), null, null, ""),
                        new Property("Driver Version", "STRING", "", true, List.of(), null, null, "")),
                List.of(new Command("Set Level", "Sets the level",
                        List.of(new Param("LEVEL", "RANGED_INTEGER", List.of(), 0.0, 100.0)))),
                List.of(new Action("Reconnect Now", "Reconnect", List.of())),
                List.of(new Connection(6001, Connection.NETWORK, "Receiver", true, List.of("TCP"),
                        List.of(new Port(23, Map.of("AUTO_CONNECT", "True"))))),
                List.of(new Proxy(5001, "receiver", "Receiver", true)),
                List.of(new Event(1, "Power On", "The receiver turned on")),
                List.of(new Conditional(1, "IS_ON", "BOOL", "On", "Off")),
                Map.of(), Map.of(), Map.of(), "<name>Fake Receiver</name>");
    }

    static DriverManifest bare() {
        return DriverManifest.bare("fake");
    }
}
