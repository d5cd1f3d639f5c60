package dev.c4j.testkit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TestPeer and MockDevice against each other, over real sockets on 127.0.0.1. */
class TestPeerAndMockDeviceTest {

    private static final Duration SHORT = Duration.ofMillis(300);

    private final MockDevice device = MockDevice.start();

    @AfterEach
    void closeDevice() {
        device.close();
    }

    @Test
    void servedConnectionTalksBothWays() {
        try (TestPeer client = TestPeer.connect(device.port())) {
            TestPeer server = device.takeConnection();
            assertThat(device.host()).isEqualTo("127.0.0.1");
            assertThat(server.remotePort()).isEqualTo(client.localPort());

            client.send("hello\r\nworld\n").send("par");
            assertThat(server.readLine()).isEqualTo("hello");
            assertThat(server.readLine()).isEqualTo("world");
            client.send("tial|rest");
            assertThat(server.readUntil("|")).isEqualTo("partial|");
            assertThat(server.readExactly(4)).isEqualTo("rest".getBytes(StandardCharsets.US_ASCII));

            server.send(new byte[]{0, (byte) 0xFF, '\n'});
            assertThat(client.readLine()).isEqualTo("\u0000\u00FF");
            assertThat(client.readAvailable(SHORT)).isEmpty();
        }
    }

