package dev.c4j.testkit.bindings;

import dev.c4j.runtime.NetworkAccess;
import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.DeviceBehaviour;
import dev.c4j.testkit.MockDevice;
import dev.c4j.testkit.TestDriver;
import dev.c4j.testkit.TestPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;

import static dev.c4j.testkit.DirectorAssert.assertThat;
import static dev.c4j.testkit.bindings.BoundDriver.ADDRESS;
import static dev.c4j.testkit.bindings.BoundDriver.BINDING;
import static dev.c4j.testkit.bindings.BoundDriver.HOST;
import static dev.c4j.testkit.bindings.BoundDriver.QUIET;
import static dev.c4j.testkit.bindings.BoundDriver.advance;
import static dev.c4j.testkit.bindings.BoundDriver.awaitLine;
import static dev.c4j.testkit.bindings.BoundDriver.lines;
import static dev.c4j.testkit.bindings.BoundDriver.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Network bindings over TCP (host spec §4, rules N1-N8) on every engine, against a {@link MockDevice} on
 * 127.0.0.1 that the address map stands in for the binding's port 23, on virtual time.
 */
class NetworkBindingTest {

    /** The options of most tests' port: connect on start, keep the connection. */
    private static final String KEPT = "<auto_connect>True</auto_connect><keep_connection>True</keep_connection>";
    private static final String LINES = KEPT + "<delimiter>0d0a</delimiter>";
    private static final String ONLINE = "status\t6001\t23\tONLINE";
    private static final String OFFLINE = "status\t6001\t23\tOFFLINE";

    private final MockDevice device = MockDevice.start();

    @TempDir
    Path folder;

    @AfterEach
    void stopDevice() {
        device.close();
    }

    /** The package with {@code portOptions} and the tracing driver, its binding at 127.0.0.1, mapped to the device. */
    private TestDriver start(String engine, String portOptions, String lua) {
        return builder(engine, portOptions, lua).mapAddress(ADDRESS, device.address()).start();
    }

    private TestDriver.Builder builder(String engine, String portOptions, String lua) {
        return TestDriver.builder().engine(engine).virtualTime()
                .driverPackage(BoundDriver.tcp(folder, portOptions, lua)).binding(BINDING, HOST);
    }

    private static String data(String bytes) {
        return "data\t6001\t23\t" + bytes + "\t127.0.0.1";
    }

    // ---- connecting -------------------------------------------------------------------------------------------

