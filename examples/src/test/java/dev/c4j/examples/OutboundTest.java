package dev.c4j.examples;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.DeviceBehaviour;
import dev.c4j.testkit.MockDevice;
import dev.c4j.testkit.TestDriver;
import dev.c4j.testkit.TestPeer;
import org.junit.jupiter.api.AfterEach;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.MatchResult;
import java.util.zip.Adler32;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Acceptance tests of the issue "Outbound connections": small drivers (src/test/resources/drivers) that connect
 * out to devices on 127.0.0.1 which misbehave on purpose, and report what they saw through print.
 */
class OutboundTest {

    private final MockDevice device = MockDevice.start();

    @AfterEach
    void stopDevice() {
        device.close();
    }

    /** {@code driver} from the test resources, on virtual time, told to connect to {@code 127.0.0.1:port}. */
    private static TestDriver.Builder connecting(String engine, String driver, int port) {
        return TestDriver.builder().engine(engine).virtualTime().resource("drivers/" + driver)
                .property("Host", "127.0.0.1")
                .property("Port", String.valueOf(port));
    }

    /** Every line the driver printed, once the callback that printed a line matching {@code last} is over. */
    private static List<String> outputUpTo(TestDriver driver, String last) {
        return outputUpTo(driver, last, 1);
    }

    /** Every line the driver printed, once the callback that printed the {@code count}-th match is over. */
    private static List<String> outputUpTo(TestDriver driver, String last, int count) {
        driver.awaitOutput(last, count, Drivers.TIMEOUT);
        Drivers.settle(driver);
        return driver.outputLines();
    }

    // ---- devices that misbehave

