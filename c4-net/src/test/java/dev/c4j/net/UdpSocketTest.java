package dev.c4j.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c4j.api.AddressMap;
import dev.c4j.api.DriverClock;
import dev.c4j.api.EgressPolicy;
import dev.c4j.api.Endpoint;
import dev.c4j.api.NetError;
import dev.c4j.api.UdpSocket;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class UdpSocketTest extends NetTestBase {

    private UdpSocket socket;
    private UdpEvents events;

    private UdpSocket newSocket() {
        events = new UdpEvents(this);
        socket = onLoop(() -> {
            UdpSocket s = network.newUdpSocket();
            s.setListener(events);
            return s;
        });
        return socket;
    }

    private static DatagramSocket peer() throws IOException {
        DatagramSocket peer = new DatagramSocket(new InetSocketAddress(LOCALHOST, 0));
        peer.setSoTimeout((int) (TIMEOUT_SECONDS * 1000));
        return peer;
    }

    private static String receive(DatagramSocket peer, List<Integer> senderPorts) throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[70_000], 70_000);
        peer.receive(packet);
        senderPorts.add(packet.getPort());
        return latin1(java.util.Arrays.copyOf(packet.getData(), packet.getLength()));
    }

    private static ByteBuffer buffer(String latin1) {
        return ByteBuffer.wrap(bytes(latin1));
    }

    @Test
    void opensBeforeReturningAndReportsTheRealPortLater() {
        newSocket();
        assertThat(onLoop(() -> socket.open("127.0.0.1", 0))).isEqualTo(NetError.OK);
        int port = onLoop(() -> socket.localAddress().port());
        assertThat(port).isPositive();
        events.expect("opened");
        assertThat(events.local).isEqualTo(new Endpoint("127.0.0.1", port));
    }

    @Test
    void sendsDatagramsInOrderAndReceivesWholeOnesWithTheirSender() throws IOException {
        try (DatagramSocket peer = peer()) {
            newSocket();
            onLoop(() -> socket.open("127.0.0.1", 0));
            events.expect("opened");
            int port = events.local.port();
            String big = "x".repeat(60_000) + "\u00ff\u0000end";
            onLoop(() -> {
                socket.send("127.0.0.1", peer.getLocalPort(), buffer("one"));
                socket.send("localhost", peer.getLocalPort(), buffer("two")); // looked up first, still in order
                socket.send("127.0.0.1", peer.getLocalPort(), buffer(big));
            });
            List<Integer> senders = new CopyOnWriteArrayList<>();
            assertThat(receive(peer, senders)).isEqualTo("one");
            assertThat(receive(peer, senders)).isEqualTo("two");
            assertThat(receive(peer, senders)).isEqualTo(big);
            assertThat(senders).containsOnly(port);

            byte[] reply = bytes("re\u0000ply");
            peer.send(new DatagramPacket(reply, reply.length, new InetSocketAddress(LOCALHOST, port)));
            events.expect("received:re\u0000ply|127.0.0.1:" + peer.getLocalPort());
        }
    }

    @Test
    void aPortInUseIsRefusedAtOnceWithoutCallback() throws IOException {
        try (DatagramSocket taken = peer()) {
            newSocket();
            assertThat(onLoop(() -> socket.open("127.0.0.1", taken.getLocalPort()).code()))
                    .isEqualTo(NetError.EADDRINUSE);
            events.expectNone(100);
            assertThat(onLoop(() -> socket.send("127.0.0.1", 9, buffer("x")))).isFalse();
            assertThat(onLoop(() -> socket.open("127.0.0.1", 0))).isEqualTo(NetError.OK);
            events.expect("opened");
        }
    }

    @Test
    void anUnknownNameDropsThatDatagramOnly() throws IOException {
        try (DatagramSocket peer = peer()) {
            newSocket();
            onLoop(() -> socket.open("127.0.0.1", 0));
            events.expect("opened");
            onLoop(() -> {
                socket.send("no-such-host.invalid", peer.getLocalPort(), buffer("lost"));
                socket.send("127.0.0.1", peer.getLocalPort(), buffer("after"));
            });
            assertThat(events.next()).isIn("failed:1:resolve", "failed:2:resolve");
            assertThat(receive(peer, new CopyOnWriteArrayList<>())).isEqualTo("after");
        }
    }

    @Test
    void closeIsSilentAndDropsWhatIsQueued() {
        newSocket();
        onLoop(() -> {
            socket.open("127.0.0.1", 0);
            socket.close();
        });
        events.expectNone(200);
        assertThat(onLoop(() -> socket.send("127.0.0.1", 9, buffer("x")))).isFalse();
    }

    @Test
    void theAddressMapRedirectsAndTheEgressPolicyJudgesTheTarget() throws IOException {
        List<String> refusals = new CopyOnWriteArrayList<>();
        try (DatagramSocket peer = peer()) {
            environment = platform.open("mapped", DriverClock.system(), EgressPolicy.loopbackOnly(refusals::add),
                    AddressMap.of(Map.of("device.example:5000", "127.0.0.1:" + peer.getLocalPort())));
            loop = environment.loop();
            network = environment.network();
            newSocket();
            onLoop(() -> socket.open("127.0.0.1", 0));
            events.expect("opened");
            onLoop(() -> {
                socket.send("device.example", 5000, buffer("mapped"));
                socket.send("192.0.2.1", 5000, buffer("refused"));
            });
            assertThat(receive(peer, new CopyOnWriteArrayList<>())).isEqualTo("mapped");
            events.expect("failed:101:resolve");
            assertThat(refusals).singleElement().asString().contains("192.0.2.1:5000");
        }
    }
}
