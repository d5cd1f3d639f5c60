package dev.c4j.host.director;

import dev.c4j.api.Endpoint;
import dev.c4j.api.EndpointChoice;
import dev.c4j.api.NetError;
import dev.c4j.api.NetOp;
import dev.c4j.api.ReadRequest;
import dev.c4j.api.TcpClient;
import dev.c4j.api.TcpOption;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A TCP (or TLS) binding connection over the driver's connection core: one {@link TcpClient} per attempt. A read is
 * always outstanding while connected, so every byte received before the connection ends reaches the port (N4),
 * whatever way it ends.
 */
final class StreamLink implements BindingLink, TcpClient.Listener {

    private static final ReadRequest ANY_BYTES = new ReadRequest.UpTo(ReadRequest.MAX_UP_TO);

    private final Events events;
    private TcpClient client; // null until connect
    private String peerIp;
    private boolean up;
    private boolean closed;

    StreamLink(Events events) {
        this.events = events;
    }

    /** Starts connecting over {@code tcpClient} (fresh); {@code keepAlive} sets TCP keep-alive (N7). */
    void connect(TcpClient tcpClient, String host, int port, boolean keepAlive) {
        if (closed) {
            tcpClient.abandon();
            return;
        }
        client = tcpClient;
        client.setListener(this);
        client.option(TcpOption.KEEPALIVE, keepAlive, 0);
        if (!client.connect(host, Integer.toString(port))) {
            events.failed();
        }
    }

    @Override
    public void send(ByteBuffer data) {
        if (up) {
            client.write(data);
        }
    }

    @Override
    public void close() {
        closed = true;
        up = false;
        if (client != null) {
            client.abandon();
        }
    }

    @Override
    public void resolved(List<Endpoint> endpoints, EndpointChoice choice) {
        choice.chooseDefault();
    }

    @Override
    public void connected() {
        up = true;
        peerIp = client.remoteAddress().ip();
        client.read(ANY_BYTES);
        events.up();
    }

    @Override
    public void received(ByteBuffer data, Object replacement) {
        events.received(data, peerIp);
        client.read(ANY_BYTES);
    }

    @Override
    public void written() {
    }

    @Override
    public void disconnected(NetError error) {
        if (up) {
            up = false;
            events.down();
        }
    }

    @Override
    public void failed(NetError error, NetOp op) {
        if (op == NetOp.RESOLVE || op == NetOp.CONNECT) {
            events.failed();
        } // a READ or WRITE error is followed by disconnected()
    }
}
