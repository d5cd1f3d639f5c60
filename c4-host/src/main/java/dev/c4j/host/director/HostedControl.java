package dev.c4j.host.director;

import dev.c4j.api.host.DirectorCall;
import dev.c4j.api.host.DriverControl;
import dev.c4j.api.host.DriverManifest;
import dev.c4j.api.host.EntryResult;
import dev.c4j.api.host.SystemEvents;
import dev.c4j.host.state.DriverState;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * The injection verbs of §2.5 for one hosted device: each runs on the device's loop and completes once the entry
 * point it caused has returned. A value Composer would refuse (a read-only property, a value outside a list or
 * range, an undeclared property) fails the future with an {@link IllegalArgumentException} and reaches nothing.
 */
final class HostedControl implements DriverControl {

    private final SimulatedDirector director;
    private final HostedDevice device;

    HostedControl(SimulatedDirector director, HostedDevice device) {
        this.director = director;
        this.device = device;
    }

    @Override
    public DriverInfo info() {
        return new DriverInfo(device.name(), device.port.engine(), device.id, device.proxyIds(), device.properties(),
                device.variables(), device.manifest);
    }

    @Override
    public CompletableFuture<EntryResult> setProperty(String name, String value, boolean force) {
        return onLoop(() -> {
            DriverManifest.Property property = device.manifest.property(name).orElse(null);
            if (property == null && device.manifest.declared()) {
                throw new IllegalArgumentException("driver.xml declares no property '" + name + "'");
            }
            if (property != null && !force) {
                checkPropertyValue(property, value);
            }
            device.setPropertyValue(name, value);
            device.port.mirror("Properties", name, value);
            return director.callEntryPoint(device, "OnPropertyChanged", name);
        });
    }

