package dev.c4j.host.director;

import dev.c4j.api.host.Device;
import dev.c4j.api.host.Director;
import dev.c4j.api.host.DirectorCall;
import dev.c4j.api.host.DriverControl;
import dev.c4j.api.host.DriverPackage;
import dev.c4j.api.host.DriverPort;
import dev.c4j.api.host.EntryResult;
import dev.c4j.host.state.DriverState;
import dev.c4j.host.state.StateStore;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The simulated controller of one runtime (rule H1): the project's hosted devices, the bindings between them,
 * who watches which variable and event, the global registry, and the record of every Director call.
 */
public final class SimulatedDirector implements Director {

    final ProjectSettings settings;
    private final Function<String, StateStore> stateStores;
    private final CallRecord record = new CallRecord();
    private final Map<Integer, HostedDevice> devices = new ConcurrentHashMap<>();
    private final List<Binding> bindings = new CopyOnWriteArrayList<>();
    private final Map<Watch, Set<HostedDevice>> variableWatchers = new ConcurrentHashMap<>();
    private final Map<Watch, Set<HostedDevice>> deviceEventSubscribers = new ConcurrentHashMap<>();
    private final Map<HostedDevice, Set<Watch>> systemEventSubscriptions = new ConcurrentHashMap<>();
    final Map<Object, Object> registry = new ConcurrentHashMap<>();
    final Map<String, String> projectProperties = new ConcurrentHashMap<>();
    private final Map<Integer, String> bindingAddresses;
    private volatile String controllerAddress;
    private volatile String uniqueMac;

    /**
     * @param stateStores the state store of a driver by its name (an in-memory one, or a folder per driver)
     */
    public SimulatedDirector(ProjectSettings settings, Function<String, StateStore> stateStores) {
        this(settings, stateStores, Map.of());
    }

    /**
     * @param bindingAddresses the installer's network binding addresses by binding id ({@code --binding 6001=host}),
     *                         for every hosted driver that has such a binding
     */
    public SimulatedDirector(ProjectSettings settings, Function<String, StateStore> stateStores,
                             Map<Integer, String> bindingAddresses) {
        this.settings = settings;
        this.stateStores = stateStores;
        this.bindingAddresses = Map.copyOf(bindingAddresses);
    }

    /** A binding between two devices (§3.6). */
    record Binding(int providerDevice, int providerBinding, int consumerDevice, int consumerBinding,
                   String bindingClass) {
    }

    /** (device, id): a variable or an event of a device. */
    private record Watch(int deviceId, int id) {
    }

    @Override
    public synchronized Device attach(DriverPackage driverPackage, Map<String, String> propertyOverrides,
                                      DriverPort port) {
        int id = settings.firstDeviceId();
        while (devices.containsKey(id) || proxyOwner(id) != null) {
            id += 100;
        }
        HostedDevice device = new HostedDevice(this, id, driverPackage, propertyOverrides, port,
                stateStores.apply(driverPackage.name()), bindingAddresses);
        devices.put(id, device);
        return device;
    }

    @Override
    public DriverControl control(Device device) {
        return new HostedControl(this, (HostedDevice) device);
    }

    @Override
    public List<DirectorCall> calls(long afterSeq) {
        return record.after(afterSeq, null);
    }

    List<DirectorCall> calls(long afterSeq, String driver) {
        return record.after(afterSeq, driver);
    }

    // ---- the project -------------------------------------------------------------------------------------------

    HostedDevice device(int deviceId) {
        return devices.get(deviceId);
    }

    Collection<HostedDevice> devices() {
        return devices.values();
    }

    /** The hosted device that owns proxy {@code proxyId}, or null. */
    HostedDevice proxyOwner(int proxyId) {
        for (HostedDevice device : devices.values()) {
            if (device.proxyIds().contains(proxyId)) {
                return device;
            }
        }
        return null;
    }

    void detach(HostedDevice device) {
        devices.remove(device.id);
        unwatchAll(device);
        unsubscribeAllDeviceEvents(device);
        unsubscribeAllSystemEvents(device);
    }

