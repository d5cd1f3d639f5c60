package dev.c4j.testkit.bindings;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;
import dev.c4j.testkit.TestPeer;

import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.regex.MatchResult;

import static dev.c4j.testkit.DirectorAssert.assertThat;
import static dev.c4j.testkit.bindings.BoundDriver.TIMEOUT;
import static dev.c4j.testkit.bindings.BoundDriver.awaitLine;
import static dev.c4j.testkit.bindings.BoundDriver.lines;
import static dev.c4j.testkit.bindings.BoundDriver.sync;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The legacy server sockets (host spec §6) on every engine, with real clients on 127.0.0.1. */
class LegacyServerTest {

    /** Callbacks printing every argument; {@code identifier} as {@code tostring} shows it. */
    private static final String TRACING = """
            function OnServerStatusChanged(port, status, identifier)
              print('server', port, status, tostring(identifier))
            end
            function OnServerConnectionStatusChanged(handle, port, status, address, identifier)
              print('connection', handle, port, status, address, tostring(identifier))
            end
            function OnServerDataIn(handle, data, address, port, identifier)
              print('in', handle, data, address, port, tostring(identifier))
            end
            function OnDriverDestroyed() print('destroyed') end
            """;

    private static TestDriver start(String engine, String lua) {
        return TestDriver.builder().engine(engine).virtualTime().lua("server", TRACING + lua).start();
    }

    /** The port the driver's server listens on, from its ONLINE. */
    private static int serverPort(TestDriver driver) {
        return Integer.parseInt(driver.awaitOutput("^server\t(\\d+)\tONLINE").group(1));
    }

