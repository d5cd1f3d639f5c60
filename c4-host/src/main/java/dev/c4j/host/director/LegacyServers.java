package dev.c4j.host.director;

import dev.c4j.api.ByteString;
import dev.c4j.api.Endpoint;
import dev.c4j.api.EndpointChoice;
import dev.c4j.api.NetError;
import dev.c4j.api.NetOp;
import dev.c4j.api.ReadRequest;
import dev.c4j.api.TcpClient;
import dev.c4j.api.TcpServer;
import dev.c4j.api.UdpSocket;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The legacy server sockets of one hosted driver (host spec §6): Director listens, accepts and reads, and tells the
 * driver through {@code OnServerStatusChanged}, {@code OnServerConnectionStatusChanged} and {@code OnServerDataIn};
 * the driver names connections by handle. TCP servers run on the same connection core as
 * {@code C4:CreateTCPServer}. Used on the driver's loop only.
 */
final class LegacyServers {

    /** Every interface, as Director listens; CHOICE: IPv4 ones (devices on a controller's LAN talk IPv4). */
    private static final String ALL_INTERFACES = "0.0.0.0";
    private static final ReadRequest ANY_BYTES = new ReadRequest.UpTo(ReadRequest.MAX_UP_TO);
    /** Spreads handles over the positive ints: an odd multiplier is a bijection modulo 2^31, so none repeats. */
    private static final long HANDLE_SPREAD = 0x9E3779B1L;
    /** Handles are never this small: drivers must not take them for small counters (§6). */
    private static final long SMALLEST_HANDLE = 0x10000;

    private final HostedDevice device;
    private final List<Server> servers = new ArrayList<>();
    private final Map<Long, Connection> connections = new HashMap<>();
    private long handlesIssued;

    LegacyServers(HostedDevice device) {
        this.device = device;
    }

    /** {@code CreateServer}: null when listening, else why not (no callback then). */
    String create(int port, byte[] delimiter, boolean udp, String identifier) {
        if (port < 0 || port > 65535) {
            return NetError.textOf(NetError.EINVAL);
        }
        if (port != 0 && serverOn(port) != null) {
            return NetError.textOf(NetError.EADDRINUSE); // this driver already serves that port
        }
        Server server = udp ? new UdpServer(identifier) : new StreamServer(delimiter, identifier);
        NetError outcome = server.open(port);
        if (!outcome.isSuccess()) {
            return outcome.message();
        }
        servers.add(server);
        return null;
    }

    /** {@code DestroyServer([port])}: its connections end first (OFFLINE each), then the server (OFFLINE). */
    void destroy(Integer port) {
        for (Server server : List.copyOf(servers)) {
            if (port == null || server.port == port) {
                server.destroy();
            }
        }
    }

    /** {@code ServerSend(handle, data)} on a TCP connection. */
    void send(long handle, ByteBuffer data) {
        Connection connection = connections.get(handle);
        if (connection == null) {
            device.warn("ServerSend: no open connection " + handle + "; " + data.remaining() + " bytes dropped");
            return;
        }
        connection.client.write(data);
    }

    /**
     * {@code ServerSend(port, data, address)} (B41): one datagram to {@code address:port}. CHOICE: it leaves from the
     * driver's first UDP server still open, the call naming no server; replies reach a sender at its own port so.
     */
    void sendDatagram(int port, ByteBuffer data, String address) {
        UdpServer sender = null;
        for (Server server : servers) {
            if (server instanceof UdpServer udp) {
                sender = udp;
                break;
            }
        }
        if (sender == null || port < 1 || port > 65535) {
            device.warn("ServerSend: " + (sender == null ? "no UDP server" : "bad port " + port)
                    + "; datagram dropped");
            return;
        }
        sender.socket.send(address, port, data);
    }

    /** {@code ServerCloseClient(handle)}: the bytes already queued go out first, then OFFLINE. */
    void closeClient(long handle) {
        Connection connection = connections.get(handle);
        if (connection == null) {
            device.warn("ServerCloseClient: no open connection " + handle);
            return;
        }
        connection.client.close(true);
    }

    /** Teardown (N8, net spec A43): everything closes, silently. */
    void abandonAll() {
        connections.values().forEach(connection -> connection.client.abandon());
        connections.clear();
        servers.forEach(Server::abandon);
        servers.clear();
    }

    private Server serverOn(int port) {
        for (Server server : servers) {
            if (server.port == port) {
                return server;
            }
        }
        return null;
    }

    private long nextHandle() {
        long handle;
        do {
            handle = (++handlesIssued * HANDLE_SPREAD) & 0x7FFFFFFFL;
        } while (handle < SMALLEST_HANDLE);
        return handle;
    }

    private void post(String entryPoint, Object... args) {
        device.postEntryPoint(entryPoint, args);
    }

    // ---- servers ----------------------------------------------------------------------------------------------

    /** One listening TCP server or bound UDP socket. */
    private abstract class Server {
        final String identifier;
        int port; // the real port once bound
        private boolean announced; // the driver was told ONLINE

        Server(String identifier) {
            this.identifier = identifier;
        }

        /** Binds before returning; OK or why not. */
        abstract NetError open(int requestedPort);

