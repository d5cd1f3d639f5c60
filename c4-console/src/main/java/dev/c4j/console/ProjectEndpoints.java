package dev.c4j.console;

import java.util.List;

/** The project around the driver: bindings made and broken, system and device events, removing the driver. */
final class ProjectEndpoints {

    private final ControlCalls calls;

    ProjectEndpoints(ControlCalls calls) {
        this.calls = calls;
    }

    List<Route> routes() {
        return List.of(
                Route.post("/api/bind", this::bind),
                Route.post("/api/unbind", this::unbind),
                Route.post("/api/system-event", this::systemEvent),
                Route.post("/api/device-event", this::deviceEvent),
                Route.post("/api/remove", this::remove));
    }

    /**
     * {@code {"providerDevice": 200, "providerBinding": 1, "consumerDevice": 100, "consumerBinding": 1,
     * "class": "..."}}.
     */
    private Reply bind(Request request) {
        Body body = request.body("providerDevice", "providerBinding", "consumerDevice", "consumerBinding", "class");
        int providerDevice = body.integer("providerDevice");
        int providerBinding = body.integer("providerBinding");
        int consumerDevice = body.integer("consumerDevice");
        int consumerBinding = body.integer("consumerBinding");
        String bindingClass = body.text("class");
        return calls.run(driver ->
                driver.bind(providerDevice, providerBinding, consumerDevice, consumerBinding, bindingClass));
    }

    /** {@code {"consumerDevice": 100, "consumerBinding": 1}}. */
    private Reply unbind(Request request) {
        Body body = request.body("consumerDevice", "consumerBinding");
        int consumerDevice = body.integer("consumerDevice");
        int consumerBinding = body.integer("consumerBinding");
        return calls.run(driver -> driver.unbind(consumerDevice, consumerBinding));
    }

    /** {@code {"name": "OnPIP", "deviceId": 0, "data": ""}}: {@code deviceId} 0 and {@code data} "" when absent. */
    private Reply systemEvent(Request request) {
        Body body = request.body("name", "deviceId", "data");
        String name = body.text("name");
        int deviceId = body.integer("deviceId", 0);
        String data = body.text("data", "");
        return calls.run(driver -> driver.systemEvent(name, deviceId, data));
    }

    /** {@code {"deviceId": 200, "eventId": 1}}. */
    private Reply deviceEvent(Request request) {
        Body body = request.body("deviceId", "eventId");
        int deviceId = body.integer("deviceId");
        int eventId = body.integer("eventId");
        return calls.run(driver -> driver.deviceEvent(deviceId, eventId));
    }

    /** No body (or {@code {}}): {@code OnDriverRemovedFromProject}, then the driver stops. */
    private Reply remove(Request request) {
        request.body();
        return calls.run(driver -> driver.remove());
    }
}
