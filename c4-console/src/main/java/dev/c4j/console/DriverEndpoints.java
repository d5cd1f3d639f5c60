package dev.c4j.console;

import dev.c4j.api.host.DriverControl;
import java.util.List;

/** {@code GET /api/driver}: the driver's snapshot and what its manifest declares. */
final class DriverEndpoints {

    private final DriverControl control;

    DriverEndpoints(DriverControl control) {
        this.control = control;
    }

    List<Route> routes() {
        return List.of(Route.get("/api/driver", request -> Reply.json(ConsoleJson.driver(control.info()))));
    }
}