        abstract void abandon();

        /** Bound and listening: the driver learns the real port (§6). */
        void online(int realPort) {
            port = realPort;
            announced = true;
            post("OnServerStatusChanged", port, "ONLINE", identifier);
        }

        void destroy() {
            abandon();
            servers.remove(this);
            if (announced) {
                post("OnServerStatusChanged", port, "OFFLINE", identifier);
            }
        }

        /** A bind that had to wait for the loop (a LuaJ coroutine called) failed: the driver hears nothing. */
        void bindFailed(NetError error) {
            device.port.warning("CreateServer(" + port + ") failed: " + error.message());
            abandon();
            servers.remove(this);
        }
    }

    private final class StreamServer extends Server implements TcpServer.Listener {
        private final TcpServer server;
        private final byte[] delimiter;

        StreamServer(byte[] delimiter, String identifier) {
            super(identifier);
            this.delimiter = delimiter;
            this.server = device.port.network().newServer();
            server.setListener(this);
        }

        @Override
        NetError open(int requestedPort) {
            port = requestedPort;
            NetError outcome = server.listenNow(ALL_INTERFACES, requestedPort);
            if (outcome.isSuccess() && server.localAddress() != null) {
                port = server.localAddress().port();
            }
            return outcome;
        }

        @Override
        void destroy() {
            for (Connection connection : List.copyOf(connections.values())) {
                if (connection.server == this) {
                    // CHOICE: at once, bytes still queued dropped (ServerCloseClient sends them first)
                    connection.client.abandon();
                    connection.ended();
                }
            }
            super.destroy();
        }

        @Override
        void abandon() {
            server.abandon();
        }

        @Override
        public void resolved(List<Endpoint> endpoints, EndpointChoice choice) {
            choice.chooseDefault();
        }

        @Override
        public void listening(Endpoint endpoint) {
            online(endpoint.port());
        }

        @Override
        public void accepted(TcpClient client) {
            new Connection(nextHandle(), this, client).start();
        }

        @Override
        public void failed(NetError error, NetOp op) {
            if (op == NetOp.LISTEN) {
                bindFailed(error);
            } // ACCEPT errors: the server keeps listening, Director says nothing
        }
    }

    private final class UdpServer extends Server implements UdpSocket.Listener {
        private final UdpSocket socket;
        private final long handle = nextHandle(); // one fixed handle per UDP server (§6)

        UdpServer(String identifier) {
            super(identifier);
            this.socket = device.port.network().newUdpSocket();
            socket.setListener(this);
        }

        @Override
        NetError open(int requestedPort) {
            port = requestedPort;
            NetError outcome = socket.open(ALL_INTERFACES, requestedPort);
            if (outcome.isSuccess() && socket.localAddress() != null) {
                port = socket.localAddress().port();
            }
            return outcome;
        }

        @Override
        void abandon() {
            socket.close();
        }

        @Override
        public void opened(Endpoint local) {
            online(local.port());
        }

        @Override
        public void received(ByteBuffer datagram, Endpoint sender) {
            post("OnServerDataIn", handle, ByteString.of(datagram), sender.ip(), sender.port(), identifier);
        }

        @Override
        public void failed(NetError error, NetOp op) {
            if (op == NetOp.LISTEN) {
                bindFailed(error);
            } else {
                device.port.warning("ServerSend: datagram dropped: " + error.message());
            }
        }
    }

    // ---- connections --------------------------------------------------------------------------------------------

    /** One accepted TCP connection: ONLINE, its data, OFFLINE, in that order (§6). */
    private final class Connection implements TcpClient.Listener {
        final long handle;
        final StreamServer server;
        final TcpClient client;
        private final MessageFramer framer;
        private final Endpoint peer;

        Connection(long handle, StreamServer server, TcpClient client) {
            this.handle = handle;
            this.server = server;
            this.client = client;
            this.framer = new MessageFramer(server.delimiter);
            this.peer = client.remoteAddress();
        }

        void start() {
            connections.put(handle, this);
            client.setListener(this);
            client.read(ANY_BYTES);
            post("OnServerConnectionStatusChanged", handle, server.port, "ONLINE", peer.ip(), server.identifier);
        }

        /** Whichever side closed: what is left of a message, then OFFLINE. */
        void ended() {
            connections.remove(handle);
            framer.finish(this::deliver);
            post("OnServerConnectionStatusChanged", handle, server.port, "OFFLINE", peer.ip(), server.identifier);
        }

        private void deliver(ByteString message) {
            post("OnServerDataIn", handle, message, peer.ip(), peer.port(), server.identifier);
        }

        @Override
        public void resolved(List<Endpoint> endpoints, EndpointChoice choice) {
        }

        @Override
        public void connected() {
        }

        @Override
        public void received(ByteBuffer data, Object replacement) {
            framer.add(data, this::deliver);
            client.read(ANY_BYTES);
        }

        @Override
        public void written() {
        }

        @Override
        public void disconnected(NetError error) {
            ended();
        }

        @Override
        public void failed(NetError error, NetOp op) {
            // READ and WRITE errors are followed by disconnected()
        }
    }
}
