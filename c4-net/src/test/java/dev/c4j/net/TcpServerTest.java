package dev.c4j.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c4j.api.Endpoint;
import dev.c4j.api.NetError;
import dev.c4j.api.ReadRequest;
import dev.c4j.api.TcpClient;
import dev.c4j.api.TcpOption;
import dev.c4j.api.TcpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class TcpServerTest extends NetTestBase {

    private TcpServer server;
    private ServerEvents events;

    private void newServer() {
        events = serverEvents();
        server = onLoop(() -> {
            TcpServer s = network.newServer();
            s.setListener(events);
            return s;
        });
    }

    /** Listens on 127.0.0.1 with an OS-chosen port and returns that port. */
    private int listenOnLoopback() {
        newServer();
        assertThat(onLoop(() -> server.listen("127.0.0.1", "0", 0))).isTrue();
        events.expect("resolved:[127.0.0.1:0]", "listening:127.0.0.1");
        return events.listeningOn.port();
    }

    @Test
    void listensOnPortZeroAndReportsTheRealPort() throws IOException {
        int port = listenOnLoopback();
        assertThat(port).isPositive();
        assertThat(onLoop(server::localAddress)).isEqualTo(new Endpoint("127.0.0.1", port));
        assertThat(onLoop(server::isPending)).isFalse();
        try (Socket peer = new Socket(LOCALHOST, port)) {
            events.expect("accepted");
            TcpClient client = events.accepted.poll();
            assertThat(onLoop(client::remoteAddress)).isEqualTo(new Endpoint("127.0.0.1", peer.getLocalPort()));
            assertThat(onLoop(client::localAddress)).isEqualTo(new Endpoint("127.0.0.1", port));
        }
    }

    @Test
    void acceptedClientsCanTalkAndComeInOrder() throws IOException {
        int port = listenOnLoopback();
        List<Socket> peers = new ArrayList<>();
        try {
            for (int i = 0; i < 3; i++) {
                peers.add(new Socket(LOCALHOST, port));
            }
            for (Socket peer : peers) {
                events.expect("accepted");
                TcpClient client = events.accepted.poll();
                assertThat(onLoop(client::remoteAddress).port()).isEqualTo(peer.getLocalPort());
            }
        } finally {
            for (Socket peer : peers) {
                peer.close();
            }
        }
    }

    @Test
    void acceptedClientReadsAndWrites() throws IOException {
        int port = listenOnLoopback();
        try (Socket peer = new Socket(LOCALHOST, port)) {
            peer.setSoTimeout(5000);
            events.expect("accepted");
            TcpClient client = events.accepted.poll();
            ClientEvents clientEvents = clientEvents();
            clientEvents.reaction = event -> {
                if (event.startsWith("read:")) {
                    client.write(ByteBuffer.wrap(bytes("echo " + event.substring(5))));
                }
            };
            onLoop(() -> {
                client.setListener(clientEvents);
                return client.read(new ReadRequest.Until(bytes("\n")));
            });
            peer.getOutputStream().write(bytes("ping\n"));
            clientEvents.expect("read:ping\n", "written");
            byte[] reply = peer.getInputStream().readNBytes(10);
            assertThat(latin1(reply)).isEqualTo("echo ping\n");
        }
    }

    @Test
    void optionsApplyToAcceptedClients() throws IOException {
        int port = listenOnLoopback();
        try (Socket peer = new Socket(LOCALHOST, port)) {
            events.expect("accepted");
            NettyTcpClient client = (NettyTcpClient) events.accepted.poll();
            assertThat(onLoop(() -> client.option(TcpOption.KEEPALIVE, true, 0))).isTrue();
            assertThat(onLoop(() -> client.option(TcpOption.REUSEADDR, true, 0))).isFalse();
            assertThat(onLoop(() -> client.socketOption(io.netty.channel.ChannelOption.SO_KEEPALIVE))).isEqualTo(true);
        }
    }

    @Test
    void closeRightAfterTheChoiceCancelsTheListen() {
        newServer();
        events.holdChoice = true;
        onLoop(() -> server.listen("127.0.0.1", "0", 0));
        events.next();
        onLoop(() -> {
            events.choice.choose(1); // the bind happens on a later turn...
            server.close();          // ...but the endpoint is chosen: it is the listen that is cancelled
        });
        events.expect("failed:125:Operation canceled:listen");
        events.expectNone(100);
    }

    @Test
    void specialHostsResolveToFixedListsAndTheChoiceIsHonoured() {
        newServer();
        events.holdChoice = true;
        assertThat(onLoop(() -> server.listen("!local", "0", 0))).isTrue();
        String resolved = events.next();
        assertThat(resolved).isIn("resolved:[127.0.0.1:0]", "resolved:[127.0.0.1:0, [::1]:0]");
        assertThat(onLoop(server::isPending)).isTrue();
        assertThat(onLoop(() -> events.choice.isOpen())).isTrue();
        onLoop(() -> events.choice.choose(1));
        assertThat(onLoop(() -> events.choice.isOpen())).isFalse();
        events.expect("listening:127.0.0.1");
        onLoop(() -> events.choice.choose(1)); // a second choice is ignored
        events.expectNone(100);
    }

    @Test
    void wildcardHostListsIpv4First() {
        newServer();
        events.holdChoice = true;
        assertThat(onLoop(() -> server.listen("*", "0", 0))).isTrue();
        assertThat(events.next()).isIn("resolved:[0.0.0.0:0]", "resolved:[0.0.0.0:0, [::]:0]");
        onLoop(() -> events.choice.choose(0));
        events.expect("failed:22:Invalid argument:resolve");
    }

    @Test
    void serviceNamesAndBadPorts() {
        newServer();
        assertThat(onLoop(() -> server.listen("127.0.0.1", "65536", 0))).isFalse();
        assertThat(onLoop(() -> server.listen("127.0.0.1", "-1", 0))).isFalse();
        events.holdChoice = true;
        assertThat(onLoop(() -> server.listen("127.0.0.1", "http", 0))).isTrue();
        assertThat(onLoop(() -> server.listen("127.0.0.1", "0", 0))).as("a listen is pending").isFalse();
        events.expect("resolved:[127.0.0.1:80]");
        onLoop(() -> events.choice.choose(7)); // out of range cancels
        events.expect("failed:22:Invalid argument:resolve");
        assertThat(onLoop(() -> server.listen("127.0.0.1", "no-such-service", 0))).isTrue();
        events.expect("failed:-8:Service not found:resolve");
    }

    @Test
    void unknownHostFailsOnResolve() {
        newServer();
        assertThat(onLoop(() -> server.listen("no-such-host.invalid", "0", 0))).isTrue();
        assertThat(events.next()).isIn("failed:1:Host not found (authoritative):resolve",
                "failed:2:Host not found (non-authoritative), try again later:resolve");
    }

    @Test
    void addressInUseFailsOnListen() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, LOCALHOST)) {
            newServer();
            assertThat(onLoop(() -> server.listen("127.0.0.1", String.valueOf(taken.getLocalPort()), 0))).isTrue();
            events.expect("resolved:[127.0.0.1:" + taken.getLocalPort() + "]",
                    "failed:98:Address already in use:listen");
            assertThat(onLoop(server::localAddress)).isNull();
            assertThat(onLoop(server::isPending)).isFalse();
        }
        // a failed server may listen again
        assertThat(onLoop(() -> server.listen("127.0.0.1", "0", 0))).isTrue();
        events.expect("resolved:[127.0.0.1:0]", "listening:127.0.0.1");
    }

    @Test
    void listenNowBindsBeforeReturningThenReportsListening() throws IOException {
        newServer();
        assertThat(onLoop(() -> server.listenNow("127.0.0.1", 0))).isEqualTo(NetError.OK);
        int port = onLoop(() -> server.localAddress().port());
        try (Socket peer = new Socket(LOCALHOST, port)) { // accepting as soon as it returned
            events.expect("listening:127.0.0.1", "accepted");
            assertThat(events.listeningOn.port()).isEqualTo(port);
        }
    }

    @Test
    void listenNowOnAPortInUseFailsAtOnceWithoutCallback() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, LOCALHOST)) {
            newServer();
            assertThat(onLoop(() -> server.listenNow("127.0.0.1", taken.getLocalPort())))
                    .isEqualTo(NetError.of(NetError.EADDRINUSE));
            events.expectNone(100);
            assertThat(onLoop(server::localAddress)).isNull();
        }
        assertThat(onLoop(() -> server.listenNow("no such address", 0).code())).isEqualTo(NetError.EINVAL);
        assertThat(onLoop(() -> server.listenNow("127.0.0.1", 0))).isEqualTo(NetError.OK);
        assertThat(onLoop(() -> server.listenNow("127.0.0.1", 0).code())).as("already listening")
                .isEqualTo(NetError.EINVAL);
    }

    @Test
    void closeWhenIdleDoesNothing() {
        newServer();
        onLoop(server::close);
        events.expectNone(100);
    }

    @Test
    void closeWhileResolvingCancels() {
        newServer();
        onLoop(() -> {
            server.listen("127.0.0.1", "0", 0);
            server.close();
        });
        events.expect("failed:125:Operation canceled:resolve");
        events.expectNone(100);
    }

    @Test
    void closeWhileChoosingCancelsAndLaterChoiceIsIgnored() {
        newServer();
        events.holdChoice = true;
        onLoop(() -> server.listen("127.0.0.1", "0", 0));
        events.expect("resolved:[127.0.0.1:0]");
        onLoop(server::close);
        assertThat(onLoop(() -> events.choice.isOpen())).isFalse();
        onLoop(() -> events.choice.choose(1));
        events.expect("failed:125:Operation canceled:resolve");
        events.expectNone(100);
        assertThat(onLoop(server::isPending)).isFalse();
    }

    @Test
    void closeWhileListeningStopsWithoutCallbackAndTheServerMayListenAgain() {
        int port = listenOnLoopback();
        onLoop(server::close);
        events.expectNone(100);
        assertThat(onLoop(server::localAddress)).isNull();
        Socket refused = new Socket();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> refused.connect(new InetSocketAddress(LOCALHOST, port), 2000))
                .isInstanceOf(ConnectException.class);
        assertThat(onLoop(() -> server.listen("127.0.0.1", "0", 0))).isTrue();
        events.expect("resolved:[127.0.0.1:0]", "listening:127.0.0.1");
    }

    @Test
    void closingTheServerLeavesAcceptedClientsAlone() throws IOException {
        int port = listenOnLoopback();
        try (Socket peer = new Socket(LOCALHOST, port)) {
            peer.setSoTimeout(5000);
            events.expect("accepted");
            TcpClient client = events.accepted.poll();
            onLoop(server::close);
            assertThat(onLoop(() -> client.write(ByteBuffer.wrap(bytes("still here"))))).isTrue();
            assertThat(latin1(peer.getInputStream().readNBytes(10))).isEqualTo("still here");
        }
    }

    @Test
    void abandonSilencesEverything() {
        newServer();
        onLoop(() -> {
            server.listen("127.0.0.1", "0", 0);
            server.abandon();
        });
        events.expectNone(200);
        assertThat(onLoop(() -> server.listen("127.0.0.1", "0", 0))).isFalse();
    }

    @Test
    void options() throws IOException {
        newServer();
        assertThat(onLoop(() -> server.option(TcpOption.KEEPALIVE, true, 0))).isFalse();
        assertThat(onLoop(() -> server.option(TcpOption.NODELAY, true, 0))).isFalse();
        assertThat(onLoop(() -> server.option(TcpOption.LINGER, true, 1))).isTrue();
        assertThat(onLoop(() -> server.option(TcpOption.REUSEADDR, true, 0))).isTrue();
        onLoop(() -> server.listen("127.0.0.1", "0", 5));
        events.expect("resolved:[127.0.0.1:0]", "listening:127.0.0.1");
        assertThat(onLoop(() -> server.option(TcpOption.REUSEADDR, false, 0))).isTrue(); // applied at once
        try (Socket peer = new Socket(LOCALHOST, events.listeningOn.port())) {
            events.expect("accepted");
        }
    }

    @Test
    void acceptedConnectionsWithoutListenerAreClosed() throws IOException {
        TcpServer bare = onLoop(() -> network.newServer());
        assertThat(onLoop(() -> bare.listen("127.0.0.1", "0", 0))).isTrue();
        Endpoint local = null;
        for (int i = 0; i < 100 && local == null; i++) {
            local = onLoop(bare::localAddress);
            if (local == null) {
                pause(10);
            }
        }
        assertThat(local).isNotNull();
        try (Socket peer = new Socket(LOCALHOST, local.port())) {
            peer.setSoTimeout((int) TimeUnit.SECONDS.toMillis(5));
            InputStream in = peer.getInputStream();
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void abandonAllClosesServersSilently() {
        int port = listenOnLoopback();
        onLoop(network::abandonAll);
        events.expectNone(100);
        Socket refused = new Socket();
        org.assertj.core.api.Assertions.assertThatThrownBy(
                () -> refused.connect(new InetSocketAddress(LOCALHOST, port), 2000))
                .isInstanceOf(ConnectException.class);
    }
}
