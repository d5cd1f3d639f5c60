package dev.c4j.engine.luaj;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

import static org.assertj.core.api.Assertions.assertThat;

/** C4:CreateTCPClient end to end (spec section 3) against a java.net.ServerSocket on 127.0.0.1. */
class ClientTest {

    private static ServerSocket localServer() throws Exception {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
        server.setSoTimeout((int) TestDriver.TIMEOUT.toMillis());
        return server;
    }

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

    @Test
    void connectsWritesReadsAndSeesTheGracefulEnd() throws Exception {
        try (ServerSocket server = localServer();
             TestDriver d = TestDriver.start(tracingClient(server.getLocalPort()) + """
                     function OnDriverLateInit()
                       cli:OnConnect(function(c)
                         print('connected', c == cli, c:GetRemoteAddress().port == PORT, c:GetLocalAddress().ip)
                         c:Write('hello\\r\\n'):Write('again\\r\\n'):ReadUntil('\\r\\n')
                       end)
                       print('connect', cli:Connect('127.0.0.1', PORT) == cli, cli:Connect('127.0.0.1', PORT))
                     end
                     function readMore() cli:ReadUntil('\\r\\n') end
                     """);
             Peer peer = Peer.of(server.accept())) {
            assertThat(peer.readLine()).isEqualTo("hello");
            assertThat(peer.readLine()).isEqualTo("again");
            peer.send("world\r\nrest");
            d.await("read\tworld");
            peer.close();
            d.sync();
            // the end is held behind the buffered "rest" until the next read
            d.driver.callGlobal("readMore");
            d.await("disconnected");
            assertThat(d.lines()).containsExactly(
                    "connect\ttrue\tnil",
                    "connected\ttrue\ttrue\t127.0.0.1",
                    "written",
                    "read\tworld\r\n",
                    "read\trest",
                    "disconnected\t2\t0\tSuccess");
        }
    }

    @Test
    void aRefusedConnectionIsAnErrorWithoutDisconnect() throws Exception {
        int port;
        try (ServerSocket closed = localServer()) {
            port = closed.getLocalPort();
        }
        try (TestDriver d = TestDriver.start(tracingClient(port) + "cli:Connect('127.0.0.1', PORT)")) {
            d.await("error");
            d.sync();
            assertThat(d.lines()).containsExactly("error\t3\t111\tConnection refused\tconnect");
            assertThat(d.messages()).isEmpty();
        }
    }

    @Test
    void closeWhileResolvingCancelsTheResolve() throws Exception {
        try (ServerSocket server = localServer();
             TestDriver d = TestDriver.start(tracingClient(server.getLocalPort()) + """
                     print('fresh close', cli:Close() == cli)
                     cli:Connect('127.0.0.1', PORT):Close()
                     """)) {
            d.await("error");
            d.sync();
            assertThat(d.lines()).containsExactly("fresh close\ttrue", "error\t3\t125\tOperation canceled\tresolve");
        }
    }

    @Test
    void closeWhileConnectingCancelsTheConnect() throws Exception {
        // A listener whose accept queue is full drops further SYNs (Linux): the connect stays under way.
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
             Socket filler1 = new Socket("127.0.0.1", server.getLocalPort());
             Socket filler2 = new Socket("127.0.0.1", server.getLocalPort());
             TestDriver d = TestDriver.start(tracingClient(server.getLocalPort()) + """
                     cli:OnResolve(function(c, endpoints) print('resolved') end):Connect('127.0.0.1', PORT)
                     function closeNow() cli:Close() end
                     """)) {
            d.await("resolved");
            Thread.sleep(100);
            d.driver.callGlobal("closeNow");
            d.await("error");
            d.sync();
            assertThat(d.lines()).containsExactly("resolved", "error\t3\t125\tOperation canceled\tconnect");
        }
    }

    @Test
    void closeWhenConnectedEndsWithOnDisconnectAndFlushesOnRequest() throws Exception {
        try (ServerSocket server = localServer();
             TestDriver d = TestDriver.start(tracingClient(server.getLocalPort()) + """
                     cli:OnConnect(function(c) print('connected') end):Connect('127.0.0.1', PORT)
                     function closeNow() print('close', cli:ReadUntil('x') == cli, cli:Close() == cli, cli:Write('late')) end
                     function flushAndClose() cli:Write(string.rep('z', 100000)):Close(true) end
                     function reconnect()
                       print('after end', cli:Close() == cli, cli:Write('x'), cli:ReadUntil('x'))
                       print('reconnect', cli:Connect('127.0.0.1', PORT) == cli)
                     end
                     """)) {
            try (Peer peer = Peer.of(server.accept())) {
                d.await("connected");
                d.driver.callGlobal("closeNow");
                d.await("disconnected");
                assertThat(peer.isClosedByOtherSide()).isTrue();
            }
            d.driver.callGlobal("reconnect");
            try (Peer peer = Peer.of(server.accept())) {
                d.output.awaitLine(line -> line.equals("connected") && d.lines().indexOf(line) != d.lines().lastIndexOf(line),
                        "a second 'connected'");
                d.driver.callGlobal("flushAndClose");
                assertThat(peer.readToEnd()).hasSize(100000).matches("z+");
            }
            d.output.awaitLine(line -> d.lines().stream().filter(l -> l.startsWith("disconnected")).count() == 2,
                    "a second OnDisconnect");
            assertThat(d.lines()).containsExactly("connected", "close\ttrue\ttrue\tnil", "disconnected\t2\t0\tSuccess",
                    "after end\ttrue\tnil\tnil", "reconnect\ttrue", "connected", "disconnected\t2\t0\tSuccess");
        }
    }

    @Test
    void aResetIsAReadErrorThenADisconnect() throws Exception {
        try (ServerSocket server = localServer();
             TestDriver d = TestDriver.start(tracingClient(server.getLocalPort()) + """
                     cli:OnConnect(function(c) print('connected'); c:ReadUntil('\\n') end):Connect('127.0.0.1', PORT)
                     """)) {
            Socket socket = server.accept();
            d.await("connected");
            socket.setSoLinger(true, 0);
            socket.close(); // RST
            d.await("disconnected");
            assertThat(d.lines()).containsExactly("connected", "error\t3\t104\tConnection reset by peer\tread",
                    "disconnected\t2\t104\tConnection reset by peer");
        }
    }
}