    /** What Composer lets a user enter (§1.3): not read-only, one of the items, within the range. */
    private void checkPropertyValue(DriverManifest.Property property, String value) {
        String type = property.type().toUpperCase(Locale.ROOT);
        if (property.readOnly()) {
            throw new IllegalArgumentException("property '" + property.name() + "' is read-only");
        }
        if ((type.equals("LIST") || type.equals("DYNAMIC_LIST")) && !device.propertyItems(property).contains(value)) {
            throw new IllegalArgumentException("property '" + property.name() + "': '" + value
                    + "' is not one of " + device.propertyItems(property));
        }
        if (property.minimum() != null || property.maximum() != null) {
            double number;
            try {
                number = Double.parseDouble(value.trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("property '" + property.name() + "': '" + value
                        + "' is not a number");
            }
            if ((type.equals("RANGED_INTEGER") || type.equals("SCROLL") || type.equals("TRACK"))
                    && number != Math.rint(number)) {
                throw new IllegalArgumentException("property '" + property.name() + "': '" + value
                        + "' is not an integer");
            }
            if ((property.minimum() != null && number < property.minimum())
                    || (property.maximum() != null && number > property.maximum())) {
                throw new IllegalArgumentException("property '" + property.name() + "': " + value
                        + " is outside " + property.minimum() + " .. " + property.maximum());
            }
        }
    }

    @Override
    public CompletableFuture<EntryResult> command(String name, Map<String, String> params) {
        return onLoop(() -> director.callEntryPoint(device, "ExecuteCommand", name, copy(params)));
    }

    @Override
    public CompletableFuture<EntryResult> action(String name, Map<String, String> params) {
        return onLoop(() -> {
            DriverManifest.Action action = device.manifest.action(name).orElse(null);
            if (action == null && device.manifest.declared()) {
                throw new IllegalArgumentException("driver.xml declares no action '" + name + "'");
            }
            Map<String, String> actionParams = new LinkedHashMap<>();
            actionParams.put("ACTION", action != null ? action.command() : name);
            actionParams.putAll(params);
            return director.callEntryPoint(device, "ExecuteCommand", "LUA_ACTION", actionParams);
        });
    }

    @Override
    public CompletableFuture<EntryResult> proxy(int bindingId, String command, Map<String, String> params) {
        return onLoop(() -> director.callEntryPoint(device, "ReceivedFromProxy", bindingId, command, copy(params)));
    }

    @Override
    public CompletableFuture<EntryResult> uiRequest(String request, Map<String, String> params) {
        return onLoop(() -> device.uiRequest(request, copy(params)));
    }

    @Override
    public CompletableFuture<EntryResult> testCondition(String name, Map<String, String> params) {
        return onLoop(() -> director.callEntryPoint(device, "TestCondition", name, copy(params)));
    }

    @Override
    public CompletableFuture<EntryResult> commandParamList(String command, String param) {
        return onLoop(() -> director.callEntryPoint(device, "GetCommandParamList", command, param));
    }

    @Override
    public CompletableFuture<EntryResult> bind(int providerDevice, int providerBinding, int consumerDevice,
                                               int consumerBinding, String bindingClass) {
        return afterPosted(() -> director.bind(providerDevice, providerBinding, consumerDevice, consumerBinding,
                bindingClass));
    }

    @Override
    public CompletableFuture<EntryResult> unbind(int consumerDevice, int consumerBinding) {
        return afterPosted(() -> director.unbind(consumerDevice, consumerBinding));
    }

    @Override
    public CompletableFuture<EntryResult> setBindingAddress(int bindingId, String address) {
        return onLoop(() -> {
            device.network.setAddressFromOutside(bindingId, address);
            EntryResult result = director.callEntryPoint(device, "OnNetworkBindingChanged", bindingId,
                    !address.isEmpty());
            device.network.readdressed(bindingId); // N2: auto-connect ports connect to the new address
            return result;
        });
    }

    @Override
    public CompletableFuture<EntryResult> setVariable(String name, String value, boolean force) {
        return onLoop(() -> {
            DriverState.Variable variable = device.findVariable(name);
            if (variable == null) {
                throw new IllegalArgumentException("the driver has no variable '" + name + "'");
            }
            if (variable.readOnly() && !force) {
                throw new IllegalArgumentException("variable '" + name + "' is read-only");
            }
            return device.setVariableFromOutside(name, value);
        });
    }

    @Override
    public CompletableFuture<EntryResult> setDeviceVariable(int deviceId, String ident, String value) {
        HostedDevice target = director.device(deviceId);
        if (target == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no device " + deviceId));
        }
        return director.onLoop(target, () -> target.setVariableFromOutside(ident, value));
    }

    @Override
    public CompletableFuture<EntryResult> systemEvent(String name, int deviceId, String data) {
        return onLoop(() -> {
            Integer eventId = SystemEvents.id(name);
            if (eventId == null) {
                throw new IllegalArgumentException("no system event named '" + name + "'");
            }
            if (!director.subscribedToSystemEvent(device, eventId, deviceId)) {
                return EntryResult.UNHANDLED;
            }
            String text = data == null ? "" : data;
            if (!text.contains("name=\"")) { // the vendor's dispatcher finds the event's name with this pattern
                String eventName = SystemEvents.name(eventId) != null ? SystemEvents.name(eventId) : name;
                text = "<event name=\"" + eventName + "\" deviceid=\"" + deviceId + "\">" + text + "</event>";
            }
            return director.callEntryPoint(device, "OnSystemEvent", text);
        });
    }

    @Override
    public CompletableFuture<EntryResult> deviceEvent(int deviceId, int eventId) {
        return onLoop(() -> director.deviceEventSubscribers(deviceId, eventId).contains(device)
                ? director.callEntryPoint(device, "OnDeviceEvent", deviceId, eventId)
                : EntryResult.UNHANDLED);
    }

    @Override
    public CompletableFuture<EntryResult> remove() {
        return onLoop(() -> {
            EntryResult result = director.callEntryPoint(device, "OnDriverRemovedFromProject");
            device.port.stopDriver();
            return result;
        });
    }

    @Override
    public List<DirectorCall> calls(long afterSeq) {
        return director.calls(afterSeq, device.name());
    }

    private CompletableFuture<EntryResult> onLoop(Supplier<EntryResult> work) {
        return director.onLoop(device, work);
    }

    /** Runs {@code change}, then completes after the entry points it posted to this device's loop have run. */
    private CompletableFuture<EntryResult> afterPosted(Runnable change) {
        CompletableFuture<EntryResult> done = device.track(new CompletableFuture<>());
        if (done.isDone()) {
            return done; // the driver has stopped
        }
        device.port.loop().execute(() -> {
            try {
                change.run();
                // The loop runs tasks in order: this one comes after the OnBindingChanged the change posted here.
                device.port.loop().execute(() -> done.complete(EntryResult.returned(null)));
            } catch (Throwable t) {
                done.completeExceptionally(t);
            }
        });
        return done;
    }

    private static Map<String, String> copy(Map<String, String> params) {
        return params == null ? Map.of() : new LinkedHashMap<>(params);
    }
}