    @AllEngines
    void deviceAcceptsThenClosesAtOnce(String engine) {
        device.enqueue(DeviceBehaviour.acceptThenClose());
        try (TestDriver driver = connecting(engine, "line-client.lua", device.port()).start()) {
            assertThat(outputUpTo(driver, "^disconnected "))
                    .containsExactly("connect\ttrue", "connected", "disconnected 0 Success");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void deviceAcceptsThenResetsWhileAReadIsOutstanding(String engine) {
        device.enqueue(DeviceBehaviour.acceptThenReset());
        try (TestDriver driver = connecting(engine, "line-client.lua", device.port()).start()) {
            assertThat(outputUpTo(driver, "^disconnected ")).containsExactly(
                    "connect\ttrue",
                    "connected",
                    "error 104 Connection reset by peer read",
                    "disconnected 104 Connection reset by peer");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void deviceNeverAnswersAndTheDriversTimeoutClosesTheConnection(String engine) {
        device.enqueue(DeviceBehaviour.acceptAndSilence());
        try (TestDriver driver = connecting(engine, "line-client.lua", device.port())
                .property("Send", "STATUS?\r\n").property("Timeout Ms", "3000").start()) {
            driver.awaitOutput("^connected$");
            Drivers.advance(driver, Duration.ofMillis(2999));
            assertThat(driver.outputLines()).containsExactly("connect\ttrue", "connected");
            Drivers.advance(driver, Duration.ofMillis(1));
            // The connect had succeeded: Close ends the connection gracefully, no OnError.
            assertThat(outputUpTo(driver, "^disconnected "))
                    .containsExactly("connect\ttrue", "connected", "timeout", "disconnected 0 Success");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void deviceAnswersOneByteAtATimeAndReadUntilStillGivesWholeLines(String engine) {
        device.enqueue(DeviceBehaviour.answerOneByteAtATime(ascii("first line\r\nsecond\r\n")));
        try (TestDriver driver = connecting(engine, "line-client.lua", device.port()).start()) {
            TestPeer connection = device.takeConnection(); // once every byte was sent
            driver.awaitOutput("^read second");
            connection.close();
            assertThat(outputUpTo(driver, "^disconnected ")).containsExactly(
                    "connect\ttrue",
                    "connected",
                    "read first line\\r\\n",
                    "read second\\r\\n",
                    "disconnected 0 Success");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void aBurstOfSeveralMebibytesArrivesWholeThroughReadUpTo(String engine) {
        MatchResult sizes = receiveBurst(engine, "ReadUpTo", 65536);
        assertThat(Integer.parseInt(sizes.group(1))).as("largest chunk").isBetween(1, 65536);
    }

    @AllEngines
    void aBurstOfSeveralMebibytesArrivesWholeThroughReadAtLeast(String engine) {
        MatchResult sizes = receiveBurst(engine, "ReadAtLeast", 100_000);
        assertThat(Integer.parseInt(sizes.group(2))).as("chunks below the minimum (only the last may be)")
                .isLessThanOrEqualTo(1);
    }

    /** Sends 3 MiB in one write and closes; the driver reads with {@code read}; returns its chunk-size line. */
    private MatchResult receiveBurst(String engine, String read, int size) {
        byte[] burst = new byte[3 * 1024 * 1024];
        new Random(42).nextBytes(burst);
        Adler32 adler = new Adler32();
        adler.update(burst);
        long sums = adler.getValue();

        device.enqueue(DeviceBehaviour.burst(burst));
        try (TestDriver driver = connecting(engine, "bulk-reader.lua", device.port())
                .property("Read", read).property("Size", String.valueOf(size)).start()) {
            device.takeConnection().close(); // the whole burst has been written
            // Summing 3 MiB byte by byte in Lua takes LuaJ about a second; allow for a busy machine.
            driver.awaitOutput("^disconnected ", Duration.ofSeconds(15));
            Drivers.settle(driver);
            List<String> lines = driver.outputLines();
            assertThat(lines).hasSize(3);
            assertThat(lines.get(0))
                    .isEqualTo("received " + burst.length + " bytes, adler " + (sums & 0xFFFF) + " " + (sums >>> 16));
            assertThat(lines.get(2)).isEqualTo("disconnected 0 Success");
            driver.assertNoErrors();
            return driver.awaitOutput("^largest chunk (\\d+), chunks below " + size + ": (\\d+) of \\d+$");
        }
    }

    @AllEngines
    void deviceClosesHalfwayThroughALine(String engine) {
        device.enqueue(DeviceBehaviour.closeHalfwayThroughLine(ascii("HELLO WORLD\r\n")));
        try (TestDriver driver = connecting(engine, "line-client.lua", device.port()).start()) {
            assertThat(outputUpTo(driver, "^disconnected "))
                    .containsExactly("connect\ttrue", "connected", "read HELLO ", "disconnected 0 Success");
            driver.assertNoErrors();
        }
    }

    // ---- an HTTP/1.0 client

    @AllEngines
    void fetchesAnHttpResponseWithItsExactBody(String engine) {
        byte[] body = httpBody();
        AtomicReference<String> request = new AtomicReference<>();
        device.enqueue(DeviceBehaviour.script("HTTP/1.0 server", connection -> {
            request.set(connection.readUntil("\r\n\r\n"));
            connection.send("HTTP/1.0 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                    + body.length + "\r\n\r\n");
            connection.send(body);
            connection.close();
        }));
        try (TestDriver driver = connecting(engine, "http-get.lua", device.port())
                .property("Path", "/status?verbose=1").start()) {
            assertThat(outputUpTo(driver, "^body \\d+$")).containsExactly(
                    "status 200",
                    "header Content-Type: application/octet-stream",
                    "header Content-Length: " + body.length,
                    "body " + body.length,
                    new String(body, StandardCharsets.ISO_8859_1));
            assertThat(request.get())
                    .isEqualTo("GET /status?verbose=1 HTTP/1.0\r\nHost: 127.0.0.1:" + device.port() + "\r\n\r\n");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void anHttpServerThatNeverAnswersTimesOut(String engine) {
        device.enqueue(DeviceBehaviour.script("HTTP/1.0 server that reads and never answers",
                connection -> connection.readUntil("\r\n\r\n")));
        try (TestDriver driver = connecting(engine, "http-get.lua", device.port())
                .property("Timeout Ms", "2000").start()) {
            TestPeer connection = device.takeConnection(); // the request has arrived
            Drivers.advance(driver, Duration.ofMillis(2000));
            assertThat(outputUpTo(driver, "^incomplete "))
                    .containsExactly("timed out", "incomplete response: 0 Success");
            connection.expectEof();
            driver.assertNoErrors();
        }
    }

    /** Lines of text, every byte value, and enough more to take several reads. */
    private static byte[] httpBody() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(ascii("Hello, c4j!\r\nSecond line\r\n\r\n"));
        for (int b = 0; b < 256; b++) {
            body.write(b);
        }
        byte[] filler = new byte[100_000];
        new Random(7).nextBytes(filler);
        body.writeBytes(filler);
        return body.toByteArray();
    }

    // ---- connects that fail or hang

    @AllEngines
    void aClosedPortRefusesTheConnectWithoutADisconnect(String engine) {
        try (TestDriver driver = connecting(engine, "line-client.lua", Drivers.closedPort()).start()) {
            assertThat(outputUpTo(driver, "^error "))
                    .containsExactly("connect\ttrue", "error 111 Connection refused connect");
            driver.assertNoErrors();
        }
    }

    /** Real time: the driver's own 2 s timer must be what ends a connect that hangs in SYN. */
    @AllEngines
    void aConnectThatHangsIsEndedByTheDriversTimeoutAlone(String engine) throws IOException {
        try (FullBacklog listener = new FullBacklog()) {
            long started = System.nanoTime();
            try (TestDriver driver = TestDriver.builder().engine(engine).resource("drivers/line-client.lua")
                    .property("Host", "127.0.0.1")
                    .property("Port", String.valueOf(listener.port()))
                    .property("Timeout Ms", "2000")
                    .start()) {
                driver.awaitOutput("^error ", Duration.ofSeconds(6));
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                Drivers.settle(driver);
                assertThat(driver.outputLines())
                        .containsExactly("connect\ttrue", "timeout", "error 125 Operation canceled connect");
                assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(2000));
                driver.assertNoErrors();
            }
        }
    }

    // ---- one client object, several connections

    @AllEngines
    void theSameClientReconnectsAfterTheDeviceWentAwayKeepingItsHandlers(String engine) {
        device.enqueue(DeviceBehaviour.acceptThenClose());
        try (TestDriver driver = connecting(engine, "reconnect.lua", device.port()).start()) {
            TestPeer second = device.takeConnection();
            second.send("hello\r\n");
            driver.awaitOutput("^read hello");
            second.close();
            assertThat(outputUpTo(driver, "^disconnected ", 2)).containsExactly(
                    "connected 1\ttrue",
                    "disconnected 0 Success\ttrue",
                    "reconnect\ttrue",
                    "connected 2\ttrue",
                    "read hello\ttrue",
                    "disconnected 0 Success\ttrue");
            device.awaitConnectionCount(2);
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void connectAndOptionReturnValuesAndArgumentErrors(String engine) {
        try (TestDriver driver = connecting(engine, "connect-rules.lua", device.port()).start()) {
            assertThat(outputUpTo(driver, "^disconnected ")).containsExactly(
                    "options before connecting\ttrue\ttrue\ttrue",
                    "ports out of range\tnil\tnil\tnil\tnil",
                    "bad argument #1 to 'Connect' (string expected, got table)",
                    "bad argument #2 to 'Connect' (string expected, got boolean)",
                    "bad argument #2 to 'Connect' (string expected, got table)",
                    "bad argument #2 to 'Connect' (string expected, got no value)",
                    "connect\ttrue",
                    "connect while connecting\tnil",
                    "connect while connected\tnil",
                    "options when connected\ttrue\ttrue\ttrue",
                    "disconnected 0 Success");
            device.awaitConnectionCount(1);
            driver.assertNoErrors();
        }
    }

    // ---- lifetime of clients nobody references

    @AllEngines
    void anUnreferencedClientWithAPendingConnectSurvivesACollection(String engine) throws IOException {
        try (FullBacklog listener = new FullBacklog();
             TestDriver driver = connecting(engine, "lifetime.lua", listener.port()).property("Case", "connect")
                     .start()) {
            driver.awaitOutput("^connect\ttrue$");
            Drivers.settle(driver);
            driver.collectGarbage();
            listener.acceptQueued(); // room in the queue: the connect's next SYN gets through
            assertThat(outputUpTo(driver, "^waiting$")).containsExactly("connect\ttrue", "connected", "waiting");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void anUnreferencedClientWithAPendingReadSurvivesACollection(String engine) {
        try (TestDriver driver = connecting(engine, "lifetime.lua", device.port()).property("Case", "read").start()) {
            TestPeer connection = device.takeConnection();
            driver.awaitOutput("^waiting$");
            Drivers.settle(driver);
            driver.collectGarbage();
            connection.send("ping\r\n");
            assertThat(outputUpTo(driver, "^read "))
                    .containsExactly("connect\ttrue", "connected", "waiting", "read ping");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void anUnreferencedClientWithAPendingWriteSurvivesACollection(String engine) {
        int size = 16 * 1024 * 1024;
        try (TestDriver driver = connecting(engine, "lifetime.lua", device.port()).property("Case", "write").start()) {
            TestPeer connection = device.takeConnection().timeout(Duration.ofSeconds(15));
            driver.awaitOutput("^waiting$");
            Drivers.settle(driver);
            assertThat(driver.outputLines()).as("the write is still pending").doesNotContain("written");
            driver.collectGarbage();
            byte[] received = connection.readExactly(size);
            assertThat(outputUpTo(driver, "^written$")).containsExactly("connect\ttrue", "connected", "waiting", "written");
            byte[] expected = new byte[size];
            Arrays.fill(expected, (byte) 'x');
            assertThat(Arrays.equals(received, expected)).as("16 MiB of 'x'").isTrue();
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void anIdleUnreferencedClientIsClosedSilentlyByACollection(String engine) {
        try (TestDriver driver = connecting(engine, "lifetime.lua", device.port()).property("Case", "idle").start()) {
            TestPeer connection = device.takeConnection();
            driver.awaitOutput("^waiting$");
            Drivers.settle(driver);
            driver.collectGarbage();
            connection.expectEof();
            Drivers.settle(driver);
            assertThat(driver.outputLines()).containsExactly("connect\ttrue", "connected", "waiting");
            driver.assertNoErrors();
        }
    }

    // ---- helpers

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * A socket on 127.0.0.1 that listens with a backlog of 1 and does not accept, filled up by plain connects until
     * one hangs: the kernel then drops every new SYN, so a connect to it neither succeeds nor fails by itself.
     */
    private static final class FullBacklog implements AutoCloseable {
        private static final int FILL_TIMEOUT_MS = 200;
        private final ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        private final List<Socket> sockets = new ArrayList<>();

        FullBacklog() throws IOException {
            for (int i = 0; i < 8; i++) {
                Socket filler = new Socket();
                sockets.add(filler);
                try {
                    filler.connect(server.getLocalSocketAddress(), FILL_TIMEOUT_MS);
                } catch (SocketTimeoutException e) {
                    return; // this one hung: the queue is full
                }
            }
            close();
            throw new AssertionError("the accept queue of a socket with backlog 1 did not fill up");
        }

        int port() {
            return server.getLocalPort();
        }

        /** Accepts the connections waiting in the queue, making room for one that hangs. */
        void acceptQueued() throws IOException {
            server.setSoTimeout(FILL_TIMEOUT_MS);
            try {
                for (int i = 0; i < 8; i++) {
                    sockets.add(server.accept());
                }
            } catch (SocketTimeoutException e) {
                // the queue is empty
            }
        }

        @Override
        public void close() throws IOException {
            for (Socket socket : sockets) {
                socket.close();
            }
            server.close();
        }
    }
}
