package dev.c4j.host.director;

import dev.c4j.api.ByteString;
import dev.c4j.api.DriverLoop;
import dev.c4j.api.DriverNetwork;
import dev.c4j.api.TimerService;
import dev.c4j.api.TlsSettings;
import dev.c4j.api.host.DriverManifest;
import dev.c4j.api.host.EntryResult;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The network bindings of one hosted driver (host spec §4): the type-4 connections of its driver.xml and those it
 * creates, their addresses, and Director's side of their sockets. Used on the driver's loop only.
 */
final class NetworkBindings {

    private final HostedDevice device;
    private final Map<Integer, NetworkBinding> bindings = new LinkedHashMap<>();
    private boolean inDriverCall; // a warning now belongs to the record of the driver's call

    /** {@code projectAddresses}: the installer's addresses by binding id ({@code --binding 6001=host}). */
    NetworkBindings(HostedDevice device, Map<Integer, String> projectAddresses) {
        this.device = device;
        for (DriverManifest.Connection connection : device.manifest.connections()) {
            if (connection.type() != DriverManifest.Connection.NETWORK) {
                continue; // CHOICE: only type-4 connections have an address (GetBindingAddress of others: nil)
            }
            NetworkBinding binding = new NetworkBinding(connection.id(),
                    connection.classes().isEmpty() ? null : connection.classes().get(0),
                    projectAddresses.getOrDefault(connection.id(), ""));
            for (DriverManifest.Port port : connection.ports()) {
                // options missing from an XML port are false (§4.1)
                binding.ports.put(port.number(), new BindingPort(this, binding, port.number(),
                        new PortOptions(port.options()), true));
            }
            bindings.put(binding.id, binding);
        }
    }

    // ---- addresses ----------------------------------------------------------------------------------------------

    /** {@code ""} for a binding without an address, null for an unknown id (B36). */
    String address(int bindingId) {
        NetworkBinding binding = bindings.get(bindingId);
        return binding == null ? null : binding.address();
    }

    /**
     * The driver's own {@code SetBindingAddress}: an open connection stays until the driver reconnects (§4.2).
     * CHOICE: an id that is no network binding is a warning, not a new binding (CreateNetworkConnection makes those).
     */
    void setAddress(int bindingId, String address) {
        NetworkBinding binding = bindings.get(bindingId);
        if (binding == null) {
            device.warn("SetBindingAddress: no network binding " + bindingId);
            return;
        }
        binding.setAddress(address);
    }

    /**
     * An address set from outside (Composer's Network tab: the console, tests).
     *
     * @throws IllegalArgumentException for an id that is no network binding of the driver (CHOICE: Composer only
     *                                  shows the bindings a driver has)
     */
    void setAddressFromOutside(int bindingId, String address) {
        NetworkBinding binding = bindings.get(bindingId);
        if (binding == null) {
            throw new IllegalArgumentException("the driver has no network binding " + bindingId);
        }
        binding.setAddress(address);
    }

    /** After an outside address change and its {@code OnNetworkBindingChanged}: auto-connect ports connect (N2). */
    void readdressed(int bindingId) {
        NetworkBinding binding = bindings.get(bindingId);
        if (binding != null) {
            List.copyOf(binding.ports.values()).forEach(BindingPort::readdressed);
        }
    }

    /** {@code CreateNetworkConnection}: an existing binding gets the address (and class); a new id a new binding. */
    void create(int bindingId, String address, String type) {
        NetworkBinding binding = bindings.get(bindingId);
        if (binding == null) {
            bindings.put(bindingId, new NetworkBinding(bindingId, type, address));
            return;
        }
        binding.setAddress(address);
        if (type != null) {
            binding.setBindingClass(type);
        }
    }

    // ---- ports --------------------------------------------------------------------------------------------------

    void portOptions(int bindingId, int port, String type, Map<String, String> options) {
        NetworkBinding binding = known(bindingId, "NetPortOptions");
        if (binding == null || !supported(type, "NetPortOptions")) {
            return;
        }
        BindingPort target = port(binding, port);
        target.configure(type == null ? null : NetworkBinding.classNamed(type), target.options().with(options));
    }

    void connect(int bindingId, int port, String type) {
        NetworkBinding binding = known(bindingId, "NetConnect");
        if (binding != null && supported(type, "NetConnect")) {
            duringDriverCall(() -> port(binding, port).connect(type == null ? null : NetworkBinding.classNamed(type)));
        }
    }

