package dev.c4j.console;

import dev.c4j.api.host.DriverControl;
import dev.c4j.api.host.DriverManifest;
import java.util.List;
import java.util.Map;

/**
 * Entry points that take a command and its parameters and answer a result: commands, actions, proxy messages,
 * UI requests and conditions. Each answers the entry point's {@code {"handled", "result", "error"}}.
 */
final class InvocationEndpoints {

    private final DriverControl control;
    private final ControlCalls calls;

    InvocationEndpoints(DriverControl control, ControlCalls calls) {
        this.control = control;
        this.calls = calls;
    }

    List<Route> routes() {
        return List.of(
                Route.post("/api/commands", this::command),
                Route.post("/api/actions/{name}", this::action),
                Route.post("/api/proxy", this::proxy),
                Route.post("/api/ui-request", this::uiRequest),
                Route.post("/api/test-condition", this::testCondition));
    }

    /** {@code {"command": "...", "params": {...}}}: {@code ExecuteCommand}, declared in driver.xml or not. */
    private Reply command(Request request) {
        Body body = request.body("command", "params");
        String command = body.text("command");
        Map<String, String> params = body.params();
        return calls.run(driver -> driver.command(command, params));
    }

    /** Optional {@code {"params": {...}}}; 404 for an action a driver.xml does not declare. */
    private Reply action(Request request) {
        String name = request.variable("name");
        DriverManifest manifest = control.info().manifest();
        if (manifest.declared() && manifest.action(name).isEmpty()) {
            throw HttpError.notFound("the driver declares no action '" + name + "'");
        }
        Map<String, String> params = request.body("params").params();
        return calls.run(driver -> driver.action(name, params));
    }

    /** {@code {"binding": 5001, "command": "...", "params": {...}}}: {@code ReceivedFromProxy}. */
    private Reply proxy(Request request) {
        Body body = request.body("binding", "command", "params");
        int binding = body.integer("binding");
        String command = body.text("command");
        Map<String, String> params = body.params();
        return calls.run(driver -> driver.proxy(binding, command, params));
    }

    /** {@code {"command": "...", "params": {...}}}: {@code UIRequest}. */
    private Reply uiRequest(Request request) {
        Body body = request.body("command", "params");
        String command = body.text("command");
        Map<String, String> params = body.params();
        return calls.run(driver -> driver.uiRequest(command, params));
    }

    /** {@code {"name": "...", "params": {...}}}: {@code TestCondition}. */
    private Reply testCondition(Request request) {
        Body body = request.body("name", "params");
        String name = body.text("name");
        Map<String, String> params = body.params();
        return calls.run(driver -> driver.testCondition(name, params));
    }
}
