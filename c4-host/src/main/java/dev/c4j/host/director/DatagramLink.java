package dev.c4j.host.director;

import dev.c4j.api.Endpoint;
import dev.c4j.api.NetError;
import dev.c4j.api.NetOp;
import dev.c4j.api.UdpSocket;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A UDP binding connection (host spec §4.4): one datagram socket, from an ephemeral port or, with
 * {@code MIRROR_UDP_PORT}, from the binding's port itself; each send is one datagram to the binding's address at
 * the time of the send.
 */
final class DatagramLink implements BindingLink, UdpSocket.Listener {

    private final UdpSocket socket;
    private final Supplier<String> address;
    private final int port;
    private final Events events;
    private final Consumer<String> warnings;

    DatagramLink(UdpSocket socket, Supplier<String> address, int port, Events events, Consumer<String> warnings) {
        this.socket = socket;
        this.address = address;
        this.port = port;
        this.events = events;
        this.warnings = warnings;
        socket.setListener(this);
    }

    /**
     * Binds the socket; {@code up} follows on a later turn. CHOICE: a socket that cannot be bound (a mirrored port in
     * use) is a warning and a failed connect, retried like one with keep-connection.
     */
    void open(boolean mirrorPort) {
        NetError error = socket.open("0.0.0.0", mirrorPort ? port : 0);
        if (!error.isSuccess()) {
            warnings.accept("cannot open a UDP socket" + (mirrorPort ? " on port " + port : "") + ": "
                    + error.message());
            events.failed();
        }
    }

    @Override
    public void send(ByteBuffer data) {
        String host = address.get();
        if (host.isEmpty()) {
            warnings.accept("UDP port " + port + " has no address: datagram dropped");
        } else {
            socket.send(host, port, data);
        }
    }

    @Override
    public void close() {
        socket.close();
    }

    @Override
    public void opened(Endpoint local) {
        events.up();
    }

    @Override
    public void received(ByteBuffer datagram, Endpoint sender) {
        events.received(datagram, sender.ip());
    }

    @Override
    public void failed(NetError error, NetOp op) {
        if (op == NetOp.LISTEN) {
            warnings.accept("cannot open a UDP socket: " + error.message());
            events.failed();
        } else {
            warnings.accept("UDP datagram to port " + port + " dropped: " + error.message());
        }
    }
}