    void disconnect(int bindingId, int port) {
        NetworkBinding binding = bindings.get(bindingId);
        BindingPort bindingPort = binding == null ? null : binding.ports.get(port);
        if (bindingPort != null) {
            bindingPort.disconnect();
        }
    }

    void send(int bindingId, int port, ByteBuffer data) {
        NetworkBinding binding = known(bindingId, "SendToNetwork");
        if (binding != null) {
            duringDriverCall(() -> port(binding, port).send(data));
        }
    }

    /** Right after {@code OnDriverLateInit} returns: auto-connect ports of addressed bindings connect (N2). */
    void autoConnect() {
        for (NetworkBinding binding : bindings.values()) {
            for (BindingPort port : binding.ports.values()) {
                if (!binding.address().isEmpty() && port.options().autoConnect()) {
                    port.connect(null);
                }
            }
        }
    }

    /** Teardown (N8): every socket closes and no retry remains, silently. */
    void abandonAll() {
        bindings.values().forEach(binding -> binding.ports.values().forEach(BindingPort::abandon));
    }

    /**
     * The port, taking the vendor's sample options when first named here (§4.1); CHOICE: a port first named by
     * {@code SendToNetwork} too, so that a UDP port needs no {@code NetConnect} before its first datagram (§4.4).
     */
    private BindingPort port(NetworkBinding binding, int port) {
        return binding.ports.computeIfAbsent(port, number ->
                new BindingPort(this, binding, number, PortOptions.SAMPLE, false));
    }

    private NetworkBinding known(int bindingId, String call) {
        NetworkBinding binding = bindings.get(bindingId);
        if (binding == null) {
            device.warn(call + ": no network binding " + bindingId
                    + " (declare it in driver.xml or call CreateNetworkConnection first)");
        }
        return binding;
    }

    private boolean supported(String type, String call) {
        if (type != null && type.trim().toUpperCase(Locale.ROOT).equals("MULTICAST")) {
            device.warn(call + ": MULTICAST is not supported");
            return false;
        }
        return true;
    }

    // ---- what ports use -----------------------------------------------------------------------------------------

    /**
     * The TLS settings of an SSL port (§4.4): files from the package, the key's password from
     * {@code GetPrivateKeyPassword(id, port)} when {@code PROTECTED}; null when a file cannot be read (warned).
     */
    TlsSettings tlsSettings(int bindingId, int port, PortOptions options) {
        try {
            ByteString key = packageFile(options.file("PRIVATE_KEY"));
            String password = null;
            if (key != null && options.keyProtected()) {
                EntryResult answer = device.director.callEntryPoint(device, "GetPrivateKeyPassword", bindingId, port);
                password = answer.value() == null ? null : String.valueOf(answer.value());
            }
            return new TlsSettings(options.verifyPeer(), packageFile(options.file("CACERTFILE")),
                    packageFile(options.file("CERTIFICATE")), key, password);
        } catch (IOException e) {
            message("binding " + bindingId + " port " + port + ": " + e.getMessage() + "; cannot connect");
            return null;
        }
    }

    private ByteString packageFile(String name) throws IOException {
        if (name == null) {
            return null;
        }
        return ByteString.wrap(device.driverPackage.file(name)
                .orElseThrow(() -> new IOException("no file '" + name + "' in the driver package")));
    }

    /** An entry point on a later turn (H4), unless the driver is gone by then (N8). */
    void post(String entryPoint, Object... args) {
        device.postEntryPoint(entryPoint, args);
    }

    /** A warning: noted in the record of the driver's call when one is in progress, else a message only. */
    void warn(String text) {
        if (inDriverCall) {
            device.warn(text);
        } else {
            message(text);
        }
    }

    /** A warning about something that happened on its own (no call in progress). */
    void message(String text) {
        device.port.warning(text);
    }

    private void duringDriverCall(Runnable call) {
        inDriverCall = true;
        try {
            call.run();
        } finally {
            inDriverCall = false;
        }
    }

    DriverNetwork network() {
        return device.port.network();
    }

    TimerService timers() {
        return device.port.timers();
    }

    DriverLoop loop() {
        return device.port.loop();
    }
}