    @AllEngines
    void autoConnectsRightAfterLateInitAndCarriesBytesBothWays(String engine) {
        try (TestDriver driver = start(engine, KEPT, "")) {
            TestPeer connection = device.takeConnection();
            awaitLine(driver, "status");
            connection.send("hello\r\n");
            awaitLine(driver, "data");
            driver.command("send", Map.of("DATA", "world\r\n"));
            assertThat(connection.readLine()).isEqualTo("world");
            sync(driver);
            assertThat(driver.outputLines()).containsExactly("late init", ONLINE, data("hello\r\n"));
            assertThat(driver).called("SendToNetwork", BINDING, 23, "world\r\n")
                    .called("OnConnectionStatusChanged", BINDING, 23, "ONLINE")
                    .called("ReceivedFromNetwork", BINDING, 23, "hello\r\n", "127.0.0.1");
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void autoConnectComesAfterOnDriverLateInitReturnedWithTheAddressItSet(String engine) {
        String lua = "function OnDriverLateInit() C4:SetBindingAddress(6001, '127.0.0.1') end";
        try (TestDriver driver = TestDriver.builder().engine(engine).virtualTime()
                .driverPackage(BoundDriver.tcp(folder, KEPT, lua)).mapAddress(ADDRESS, device.address()).start()) {
            device.takeConnection();
            awaitLine(driver, "status");
            assertThat(driver.outputLines()).containsExactly(ONLINE);
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void aPortWithoutAutoConnectWaitsForNetConnect(String engine) {
        try (TestDriver driver = start(engine, "<keep_connection>True</keep_connection>", "")) {
            sync(driver);
            assertThat(device.connectionCount()).isZero();
            driver.command("connect");
            device.takeConnection();
            awaitLine(driver, "status");
            driver.command("connect"); // online already: no effect
            sync(driver);
            device.awaitConnectionCount(1);
            assertThat(driver).called("NetConnect", BINDING, 23);
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void aRefusingDeviceGetsNoStatusAndARetryEveryFiveSecondsOnVirtualTime(String engine) throws IOException {
        int port = closedPort();
        try (TestDriver driver = builder(engine, KEPT, "").mapAddress(ADDRESS, HOST + ":" + port).start()) {
            BoundDriver.sleep(QUIET); // the first attempt is refused meanwhile
            advance(driver, Duration.ofSeconds(5)); // the second one too
            BoundDriver.sleep(QUIET);
            try (ServerSocket revived = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
                advance(driver, Duration.ofMillis(4999));
                revived.setSoTimeout((int) QUIET.toMillis());
                assertThatThrownBy(revived::accept).as("an attempt before 5 s passed")
                        .isInstanceOf(SocketTimeoutException.class);
                assertThat(lines(driver, "status")).isEmpty(); // N1: failed attempts report nothing

                advance(driver, Duration.ofMillis(1));
                revived.setSoTimeout((int) BoundDriver.TIMEOUT.toMillis());
                try (Socket connection = revived.accept()) {
                    awaitLine(driver, "status");
                    assertThat(lines(driver, "status")).containsExactly(ONLINE);
                }
            }
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void withoutKeepConnectionAFailedAttemptIsNotRepeated(String engine) throws IOException {
        int port = closedPort();
        try (TestDriver driver = builder(engine, "<auto_connect>True</auto_connect>", "")
                .mapAddress(ADDRESS, HOST + ":" + port).start()) {
            BoundDriver.sleep(QUIET);
            try (ServerSocket revived = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
                advance(driver, Duration.ofMinutes(1));
                revived.setSoTimeout((int) QUIET.toMillis());
                assertThatThrownBy(revived::accept).isInstanceOf(SocketTimeoutException.class);
            }
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    // ---- misbehaving devices ------------------------------------------------------------------------------------

    @AllEngines
    void aResetMidMessageDeliversThePartThenOfflineAndReconnectsFiveSecondsLater(String engine) {
        device.enqueue(DeviceBehaviour.script("part, then reset", connection -> {
            connection.send("POWER=ON\r\nINP");
            BoundDriver.sleep(Duration.ofMillis(100)); // the bytes arrive before the reset
            connection.resetClose();
        }));
        try (TestDriver driver = start(engine, LINES, "")) {
            awaitLine(driver, "status\t6001\t23\tOFFLINE");
            assertThat(driver.outputLines()).containsExactly("late init", ONLINE, data("POWER=ON\r\n"), data("INP"),
                    OFFLINE);

            advance(driver, Duration.ofMillis(4999));
            BoundDriver.sleep(QUIET);
            device.awaitConnectionCount(1);
            advance(driver, Duration.ofMillis(1));
            device.takeConnection();
            assertThat(driver.awaitOutput("^status", 3, BoundDriver.TIMEOUT)).hasSize(3);
            assertThat(lines(driver, "status")).containsExactly(ONLINE, OFFLINE, ONLINE);
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void aSilentDeviceStaysOnlineAndTheRestartIdiomGivesAFreshConnection(String engine) {
        device.enqueue(DeviceBehaviour.acceptAndSilence());
        try (TestDriver driver = start(engine, LINES, "")) {
            awaitLine(driver, "status");
            advance(driver, Duration.ofHours(1));
            BoundDriver.sleep(QUIET);
            assertThat(driver.outputLines()).containsExactly("late init", ONLINE);

            driver.command("restart"); // NetDisconnect + NetConnect, the usual way out
            TestPeer second = device.takeConnection();
            second.send("BACK\r\n");
            awaitLine(driver, "data");
            assertThat(driver.outputLines()).containsExactly("late init", ONLINE, OFFLINE, ONLINE, data("BACK\r\n"));
            device.awaitConnectionCount(2);
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void theRestartIdiomWorksWhileWaitingToRetryAndNetDisconnectStopsRetries(String engine) throws IOException {
        int port = closedPort();
        try (TestDriver driver = builder(engine, KEPT, "").mapAddress(ADDRESS, HOST + ":" + port).start()) {
            BoundDriver.sleep(QUIET);
            try (ServerSocket revived = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
                revived.setSoTimeout((int) BoundDriver.TIMEOUT.toMillis());
                driver.command("restart"); // at once, without waiting for the retry
                try (Socket connection = revived.accept()) {
                    awaitLine(driver, "status");
                }
                awaitLine(driver, "status\t6001\t23\tOFFLINE"); // the device went away

                driver.command("disconnect");
                advance(driver, Duration.ofMinutes(1));
                revived.setSoTimeout((int) QUIET.toMillis());
                assertThatThrownBy(revived::accept).as("a retry after NetDisconnect")
                        .isInstanceOf(SocketTimeoutException.class);
            }
            assertThat(lines(driver, "status")).containsExactly(ONLINE, OFFLINE);
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void answersOneByteAtATimeAreReassembledIntoMessagesWithTheirDelimiter(String engine) {
        device.enqueue(DeviceBehaviour.answerOneByteAtATime(
                "POWER=ON\r\nINPUT=\u00ff\u0000\r\n".getBytes(StandardCharsets.ISO_8859_1)));
        try (TestDriver driver = start(engine, LINES, "")) {
            assertThat(driver.awaitOutput("^data", 2, BoundDriver.TIMEOUT)).hasSize(2);
            sync(driver);
            assertThat(lines(driver, "data")).containsExactly(data("POWER=ON\r\n"), data("INPUT=\u00ff\u0000\r\n"));
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void severalMebibytesAtOnceArriveIntactAndGoBackIntact(String engine) {
        byte[] burst = new byte[4 * 1024 * 1024 + 7];
        new Random(42).nextBytes(burst);
        device.enqueue(DeviceBehaviour.burst(burst));
        String echo = """
                received = 0
                function ReceivedFromNetwork(id, port, data, from)
                  C4:SendToNetwork(id, port, data)
                  received = received + #data
                  if received == %d then print('received all') end
                end
                """.formatted(burst.length);
        try (TestDriver driver = start(engine, KEPT, echo)) {
            TestPeer connection = device.takeConnection();
            assertThat(connection.timeout(Duration.ofSeconds(30)).readExactly(burst.length)).isEqualTo(burst);
            awaitLine(driver, "received all");
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    // ---- names, addresses and the egress policy ------------------------------------------------------------

    @AllEngines
    void aNameThatDoesNotResolveIsAFailedAttemptUntilTheInstallerFixesTheAddress(String engine) {
        try (TestDriver driver = builder(engine, KEPT, "").network(NetworkAccess.ANY)
                .binding(BINDING, "no-such-device.invalid").mapAddress(ADDRESS, device.address()).start()) {
            BoundDriver.sleep(QUIET);
            advance(driver, Duration.ofSeconds(10));
            BoundDriver.sleep(QUIET);
            assertThat(lines(driver, "status")).isEmpty();
            assertThat(device.connectionCount()).isZero();

            driver.setBindingAddress(BINDING, HOST); // Composer's Network tab
            device.takeConnection();
            awaitLine(driver, "status");
            assertThat(driver.outputLines()).containsExactly("late init", "binding changed\t6001\ttrue", ONLINE);
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void theLoopbackPolicyRefusesOtherHostsBeforeAnyLookup(String engine) {
        try (TestDriver driver = builder(engine, KEPT, "").binding(BINDING, "device.example.com").start()) {
            assertThat(BoundDriver.awaitMessage(driver, "network policy loopback")).contains("device.example.com:23");
            assertThat(lines(driver, "status")).isEmpty();
        }
    }

    @AllEngines
    void anOutsideAddressChangeReconnectsAutoConnectPortsAndAnEmptyOneDisconnects(String engine) {
        try (TestDriver driver = TestDriver.builder().engine(engine).virtualTime()
                .driverPackage(BoundDriver.tcp(folder, KEPT, "")).mapAddress(ADDRESS, device.address()).start()) {
            sync(driver);
            assertThat(device.connectionCount()).as("no address, no connection").isZero();
            driver.setBindingAddress(BINDING, HOST);
            device.takeConnection();
            awaitLine(driver, "status");
            driver.setBindingAddress(BINDING, "");
            sync(driver);
            assertThat(driver.outputLines()).containsExactly("late init", "binding changed\t6001\ttrue", ONLINE,
                    "binding changed\t6001\tfalse", OFFLINE);
            assertThatThrownBy(() -> driver.setBindingAddress(6002, HOST))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no network binding 6002");
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void bindingAddressesAsTheDriverSeesAndSetsThem(String engine) {
        String lua = """
                function OnDriverLateInit()
                  print('addresses', C4:GetBindingAddress(6001), C4:GetBindingAddress(6100) == nil)
                  C4:CreateNetworkConnection(6100, '127.0.0.1')
                  print('created', C4:GetBindingAddress(6100))
                  C4:SetBindingAddress(6100, '')
                  print('freed', C4:GetBindingAddress(6100) == '')
                end
                function ExecuteCommand()
                  C4:SetBindingAddress(6001, '127.0.0.2')
                  print('own change', C4:GetBindingAddress(6001))
                end
                """;
        try (TestDriver driver = start(engine, KEPT, lua)) {
            device.takeConnection();
            awaitLine(driver, "status");
            driver.command("readdress");
            BoundDriver.sleep(QUIET);
            // the driver's own change: no OnNetworkBindingChanged, and the open connection stays (§4.2)
            assertThat(driver.outputLines()).containsExactly("addresses\t127.0.0.1\ttrue", "created\t127.0.0.1",
                    "freed\ttrue", ONLINE, "own change\t127.0.0.2");
            assertThat(driver).called("SetBindingAddress", BINDING, "127.0.0.2").called("GetBindingAddress", 6100);
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void aBindingTheDriverCreatesConnectsWithItsOwnOptions(String engine) {
        String lua = """
                function OnDriverLateInit()
                  C4:CreateNetworkConnection(6101, '127.0.0.1', 'Telnet')
                  C4:NetPortOptions(6101, 23, 'TCP', { DELIMITER = '0a', KEEP_CONNECTION = false })
                  C4:NetConnect(6101, 23)
                end
                function ReceivedFromNetwork(id, port, data) print('got', id, port, data) end
                """;
        try (TestDriver driver = start(engine, "", lua)) {
            TestPeer connection = device.takeConnection();
            awaitLine(driver, "status\t6101");
            connection.send("a\nb\n");
            assertThat(driver.awaitOutput("^got", 2, BoundDriver.TIMEOUT)).hasSize(2);
            assertThat(lines(driver, "got")).containsExactly("got\t6101\t23\ta\n", "got\t6101\t23\tb\n");
            connection.close();
            awaitLine(driver, "status\t6101\t23\tOFFLINE");
            advance(driver, Duration.ofMinutes(1)); // KEEP_CONNECTION false: no reconnect
            BoundDriver.sleep(QUIET);
            device.awaitConnectionCount(1);
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void callsThatCannotWorkWarnAndDoNothing(String engine) {
        String lua = """
                function OnDriverLateInit()
                  C4:SendToNetwork(6001, 23, 'too early')
                  C4:NetConnect(6200, 23)
                  C4:NetConnect(6001, 23, 'MULTICAST')
                  print('port', pcall(C4.NetConnect, C4, 6001, 70000))
                end
                """;
        try (TestDriver driver = builder(engine, "", lua).start()) {
            awaitLine(driver, "port");
            assertThat(driver.outputLines())
                    .contains("port\tfalse\tbad argument #2 to 'NetConnect' (port out of range)");
            assertThat(String.join("\n", driver.warnings())).contains("not online; 9 bytes dropped",
                    "NetConnect: no network binding 6200", "MULTICAST is not supported");
        }
    }

    // ---- the end ----------------------------------------------------------------------------------------------

    @AllEngines
    void aDriverStoppedWhileConnectedHearsNothingAfterOnDriverDestroyed(String engine) {
        String lua = """
                function OnDriverDestroyed()
                  C4:NetDisconnect(6001, 23) -- would report OFFLINE on a later turn: there is none
                  print('destroyed')
                end
                """;
        try (TestDriver driver = start(engine, LINES, lua)) {
            TestPeer connection = device.takeConnection();
            awaitLine(driver, "status");
            connection.send("LAST\r\nUNFINISHED");
            awaitLine(driver, "data");
            driver.stop();
            connection.expectEof();
            BoundDriver.sleep(QUIET);
            assertThat(driver.outputLines()).containsExactly("late init", ONLINE, data("LAST\r\n"), "destroyed");
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    private static int closedPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }
}