    @AllEngines
    void aTcpServerTellsOnlineThenPerConnectionOnlineMessagesAndOffline(String engine) {
        try (TestDriver driver = start(engine, "print('create', C4:CreateServer(0, '\\r\\n', false, 'web'))")) {
            int port = serverPort(driver);
            try (TestPeer peer = TestPeer.connect(port)) {
                peer.send("GET / HTTP/1.0\r\nHost: x");
                awaitLine(driver, "in");
                peer.close();
                List<MatchResult> ends = driver.awaitOutput("^connection\t(\\d+)\t" + port + "\tOFFLINE", 1, TIMEOUT);
                String handle = ends.get(0).group(1);
                String from = "\t127.0.0.1\t" + peer.localPort() + "\tweb";
                assertThat(driver.outputLines()).containsExactly(
                        "create\ttrue",
                        "server\t" + port + "\tONLINE\tweb",
                        "connection\t" + handle + "\t" + port + "\tONLINE\t127.0.0.1\tweb",
                        "in\t" + handle + "\tGET / HTTP/1.0\r\n" + from,
                        "in\t" + handle + "\tHost: x" + from, // what is left at the end, before OFFLINE
                        "connection\t" + handle + "\t" + port + "\tOFFLINE\t127.0.0.1\tweb");
                assertThat(Long.parseLong(handle)).as("no small counter").isGreaterThanOrEqualTo(65536);
            }
            assertThat(driver).called("CreateServer", 0, "\r\n", false, "web")
                    .called("OnServerDataIn");
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void handlesAreUniqueAndServerSendThenCloseClientDeliversEverything(String engine) {
        String lua = """
                C4:CreateServer(0)
                function OnServerDataIn(handle, data) -- web2way declares two parameters
                  C4:ServerSend(handle, string.rep('x', 200000) .. data)
                  C4:ServerCloseClient(handle)
                end
                """;
        try (TestDriver driver = start(engine, lua)) {
            int port = serverPort(driver);
            try (TestPeer first = TestPeer.connect(port); TestPeer second = TestPeer.connect(port)) {
                first.send("1");
                assertThat(first.readExactly(200001)).endsWith((byte) '1');
                first.expectEof();
                second.send("2");
                assertThat(second.readExactly(200001)).endsWith((byte) '2');
                second.expectEof();
            }
            List<MatchResult> offline = driver.awaitOutput("^connection\t(\\d+)\t\\d+\tOFFLINE", 2, TIMEOUT);
            assertThat(offline.get(0).group(1)).isNotEqualTo(offline.get(1).group(1));
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void aServerCreatedInsideACoroutineListensToo(String engine) {
        // LuaJ runs a coroutine on a thread of its own: the bind then waits for the loop (TcpServer.listenNow)
        String lua = "coroutine.wrap(function() print('create', C4:CreateServer(0)) end)()";
        try (TestDriver driver = start(engine, lua)) {
            int port = serverPort(driver);
            try (TestPeer peer = TestPeer.connect(port)) {
                awaitLine(driver, "connection");
            }
            assertThat(driver.outputLines()).startsWith("create\ttrue");
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void aPortInUseOrServedAlreadyIsFalseAndAMessage(String engine) throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             TestDriver driver = start(engine, """
                     print('taken', C4:CreateServer(%d))
                     C4:CreateServer(0)
                     function OnServerStatusChanged(port, status)
                       print('again', C4:CreateServer(port))
                       print('bad', C4:CreateServer(70000))
                     end
                     """.formatted(taken.getLocalPort()))) {
            awaitLine(driver, "bad");
            assertThat(driver.outputLines()).containsExactly("taken\tfalse\tAddress already in use",
                    "again\tfalse\tAddress already in use", "bad\tfalse\tInvalid argument");
        }
    }

    @AllEngines
    void destroyServerEndsItsConnectionsFirst(String engine) throws IOException {
        try (TestDriver driver = start(engine, "C4:CreateServer(0, nil, false, 7)\n"
                + "function ExecuteCommand() C4:DestroyServer() end")) {
            int port = serverPort(driver);
            try (TestPeer peer = TestPeer.connect(port)) {
                awaitLine(driver, "connection");
                driver.command("destroy");
                peer.expectEof();
            }
            sync(driver);
            List<String> lines = driver.outputLines();
            assertThat(lines.get(lines.size() - 2)).matches("connection\t\\d+\t" + port + "\tOFFLINE\t127.0.0.1\t7");
            assertThat(lines.get(lines.size() - 1)).isEqualTo("server\t" + port + "\tOFFLINE\t7");
            assertRefused(port);
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void aUdpServerHandsOverWholeDatagramsAndSendsToAddressAndPort(String engine) throws IOException {
        String lua = """
                C4:CreateServer(0, '\\n', true)
                function OnServerDataIn(handle, data, address, port)
                  print('in', handle, data, address, port)
                  C4:ServerSend(port, 'pong ' .. data, address)
                end
                """;
        try (TestDriver driver = start(engine, lua);
             DatagramSocket client = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            client.setSoTimeout((int) TIMEOUT.toMillis());
            int port = serverPort(driver);
            assertThat(lines(driver, "server")).containsExactly("server\t" + port + "\tONLINE\tnil");
            for (String ping : List.of("a\nb", "c")) {
                byte[] bytes = ping.getBytes(StandardCharsets.ISO_8859_1);
                client.send(new DatagramPacket(bytes, bytes.length, InetAddress.getLoopbackAddress(), port));
                DatagramPacket reply = new DatagramPacket(new byte[100], 100);
                client.receive(reply);
                assertThat(new String(Arrays.copyOf(reply.getData(), reply.getLength()), StandardCharsets.ISO_8859_1))
                        .isEqualTo("pong " + ping);
                assertThat(reply.getPort()).isEqualTo(port);
            }
            List<MatchResult> datagrams = driver.awaitOutput("^in\t(\\d+)\t", 2, TIMEOUT);
            assertThat(datagrams.get(0).group(1)).as("one handle per UDP server").isEqualTo(datagrams.get(1).group(1));
            assertThat(lines(driver, "in")).containsExactly(
                    "in\t" + datagrams.get(0).group(1) + "\ta\nb\t127.0.0.1\t" + client.getLocalPort(),
                    "in\t" + datagrams.get(0).group(1) + "\tc\t127.0.0.1\t" + client.getLocalPort());
            assertThat(lines(driver, "connection")).isEmpty();
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void aStoppedDriverHearsNothingAfterOnDriverDestroyedAndItsServerIsGone(String engine) throws IOException {
        try (TestDriver driver = start(engine, "C4:CreateServer(0, '\\n')")) {
            int port = serverPort(driver);
            try (TestPeer peer = TestPeer.connect(port)) {
                awaitLine(driver, "connection");
                peer.send("unfinished");
                BoundDriver.sleep(BoundDriver.QUIET);
                driver.stop();
                peer.expectEof();
            }
            BoundDriver.sleep(BoundDriver.QUIET);
            assertThat(driver.outputLines()).last().isEqualTo("destroyed");
            assertRefused(port);
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    private static void assertRefused(int port) {
        assertThatThrownBy(() -> new Socket(InetAddress.getLoopbackAddress(), port).close())
                .isInstanceOf(ConnectException.class);
    }
}