    @Test
    void readUntilFindsADelimiterSplitAcrossSegments() {
        try (TestPeer client = TestPeer.connect(device.port())) {
            TestPeer server = device.takeConnection();
            client.sendSlowly("abc<END>def", 2);
            assertThat(server.readUntil("<END>")).isEqualTo("abc<END>");
            assertThat(server.readExactly(3)).isEqualTo("def".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Test
    void largeTransfersGrowTheBuffer() {
        byte[] big = new byte[3 * 1024 * 1024];
        Arrays.fill(big, (byte) 'x');
        big[big.length - 1] = '\n';
        try (TestPeer client = TestPeer.connect(device.port())) {
            TestPeer server = device.takeConnection();
            Thread sender = new Thread(() -> client.send(big));
            sender.start();
            assertThat(server.readLine()).hasSize(big.length - 1);
        }
    }

    @Test
    void expectEofPassesOnAGracefulCloseAndFailsOnUnreadData() {
        try (TestPeer client = TestPeer.connect(device.port())) {
            TestPeer server = device.takeConnection();
            server.close();
            client.expectEof();
        }
        try (TestPeer client = TestPeer.connect(device.port())) {
            TestPeer server = device.takeConnection();
            server.send("bye\n").close();
            assertThatThrownBy(client::expectEof).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("received \"bye\\n\"");
        }
    }

    @Test
    void resetCloseIsSeenAsAReset() {
        try (TestPeer client = TestPeer.connect(device.port())) {
            device.takeConnection().resetClose();
            client.expectReset();
        }
        try (TestPeer client = TestPeer.connect(device.port())) {
            device.takeConnection().resetClose();
            assertThatThrownBy(client::expectEof).isInstanceOf(AssertionError.class).hasMessageContaining("reset");
        }
    }

    @Test
    void blockingCallsFailAfterTheTimeoutWithWhatArrived() {
        try (TestPeer client = TestPeer.connect(device.port()).timeout(SHORT)) {
            TestPeer server = device.takeConnection();
            server.send("no line end");
            assertThatThrownBy(client::readLine).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("no a line end within PT0.3S")
                    .hasMessageContaining("unread: \"no line end\"");
            assertThatThrownBy(() -> client.readExactly(100)).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("100 bytes within");
            assertThatThrownBy(client::expectEof).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("unread data");
        }
    }

    @Test
    void connectToAClosedPortFailsClearly() {
        int port = device.port();
        device.close();
        assertThatThrownBy(() -> TestPeer.connect(port)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("cannot connect to 127.0.0.1:" + port);
    }

    @Test
    void takeConnectionFailsWhenNobodyConnects() {
        try (MockDevice lonely = MockDevice.start(SHORT)) {
            assertThatThrownBy(lonely::takeConnection).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("no connection to the mock device")
                    .hasMessageContaining("connections accepted so far: 0");
        }
    }

    @Test
    void behavioursApplyToConnectionsInOrderThenServe() {
        device.enqueue(DeviceBehaviour.acceptThenClose()).enqueue(DeviceBehaviour.acceptThenReset());

        try (TestPeer first = TestPeer.connect(device.port())) {
            first.expectEof();
        }
        try (TestPeer second = TestPeer.connect(device.port())) {
            second.expectReset();
        }
        try (TestPeer third = TestPeer.connect(device.port())) {
            TestPeer served = device.takeConnection();
            third.send("x\n");
            assertThat(served.readLine()).isEqualTo("x");
            assertThat(device.connectionCount()).isEqualTo(3);
        }
    }

    @Test
    void acceptAndSilenceNeitherAnswersNorClosesNorHandsOver() {
        device.enqueue(DeviceBehaviour.acceptAndSilence());
        try (TestPeer client = TestPeer.connect(device.port()).timeout(SHORT)) {
            client.send("anybody?\n");
            assertThat(client.readAvailable(SHORT)).isEmpty();
            assertThatThrownBy(client::expectEof).hasMessageContaining("did not close");
            device.awaitConnectionCount(1);
        }
        try (MockDevice quick = MockDevice.start(SHORT)) {
            quick.enqueue(DeviceBehaviour.acceptAndSilence());
            try (TestPeer client = TestPeer.connect(quick.port())) {
                assertThatThrownBy(quick::takeConnection).hasMessageContaining("connections accepted so far: 1");
            }
        }
    }

    @Test
    void answerOneByteAtATimeArrivesInSeparateSegmentsThenHandsOver() {
        device.enqueue(DeviceBehaviour.answerOneByteAtATime("OK\r\n".getBytes(StandardCharsets.US_ASCII)));
        long beforeConnect = System.nanoTime();
        try (TestPeer client = TestPeer.connect(device.port())) {
            assertThat(client.readLine()).isEqualTo("OK");
            // three pauses separate the four bytes: a lower bound that sleeping guarantees, never flaky
            assertThat(Duration.ofNanos(System.nanoTime() - beforeConnect))
                    .isGreaterThanOrEqualTo(TestPeer.DEFAULT_CHUNK_PAUSE.multipliedBy(3));
            TestPeer handed = device.takeConnection();
            handed.send("more\n");
            assertThat(client.readLine()).isEqualTo("more");
        }
    }

    @Test
    void burstSendsSeveralMebibytesInOneGo() {
        byte[] burst = new byte[4 * 1024 * 1024];
        for (int i = 0; i < burst.length; i++) {
            burst[i] = (byte) i;
        }
        device.enqueue(DeviceBehaviour.burst(burst));
        try (TestPeer client = TestPeer.connect(device.port())) {
            assertThat(client.readExactly(burst.length)).isEqualTo(burst);
            assertThat(device.takeConnection()).isNotNull();
        }
    }

    @Test
    void closeHalfwayThroughLineSendsHalfThenCloses() {
        device.enqueue(DeviceBehaviour.closeHalfwayThroughLine("STATUS=ON\r\n".getBytes(StandardCharsets.US_ASCII)));
        try (TestPeer client = TestPeer.connect(device.port())) {
            assertThatThrownBy(client::readLine).hasMessageContaining("closed by the other side before a line end")
                    .hasMessageContaining("unread: \"STATU\"");
        }
        try (TestPeer client = TestPeer.connect(device.port())) {
            // the next connection is served: the half-line device was a one-off
            assertThat(device.takeConnection()).isNotNull();
        }
    }

    @Test
    void scriptedBehaviourRunsThenHandsOver() {
        device.enqueue(DeviceBehaviour.script("greeter", connection -> connection.send("HELLO\r\n")));
        try (TestPeer client = TestPeer.connect(device.port())) {
            assertThat(client.readLine()).isEqualTo("HELLO");
            device.takeConnection().send("again\n");
            assertThat(client.readLine()).isEqualTo("again");
        }
    }

    @Test
    void closingTheDeviceClosesItsConnections() {
        device.enqueue(DeviceBehaviour.acceptAndSilence());
        try (TestPeer client = TestPeer.connect(device.port())) {
            assertThat(client.readAvailable(Duration.ofMillis(50))).isEmpty(); // accepted by now or soon
            waitFor(() -> device.connectionCount() == 1);
            device.close();
            client.expectEof();
        }
    }

    private static void waitFor(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }
}
