package dev.c4j.testkit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

import static dev.c4j.testkit.RequestMatcher.any;
import static dev.c4j.testkit.RequestMatcher.exactly;
import static dev.c4j.testkit.RequestMatcher.frame;
import static dev.c4j.testkit.RequestMatcher.matching;
import static dev.c4j.testkit.RequestMatcher.startingWith;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A {@link MockDevice} that answers by itself ({@link MockDevice#on}, {@link MockDevice#dispatcher}), against a
 * driver on every engine that connects on request, sends what the test says and prints what it reads.
 */
class AnsweringDeviceTest {

    private static final Duration SHORT = Duration.ofMillis(300);

    private final MockDevice device = MockDevice.start();

    @AfterEach
    void closeDevice() {
        device.close();
    }

    /**
     * {@code connect()} connects to the device; {@code send(data)} writes. Each read (of {@code readCall}) prints
     * {@code "read DATA"} with bytes outside printable ASCII as {@code \xNN}; the end prints {@code "ended CODE MESSAGE"}.
     */
    private TestDriver client(String engine, String readCall) {
        String lua = """
                PORT = %d
                function connect()
                  cli = C4:CreateTCPClient()
                    :OnConnect(function(c) print('connected') c:%s end)
                    :OnRead(function(c, data)
                      print('read ' .. data:gsub('[^ -~]', function(ch) return string.format('\\\\x%%02X', ch:byte()) end))
                      c:%s
                    end)
                    :OnDisconnect(function(c, code, message) print('ended ' .. code .. ' ' .. message) end)
                    :OnError(function(c, code, message, op) print('ended ' .. code .. ' ' .. message) end)
                  cli:Connect('127.0.0.1', PORT)
                end
                function send(data) cli:Write(data) end
                """.formatted(device.port(), readCall, readCall);
        TestDriver driver = TestDriver.builder().engine(engine).virtualTime().lua("client", lua).start();
        connect(driver, 1);
        return driver;
    }

    /** Connects, and waits until the driver has seen its {@code n}th connection. */
    private static void connect(TestDriver driver, int n) {
        driver.driver().callGlobal("connect");
        driver.awaitOutput("^connected$", n, TestDriver.DEFAULT_TIMEOUT);
    }

    private static void send(TestDriver driver, Object data) {
        driver.driver().callGlobal("send", data);
    }

    /** Waits for the output line {@code line}, exactly. */
    private static void awaitLine(TestDriver driver, String line) {
        driver.awaitOutput("^" + Pattern.quote(line) + "$");
    }

    private static List<String> reads(TestDriver driver) {
        return driver.outputLines().stream().filter(line -> line.startsWith("read ")).toList();
    }

    @AllEngines
    void answersExactPrefixAndRegexRulesAndRecordsEveryRequest(String engine) {
        device.framing(Framing.delimiter("\r"))
                .on(exactly("STATUS?"), DeviceReply.of("POWER=OFF\r"))
                .on(startingWith("INPUT "), DeviceReply.of(request -> "INPUT=" + request.text().substring(6) + "\r"))
                .on(matching("POWER (ON|OFF)"), DeviceReply.of(request -> "POWER=" + request.text().substring(6) + "\r"));
        try (TestDriver driver = client(engine, "ReadUntil('\\r')")) {
            send(driver, "STATUS?\rINPUT HDMI2\rPOWER ON\r");
            driver.awaitOutput("^read ", 3, TestDriver.DEFAULT_TIMEOUT);
            assertThat(reads(driver)).containsExactly("read POWER=OFF\\x0D", "read INPUT=HDMI2\\x0D",
                    "read POWER=ON\\x0D");

            assertThat(device.takeRequest().text()).isEqualTo("STATUS?");
            assertThat(device.takeRequest()).hasToString("\"INPUT HDMI2\" on connection 1");
            assertThat(device.takeRequest().text()).isEqualTo("POWER ON");
            assertThat(device.requestCount()).isEqualTo(3);
            device.assertAllAnswered();
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void cutsRequestsAtLineEndsByDefaultAndAtAnyDelimiter(String engine) {
        device.on(any(), DeviceReply.of(request -> "<" + request.text() + ">"));
        try (TestDriver driver = client(engine, "ReadUntil('>')")) {
            send(driver, "one\r\ntwo\n");
            awaitLine(driver, "read <two>");
            assertThat(reads(driver)).containsExactly("read <one>", "read <two>");
        }
        try (MockDevice crlf = MockDevice.start().framing(Framing.delimiter("\r\n")).on(any(), DeviceReply.of("ok;"))) {
            try (TestPeer peer = TestPeer.connect(crlf.port())) {
                peer.send("a\rb\r\nc\n\r\n");
                assertThat(peer.readUntil("ok;ok;")).isEqualTo("ok;ok;");
                assertThat(crlf.takeRequest().text()).isEqualTo("a\rb");
                assertThat(crlf.takeRequest().text()).isEqualTo("c\n");
            }
        }
    }

    @AllEngines
    void answersBinaryFrames(String engine) {
        // frames: 0x02, a length byte, that many bytes
        device.framing(Framing.frames("length-prefixed", f -> f.length >= 2 && f.length == 2 + f[1]))
                .on(frame("power query", f -> f[2] == 0x10), DeviceReply.of(new byte[]{2, 1, 0x11}))
                .on(frame("anything else", f -> true), DeviceReply.of(new byte[]{2, 1, (byte) 0xEE}));
        try (TestDriver driver = client(engine, "ReadAtLeast(3)")) {
            send(driver, new byte[]{2, 1, 0x10, 2, 2, 0x20, 0x00});
            driver.awaitOutput("xEE$");
            assertThat(String.join("", reads(driver)).replace("read ", ""))
                    .isEqualTo("\\x02\\x01\\x11\\x02\\x01\\xEE");
            assertThat(device.takeRequest().bytes()).containsExactly(2, 1, 0x10);
            assertThat(device.takeRequest().bytes()).containsExactly(2, 2, 0x20, 0x00);
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void repliesLateAndInChunks(String engine) {
        Duration delay = Duration.ofMillis(300);
        device.on(exactly("STATUS?"), DeviceReply.of("POWER=ON\r").after(delay).inChunks(3, Duration.ofMillis(50)));
        try (TestDriver driver = client(engine, "ReadAtLeast(1)")) {
            long sent = System.nanoTime();
            send(driver, "STATUS?\n");
            driver.awaitOutput("^read ");
            assertThat(Duration.ofNanos(System.nanoTime() - sent)).isGreaterThanOrEqualTo(delay);
            driver.awaitOutput("x0D$");
            assertThat(reads(driver)).hasSizeGreaterThanOrEqualTo(2);
            assertThat(String.join("", reads(driver)).replace("read ", "")).isEqualTo("POWER=ON\\x0D");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void closesOrResetsAfterAReplyAndAnswersTheNextConnectionAlike(String engine) {
        device.on(exactly("BYE"), DeviceReply.of("BYE\n").thenClose())
                .on(exactly("CRASH"), DeviceReply.none().thenReset())
                .on(exactly("PING"), DeviceReply.of("PONG\n"));
        try (TestDriver driver = client(engine, "ReadUntil('\\n')")) {
            send(driver, "PING\nBYE\n");
            awaitLine(driver, "ended 0 Success");
            assertThat(reads(driver)).containsExactly("read PONG\\x0A", "read BYE\\x0A");

            connect(driver, 2);                                   // the driver reconnects: the same answers
            send(driver, "PING\nCRASH\n");
            driver.awaitOutput("^ended 104 Connection reset by peer$");
            assertThat(reads(driver)).containsExactly("read PONG\\x0A", "read BYE\\x0A", "read PONG\\x0A");
            assertThat(device.requests()).extracting(DeviceRequest::connection).containsExactly(1, 1, 2, 2);
            assertThat(device.connectionCount()).isEqualTo(2);
            device.assertAllAnswered();
        }
    }

    @AllEngines
    void reportsRequestsNoRuleAnswers(String engine) {
        device.on(exactly("PING"), DeviceReply.none())           // ignored on purpose: answered
                .on(exactly("STATUS?"), DeviceReply.of("OK\n"));
        try (TestDriver driver = client(engine, "ReadUntil('\\n')")) {
            send(driver, "PING\nFOO\nSTATUS?\n");
            awaitLine(driver, "read OK\\x0A");                     // the device goes on after FOO
            assertThat(reads(driver)).containsExactly("read OK\\x0A");
            assertThatThrownBy(device::assertAllAnswered).isInstanceOf(AssertionError.class)
                    .hasMessage("the mock device on port " + device.port() + " could not answer 1 of its 3"
                            + " request(s): [\"FOO\" on connection 1]; it answers with rules"
                            + " [exactly \"PING\" -> no answer, exactly \"STATUS?\" -> \"OK\\n\"]");
            assertThat(device.requests()).extracting(DeviceRequest::text).containsExactly("PING", "FOO", "STATUS?");
        }
    }

    @AllEngines
    void aDispatcherAnswersInsteadOfTheRulesAfterAnyEnqueuedBehaviour(String engine) {
        AtomicInteger polls = new AtomicInteger();
        device.enqueue(DeviceBehaviour.acceptThenClose())          // the first connection is closed at once
                .on(any(), DeviceReply.of("never\n"))
                .dispatcher(request -> request.text().equals("POLL")
                        ? DeviceReply.of("POLL " + polls.incrementAndGet() + "\n") : null);
        try (TestDriver driver = client(engine, "ReadUntil('\\n')")) {
            awaitLine(driver, "ended 0 Success");
            connect(driver, 2);
            send(driver, "POLL\nPOLL\nHELLO\n");
            awaitLine(driver, "read POLL 2\\x0A");
            assertThat(reads(driver)).containsExactly("read POLL 1\\x0A", "read POLL 2\\x0A");
            assertThat(device.takeRequest().connection()).isEqualTo(2);
            device.takeRequest();
            assertThat(device.takeRequest().text()).isEqualTo("HELLO");  // recorded, unanswered
            assertThatThrownBy(device::assertAllAnswered)
                    .hasMessageEndingWith("[\"HELLO\" on connection 2]; it answers with a dispatcher");
        }
    }

    @Test
    void takeRequestAndTakeConnectionSayWhyNothingCame() {
        try (MockDevice quiet = MockDevice.start(SHORT).on(any(), DeviceReply.none())) {
            assertThatThrownBy(quiet::takeRequest).isInstanceOf(AssertionError.class)
                    .hasMessage("no request to the mock device on port " + quiet.port() + " within PT0.3S"
                            + " (requests so far: 0, connections: 0)");
            try (TestPeer peer = TestPeer.connect(quiet.port())) {
                quiet.awaitConnectionCount(1);
                assertThatThrownBy(quiet::takeConnection).isInstanceOf(AssertionError.class)
                        .hasMessageEndingWith("(connections accepted so far: 1); this device answers its"
                                + " connections itself: takeRequest() sees its requests");
            }
        }
        try (MockDevice handing = MockDevice.start(SHORT)) {
            assertThatThrownBy(handing::takeRequest).hasMessageEndingWith(
                    "; this device hands its connections over: answering needs on(...)");
        }
    }

    @Test
    void badRepliesAndFramingsAreRefusedAtOnce() {
        assertThatThrownBy(() -> DeviceReply.of("x").inChunks(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("chunk size must be positive, was 0");
        assertThatThrownBy(() -> DeviceReply.of("x").after(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("negative duration PT-0.001S");
        assertThatThrownBy(() -> Framing.delimiter(""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("empty delimiter");
        assertThatThrownBy(() -> device.on(null, DeviceReply.none())).isInstanceOf(NullPointerException.class);
    }
}
