package dev.c4j.testkit.semantics;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.MockDevice;
import dev.c4j.testkit.TestDriver;
import dev.c4j.testkit.TestPeer;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static dev.c4j.testkit.semantics.Drivers.TIMEOUT;
import static dev.c4j.testkit.semantics.Drivers.awaitLine;
import static dev.c4j.testkit.semantics.Drivers.closedPort;
import static dev.c4j.testkit.semantics.Drivers.readText;
import static dev.c4j.testkit.semantics.Drivers.sync;
import static org.assertj.core.api.Assertions.assertThat;

/** C4:CreateTCPClient end to end (spec section 3) against a {@link MockDevice} on 127.0.0.1. */
class ClientTest {

    /** A client with handlers printing every callback and its arguments. */
    private static String tracingClient(int port) {
        return """
                cli = C4:CreateTCPClient()
                  :OnConnect(function(c, ...)
                    print('connected', c == cli, select('#', ...), c:GetRemoteAddress().ip, c:GetRemoteAddress().port)
                  end)
                  :OnRead(function(c, data) print('read', data) end)
                  :OnWrite(function(c) print('written') end)
                  :OnDisconnect(function(c, ...) print('disconnected', select('#', ...), ...) end)
                  :OnError(function(c, ...) print('error', select('#', ...), ...) end)
                PORT = %d
                """.formatted(port);
    }

    @AllEngines
    void connectsWritesReadsAndSeesTheGracefulEnd(String engine) {
        try (MockDevice device = MockDevice.start();
             TestDriver d = Drivers.start(engine, tracingClient(device.port()) + """
                     function OnDriverLateInit()
                       cli:OnConnect(function(c)
                         print('connected', c == cli, c:GetRemoteAddress().port == PORT, c:GetLocalAddress().ip)
                         c:Write('hello\\r\\n'):Write('again\\r\\n'):ReadUntil('\\r\\n')
                       end)
                       print('connect', cli:Connect('127.0.0.1', PORT) == cli, cli:Connect('127.0.0.1', PORT))
                     end
                     function readMore() cli:ReadUntil('\\r\\n') end
                     """);
             TestPeer peer = device.takeConnection()) {
            assertThat(peer.readLine()).isEqualTo("hello");
            assertThat(peer.readLine()).isEqualTo("again");
            peer.send("world\r\nrest");
            awaitLine(d, "read\tworld");
            peer.close();
            sync(d);
            // the end is held behind the buffered "rest" until the next read
            d.driver().callGlobal("readMore");
            awaitLine(d, "disconnected");
            assertThat(d.outputLines()).containsExactly(
                    "connect\ttrue\tnil",
                    "connected\ttrue\ttrue\t127.0.0.1",
                    "written",
                    "read\tworld\r\n",
                    "read\trest",
                    "disconnected\t2\t0\tSuccess");
        }
    }

    @AllEngines
    void aRefusedConnectionIsAnErrorWithoutDisconnect(String engine) {
        try (TestDriver d = Drivers.start(engine, tracingClient(closedPort()) + "cli:Connect('127.0.0.1', PORT)")) {
            awaitLine(d, "error");
            sync(d);
            assertThat(d.outputLines()).containsExactly("error\t3\t111\tConnection refused\tconnect");
            d.assertNoErrors();
        }
    }

    @AllEngines
    void closeWhileResolvingCancelsTheResolve(String engine) {
        try (MockDevice device = MockDevice.start();
             TestDriver d = Drivers.start(engine, tracingClient(device.port()) + """
                     print('fresh close', cli:Close() == cli)
                     cli:Connect('127.0.0.1', PORT):Close()
                     """)) {
            awaitLine(d, "error");
            sync(d);
            assertThat(d.outputLines()).containsExactly("fresh close\ttrue", "error\t3\t125\tOperation canceled\tresolve");
        }
    }

    @AllEngines
    void closeWhileConnectingCancelsTheConnect(String engine) throws Exception {
        // A listener whose accept queue is full drops further SYNs (Linux): the connect stays under way. A plain
        // ServerSocket that never accepts, as a MockDevice accepts everything.
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Socket filler1 = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             Socket filler2 = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort());
             TestDriver d = Drivers.start(engine, tracingClient(server.getLocalPort()) + """
                     cli:OnResolve(function(c, endpoints) print('resolved') end):Connect('127.0.0.1', PORT)
                     function closeNow() cli:Close() end
                     """)) {
            awaitLine(d, "resolved");
            Thread.sleep(100);
            d.driver().callGlobal("closeNow");
            awaitLine(d, "error");
            sync(d);
            assertThat(d.outputLines()).containsExactly("resolved", "error\t3\t125\tOperation canceled\tconnect");
        }
    }

    @AllEngines
    void closeWhenConnectedEndsWithOnDisconnectAndFlushesOnRequest(String engine) {
        try (MockDevice device = MockDevice.start();
             TestDriver d = Drivers.start(engine, tracingClient(device.port()) + """
                     cli:OnConnect(function(c) print('connected') end):Connect('127.0.0.1', PORT)
                     function closeNow() print('close', cli:ReadUntil('x') == cli, cli:Close() == cli, cli:Write('late')) end
                     function flushAndClose() cli:Write(string.rep('z', 100000)):Close(true) end
                     function reconnect()
                       print('after end', cli:Close() == cli, cli:Write('x'), cli:ReadUntil('x'))
                       print('reconnect', cli:Connect('127.0.0.1', PORT) == cli)
                     end
                     """)) {
            try (TestPeer peer = device.takeConnection()) {
                awaitLine(d, "connected");
                d.driver().callGlobal("closeNow");
                awaitLine(d, "disconnected");
                peer.expectEof();
            }
            d.driver().callGlobal("reconnect");
            try (TestPeer peer = device.takeConnection()) {
                d.awaitOutput("^connected$", 2, TIMEOUT); // the second 'connected'
                d.driver().callGlobal("flushAndClose");
                assertThat(readText(peer, 100000)).matches("z+");
                peer.expectEof();
            }
            d.awaitOutput("^disconnected", 2, TIMEOUT); // the second OnDisconnect
            assertThat(d.outputLines()).containsExactly("connected", "close\ttrue\ttrue\tnil",
                    "disconnected\t2\t0\tSuccess", "after end\ttrue\tnil\tnil", "reconnect\ttrue", "connected",
                    "disconnected\t2\t0\tSuccess");
        }
    }

    @AllEngines
    void aResetIsAReadErrorThenADisconnect(String engine) {
        try (MockDevice device = MockDevice.start();
             TestDriver d = Drivers.start(engine, tracingClient(device.port()) + """
                     cli:OnConnect(function(c) print('connected'); c:ReadUntil('\\n') end):Connect('127.0.0.1', PORT)
                     """)) {
            TestPeer peer = device.takeConnection();
            awaitLine(d, "connected");
            peer.resetClose(); // RST
            awaitLine(d, "disconnected");
            assertThat(d.outputLines()).containsExactly("connected", "error\t3\t104\tConnection reset by peer\tread",
                    "disconnected\t2\t104\tConnection reset by peer");
        }
    }
}
