package dev.c4j.host.director;

import dev.c4j.api.ByteString;
import dev.c4j.api.Timer;
import dev.c4j.api.TlsSettings;

import java.nio.ByteBuffer;

/**
 * One (network binding, port): an independent connection with its options (host spec §4.1) and the connection rules
 * N1-N8: the status the driver was told, connecting on request, keep-connection retries on the driver's timer clock,
 * messages cut by the delimiter, a silent end on teardown.
 */
final class BindingPort implements BindingLink.Events {

    /** B34: keep-connection tries again this long after a failed attempt or a lost connection. */
    static final long RETRY_MILLIS = 5000;

    private final NetworkBindings bindings;
    private final NetworkBinding binding;
    final int number;
    private PortOptions options;
    private String type; // TCP, UDP or SSL when set for this port; null: the binding's class
    private boolean hasOptions; // from driver.xml or NetPortOptions: NetConnect's type does not apply

    private BindingLink link; // the attempt, connection or UDP socket; null when none
    private String linkType;
    private MessageFramer framer;
    private String peerIp = ""; // who sent the bytes being delivered
    private boolean online; // the status the driver was told (N1)
    private boolean wanted; // connect asked for and not NetDisconnect: keep-connection retries while so
    private Timer retry;

    BindingPort(NetworkBindings bindings, NetworkBinding binding, int number, PortOptions options,
                boolean hasOptions) {
        this.bindings = bindings;
        this.binding = binding;
        this.number = number;
        this.options = options;
        this.hasOptions = hasOptions;
    }

    PortOptions options() {
        return options;
    }

    /** {@code NetPortOptions}: for the next connect; a connection already made keeps its own. */
    void configure(String portType, PortOptions newOptions) {
        options = newOptions;
        hasOptions = true;
        if (portType != null) {
            type = portType;
        }
    }

    /** The class this port connects with: its own type, else the binding's. */
    private String connectionType() {
        return type != null ? type : binding.bindingClass();
    }

    // ---- the driver's calls -----------------------------------------------------------------------------------

    /** {@code NetConnect} (and auto-connect): no effect while connecting or online (§4.2). */
    void connect(String requestedType) {
        if (requestedType != null && !hasOptions) {
            type = requestedType; // NetConnect's type applies to a port without options
        }
        wanted = true;
        if (link != null) {
            if (linkType.equals(NetworkBinding.UDP) && !online) {
                reportOnline(); // a UDP socket a send had opened: NetConnect reports it (§4.4)
            }
            return;
        }
        cancelRetry();
        open();
    }

    /** {@code NetDisconnect} (N5): closes, drops what is queued either way, no more retries; OFFLINE if online. */
    void disconnect() {
        wanted = false;
        cancelRetry();
        closeLink();
        reportOffline();
    }

    /** An outside address change (N2, and our choice beyond it): a connection to the old address ends first. */
    void readdressed() {
        if (!options.autoConnect()) {
            return;
        }
        disconnect();
        if (!binding.address().isEmpty()) {
            connect(null);
        }
    }

    /** {@code SendToNetwork}: on the connection in call order; a UDP port opens its socket for it (§4.4). */
    void send(ByteBuffer data) {
        if (link == null && connectionType().equals(NetworkBinding.UDP)) {
            open();
        }
        if (link == null || (!online && !linkType.equals(NetworkBinding.UDP))) {
            bindings.warn("SendToNetwork: binding " + binding.id + " port " + number + " is not online; "
                    + data.remaining() + " bytes dropped");
            return;
        }
        link.send(data);
    }

    /** Teardown (N8): everything closes, silently. */
    void abandon() {
        wanted = false;
        cancelRetry();
        closeLink();
    }

    // ---- connecting -------------------------------------------------------------------------------------------

    private void open() {
        String address = binding.address();
        if (address.isEmpty()) {
            bindings.warn("binding " + binding.id + " has no address: port " + number + " cannot connect");
            return;
        }
        linkType = connectionType();
        byte[] delimiter;
        try {
            delimiter = options.delimiter();
        } catch (IllegalArgumentException e) {
            bindings.warn("binding " + binding.id + " port " + number + ": " + e.getMessage() + "; none used");
            delimiter = new byte[0];
        }
        framer = new MessageFramer(delimiter);
        switch (linkType) {
            case NetworkBinding.UDP -> {
                DatagramLink datagrams = new DatagramLink(bindings.network().newUdpSocket(), binding::address,
                        number, this, bindings::message);
                link = datagrams;
                datagrams.open(options.mirrorUdpPort());
            }
            case NetworkBinding.SSL -> {
                StreamLink stream = new StreamLink(this);
                link = stream;
                // H4: GetPrivateKeyPassword may be asked for, which never happens inside the driver's own call
                bindings.loop().execute(() -> connectTls(stream, address));
            }
            default -> {
                StreamLink stream = new StreamLink(this);
                link = stream;
                stream.connect(bindings.network().newClient(), address, number, options.keepAlive());
            }
        }
    }

    private void connectTls(StreamLink stream, String address) {
        if (link != stream) {
            return; // disconnected meanwhile
        }
        TlsSettings tls = bindings.tlsSettings(binding.id, number, options);
        if (tls == null) {
            failed(); // a certificate or key could not be read: warned, a connect failure (§4.4)
            return;
        }
        stream.connect(bindings.network().newClient(tls), address, number, options.keepAlive());
    }

    private void closeLink() {
        if (link != null) {
            link.close();
            link = null;
        }
        if (framer != null) {
            framer.clear(); // CHOICE: after NetDisconnect the driver hears nothing more of that connection
        }
    }

    private void scheduleRetry() {
        if (wanted && options.keepConnection() && retry == null) {
            retry = bindings.timers().start(RETRY_MILLIS, false, (timer, skips) -> {
                retry = null;
                if (wanted && link == null) {
                    open();
                }
            });
        }
    }

    private void cancelRetry() {
        if (retry != null) {
            retry.cancel();
            retry = null;
        }
    }

    // ---- what the link reports ----------------------------------------------------------------------------------

    @Override
    public void up() {
        if (wanted) { // not so for a UDP socket a send opened: NetConnect reports that one (§4.4)
            reportOnline();
        }
    }

    @Override
    public void received(ByteBuffer data, String fromIp) {
        peerIp = fromIp;
        if (linkType.equals(NetworkBinding.UDP)) {
            deliver(ByteString.of(data)); // a datagram is one message, delimiter or not
        } else {
            framer.add(data, this::deliver);
        }
    }

    @Override
    public void failed() {
        link = null; // N3: still OFFLINE, no callback
        scheduleRetry();
    }

    @Override
    public void down() {
        link = null;
        framer.finish(this::deliver); // N6: what is left of a message when the connection ends, as it is
        reportOffline();
        scheduleRetry(); // N4
    }

    private void deliver(ByteString message) {
        bindings.post("ReceivedFromNetwork", binding.id, number, message, peerIp);
    }

    private void reportOnline() {
        if (!online) {
            online = true;
            bindings.post("OnConnectionStatusChanged", binding.id, number, "ONLINE");
        }
    }

    private void reportOffline() {
        if (online) {
            online = false;
            bindings.post("OnConnectionStatusChanged", binding.id, number, "OFFLINE");
        }
    }
}
