package dev.c4j.console;

import dev.c4j.api.host.DriverControl;
import dev.c4j.api.host.DriverManifest;
import java.util.List;

/**
 * Values set from outside the driver, as Composer or another device would: properties, variables, another
 * device's variables and network binding addresses.
 */
final class SettingEndpoints {

    private final DriverControl control;
    private final ControlCalls calls;

    SettingEndpoints(DriverControl control, ControlCalls calls) {
        this.control = control;
        this.calls = calls;
    }

    List<Route> routes() {
        return List.of(
                Route.put("/api/properties/{name}", this::setProperty),
                Route.put("/api/variables/{name}", this::setVariable),
                Route.put("/api/device-variables/{device}/{ident}", this::setDeviceVariable),
                Route.put("/api/bindings/{id}", this::setBindingAddress));
    }

    /** {@code {"value": "...", "force": false}}; 404 for a property a driver.xml does not declare. */
    private Reply setProperty(Request request) {
        String name = request.variable("name");
        DriverManifest manifest = control.info().manifest();
        if (manifest.declared() && manifest.property(name).isEmpty()) {
            throw HttpError.notFound("the driver declares no property '" + name + "'");
        }
        Body body = request.body("value", "force");
        String value = body.text("value");
        boolean force = body.flag("force");
        return calls.run(driver -> driver.setProperty(name, value, force));
    }

    /** {@code {"value": "...", "force": false}}. */
    private Reply setVariable(Request request) {
        String name = request.variable("name");
        Body body = request.body("value", "force");
        String value = body.text("value");
        boolean force = body.flag("force");
        return calls.run(driver -> driver.setVariable(name, value, force));
    }

    /** {@code {"value": "..."}}. */
    private Reply setDeviceVariable(Request request) {
        int device = request.integerVariable("device");
        String ident = request.variable("ident");
        String value = request.body("value").text("value");
        return calls.run(driver -> driver.setDeviceVariable(device, ident, value));
    }

    /** {@code {"address": "..."}}; {@code ""} clears the address. */
    private Reply setBindingAddress(Request request) {
        int id = request.integerVariable("id");
        String address = request.body("address").text("address");
        return calls.run(driver -> driver.setBindingAddress(id, address));
    }
}