    String projectItems() {
        StringBuilder xml = new StringBuilder("<systemitems><item><id>1</id><name>Project</name><type>1</type>"
                + "<subitems><item><id>" + settings.roomId() + "</id><name>" + settings.roomName()
                + "</name><type>8</type><subitems>");
        for (HostedDevice device : devices.values()) {
            xml.append("<item><id>").append(device.id).append("</id><name>").append(escape(device.displayName(device.id)))
                    .append("</name><type>7</type><c4i>").append(escape(device.driverPackage.fileName()))
                    .append("</c4i></item>");
        }
        return xml.append("</subitems></item></subitems></item></systemitems>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** §0.1: the host's first non-loopback IPv4 address (read locally, nothing is sent), else 127.0.0.1. */
    String controllerAddress() {
        if (controllerAddress == null) {
            controllerAddress = settings.controllerAddress() != null ? settings.controllerAddress() : firstAddress();
        }
        return controllerAddress;
    }

    String uniqueMac() {
        if (uniqueMac == null) {
            uniqueMac = firstMac();
        }
        return uniqueMac;
    }

    private static String firstAddress() {
        NetworkInterface nic = firstInterface();
        if (nic != null) {
            for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                if (address instanceof Inet4Address) {
                    return address.getHostAddress();
                }
            }
        }
        return "127.0.0.1";
    }

    private static String firstMac() {
        try {
            NetworkInterface nic = firstInterface();
            byte[] mac = nic == null ? null : nic.getHardwareAddress();
            if (mac != null && mac.length == 6) {
                return HexFormat.of().withUpperCase().formatHex(mac);
            }
        } catch (SocketException e) {
            // fall through to the made-up address
        }
        return "000FFF000001"; // CHOICE: a fixed address in the vendor's block when the host has none
    }

    private static NetworkInterface firstInterface() {
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp() && !nic.isLoopback() && Collections.list(nic.getInetAddresses()).stream()
                        .anyMatch(a -> a instanceof Inet4Address)) {
                    return nic;
                }
            }
        } catch (SocketException e) {
            return null;
        }
        return null;
    }

    Object scriptedUiAnswer(int deviceId, String request) {
        return null; // no project file declares scripted answers yet
    }

    // ---- entry points and the record -------------------------------------------------------------------------

    DirectorCall record(HostedDevice device, String function, List<Object> args, Object result, List<String> notes) {
        long millis = device.port.loop().clock().monotonicNanos() / 1_000_000;
        return record.append(millis, device.name(), function, args, result, notes);
    }

    /** Calls an entry point now (on the device's loop) and records it with its outcome (H5). */
    EntryResult callEntryPoint(HostedDevice device, String entryPoint, Object... args) {
        EntryResult result = device.port.call(entryPoint, args);
        List<String> notes = switch (result.status()) {
            case UNHANDLED -> List.of("unhandled");
            case FAILED -> List.of("error: " + firstLine(result.error()));
            case RETURNED -> List.of();
        };
        record.append(device.port.loop().clock().monotonicNanos() / 1_000_000, device.name(), entryPoint,
                Arrays.asList(args), result.value(), notes);
        return result;
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    /** Posts an entry point to a later turn of the device's loop (H4). */
    void post(HostedDevice device, String entryPoint, Object... args) {
        device.port.loop().execute(() -> callEntryPoint(device, entryPoint, args));
    }

    /** Runs {@code work} on the device's loop (directly when already there) and completes with its result. */
    <T> CompletableFuture<T> onLoop(HostedDevice device, Supplier<T> work) {
        CompletableFuture<T> result = device.track(new CompletableFuture<>());
        if (result.isDone()) {
            return result; // the driver has stopped
        }
        Runnable task = () -> {
            try {
                result.complete(work.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        };
        if (device.port.loop().inLoop()) {
            task.run();
        } else {
            device.port.loop().execute(task);
        }
        return result;
    }

    // ---- variables watched ------------------------------------------------------------------------------------

    void watch(HostedDevice watcher, int deviceId, int variableId) {
        variableWatchers.computeIfAbsent(new Watch(deviceId, variableId), k -> ConcurrentHashMap.newKeySet())
                .add(watcher);
    }

    void unwatch(HostedDevice watcher, int deviceId, int variableId) {
        Set<HostedDevice> watchers = variableWatchers.get(new Watch(deviceId, variableId));
        if (watchers != null) {
            watchers.remove(watcher);
        }
    }

    void unwatchAll(HostedDevice watcher) {
        variableWatchers.values().forEach(set -> set.remove(watcher));
    }

    void variableChanged(HostedDevice owner, DriverState.Variable variable) {
        for (HostedDevice watcher : variableWatchers.getOrDefault(new Watch(owner.id, variable.id()), Set.of())) {
            post(watcher, "OnWatchedVariableChanged", owner.id, variable.id(), variable.value());
        }
    }

    // ---- events -----------------------------------------------------------------------------------------------

    void subscribeDeviceEvent(HostedDevice subscriber, int deviceId, int eventId, boolean subscribe) {
        Watch key = new Watch(deviceId, eventId);
        if (subscribe) {
            deviceEventSubscribers.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(subscriber);
        } else if (deviceEventSubscribers.containsKey(key)) {
            deviceEventSubscribers.get(key).remove(subscriber);
        }
    }

    void unsubscribeAllDeviceEvents(HostedDevice subscriber) {
        deviceEventSubscribers.values().forEach(set -> set.remove(subscriber));
    }

    void deviceEventFired(HostedDevice source, int eventId) {
        for (HostedDevice subscriber : deviceEventSubscribers.getOrDefault(new Watch(source.id, eventId), Set.of())) {
            post(subscriber, "OnDeviceEvent", source.id, eventId);
        }
    }

    /** A device event from outside (injection): delivered to the subscribers of (device, event). */
    List<HostedDevice> deviceEventSubscribers(int deviceId, int eventId) {
        return new ArrayList<>(deviceEventSubscribers.getOrDefault(new Watch(deviceId, eventId), Set.of()));
    }

    void subscribeSystemEvent(HostedDevice subscriber, int eventId, int deviceId, boolean subscribe) {
        Set<Watch> subscriptions = systemEventSubscriptions.computeIfAbsent(subscriber,
                k -> ConcurrentHashMap.newKeySet());
        if (subscribe) {
            subscriptions.add(new Watch(deviceId, eventId));
        } else {
            subscriptions.remove(new Watch(deviceId, eventId));
        }
    }

    void unsubscribeAllSystemEvents(HostedDevice subscriber) {
        systemEventSubscriptions.remove(subscriber);
    }

    /** Whether {@code device} registered for system event {@code eventId} of {@code deviceId} (0 = any device). */
    boolean subscribedToSystemEvent(HostedDevice device, int eventId, int deviceId) {
        Set<Watch> subscriptions = systemEventSubscriptions.getOrDefault(device, Set.of());
        return subscriptions.contains(new Watch(deviceId, eventId)) || subscriptions.contains(new Watch(0, eventId));
    }

    // ---- bindings ---------------------------------------------------------------------------------------------

    List<Binding> bindings() {
        return List.copyOf(bindings);
    }

    /** Adds a binding; hosted ends get {@code OnBindingChanged(theirBinding, class, true, other, otherBinding)}. */
    void bind(int providerDevice, int providerBinding, int consumerDevice, int consumerBinding, String bindingClass) {
        unbind(consumerDevice, consumerBinding); // a consumer binding has one provider
        Binding binding = new Binding(providerDevice, providerBinding, consumerDevice, consumerBinding, bindingClass);
        bindings.add(binding);
        notifyBinding(binding, true);
    }

    void unbind(int consumerDevice, int consumerBinding) {
        for (Binding binding : bindings) {
            if (binding.consumerDevice() == consumerDevice && binding.consumerBinding() == consumerBinding) {
                bindings.remove(binding);
                notifyBinding(binding, false);
            }
        }
    }

    void removeBindingsOf(int deviceId, int bindingId) {
        for (Binding binding : bindings) {
            if ((binding.providerDevice() == deviceId && binding.providerBinding() == bindingId)
                    || (binding.consumerDevice() == deviceId && binding.consumerBinding() == bindingId)) {
                bindings.remove(binding);
                notifyBinding(binding, false);
            }
        }
    }

    /**
     * A binding of an earlier run back in the model, without {@code OnBindingChanged} (§3.6), unless its consumer end
     * is bound already: a consumer binding has one provider.
     */
    void restore(Binding binding) {
        boolean consumerTaken = bindings.stream().anyMatch(b -> b.consumerDevice() == binding.consumerDevice()
                && b.consumerBinding() == binding.consumerBinding());
        if (!consumerTaken) {
            bindings.add(binding);
        }
    }

    private void notifyBinding(Binding binding, boolean bound) {
        HostedDevice provider = device(binding.providerDevice());
        if (provider != null) {
            post(provider, "OnBindingChanged", binding.providerBinding(), binding.bindingClass(), bound,
                    binding.consumerDevice(), binding.consumerBinding());
            keepDynamicConnections(provider);
        }
        HostedDevice consumer = device(binding.consumerDevice());
        if (consumer != null) {
            post(consumer, "OnBindingChanged", binding.consumerBinding(), binding.bindingClass(), bound,
                    binding.providerDevice(), binding.providerBinding());
            keepDynamicConnections(consumer);
        }
    }

    /** A device's state is its loop's: the other end of a binding a driver made is updated there. */
    private void keepDynamicConnections(HostedDevice device) {
        if (device.port.loop().inLoop()) {
            device.keepDynamicConnections();
        } else {
            device.port.loop().execute(device::keepDynamicConnections);
        }
    }
}
