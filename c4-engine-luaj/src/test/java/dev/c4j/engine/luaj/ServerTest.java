package dev.c4j.engine.luaj;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.UncheckedIOException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** C4:CreateTCPServer end to end (spec section 2), with java.net.Socket peers on 127.0.0.1. */
class ServerTest {

    @Test
    void listensOnTheRealPortAndHandsEveryCallbackTheSameObjects() {
        try (TestDriver d = TestDriver.start("""
                clients = {}
                server = C4:CreateTCPServer()
                  :OnResolve(function(s, endpoints)
                    print('resolved', s == server, #endpoints, endpoints[1].ip, endpoints[1].port)
                  end)
                  :OnListen(function(s, ep)
                    print('listening', s == server, ep.ip, ep.port == s:GetLocalAddress().port, ep.port > 0)
                    print('port ' .. ep.port)
                  end)
                  :OnAccept(function(s, c)
                    clients[c] = tostring(c)
                    print('accepted', s == server, tostring(c):match('^C4LuaTcpClient: 0x') ~= nil)
                    c:OnRead(function(cl, data)
                        print('read', data, cl == c, clients[cl] == tostring(cl), select('#', cl, data))
                        cl:ReadUntil('\\n')
                      end)
                     :OnDisconnect(function(cl, code, msg)
                        clients[cl] = nil
                        local left = 0
                        for _ in pairs(clients) do left = left + 1 end
                        print('disconnected', code, msg, left)
                      end)
                     :ReadUntil('\\n')
                  end)
                  :Listen('127.0.0.1', 0)
                """)) {
            int port = d.awaitNumber("port ");
            try (Peer first = Peer.connect(port); Peer second = Peer.connect(port)) {
                first.send("one\n");
                d.await("read\tone");
                second.send("two\n");
                d.await("read\ttwo");
                first.close();
                d.await("disconnected\t0\tSuccess\t1");
                second.close();
                d.await("disconnected\t0\tSuccess\t0");
            }
            assertThat(d.lines()).contains(
                    "resolved\ttrue\t1\t127.0.0.1\t0",
                    "listening\ttrue\t127.0.0.1\ttrue\ttrue",
                    "accepted\ttrue\ttrue",
                    "read\tone\n\ttrue\ttrue\t2",
                    "read\ttwo\n\ttrue\ttrue\t2");
            assertThat(d.messages()).isEmpty();
        }
    }

    @Test
    void aLuaErrorInACallbackIsReportedAndTheDriverKeepsServing() {
        try (TestDriver d = TestDriver.start("""
                server = C4:CreateTCPServer()
                  :OnListen(function(s, ep) print('port ' .. ep.port) end)
                  :OnAccept(function(s, c)
                    c:OnRead(function(c, data)
                        c:ReadUntil('\\n')
                        if data == 'boom\\n' then local t = nil; t.explode = true end
                        c:Write('ok ' .. data)
                      end)
                     :ReadUntil('\\n')
                  end)
                  :Listen('127.0.0.1', 0)
                """)) {
            try (Peer peer = Peer.connect(d.awaitNumber("port "))) {
                peer.send("one\n");
                assertThat(peer.readExactly(7)).isEqualTo("ok one\n");
                peer.send("boom\n");
                String report = d.awaitMessage("stack traceback");
                assertThat(report).startsWith("drv:6: ").contains("\nstack traceback:\n\tdrv:6: in function");
                peer.send("two\n");
                assertThat(peer.readExactly(7)).isEqualTo("ok two\n");
            }
            try (Peer another = Peer.connect(d.awaitNumber("port "))) {
                another.send("three\n");
                assertThat(another.readExactly(9)).isEqualTo("ok three\n");
            }
            assertThat(d.messages()).hasSize(1);
        }
    }

    @Test
    void aPortInUseIsReportedThroughOnError() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            try (TestDriver d = TestDriver.start("""
                    server = C4:CreateTCPServer()
                      :OnListen(function() print('listening') end)
                      :OnError(function(...) print('error', select('#', ...), select(2, ...)) end)
                      :Listen('127.0.0.1', %d)
                    """.formatted(taken.getLocalPort()))) {
                d.await("error");
                d.sync();
                assertThat(d.lines()).containsExactly("error\t4\t98\tAddress already in use\tlisten");
            }
        }
    }

    @Test
    void closeWhileWaitingForTheChoiceCancelsTheResolve() {
        try (TestDriver d = TestDriver.start("""
                server = C4:CreateTCPServer()
                  :OnResolve(function(s, endpoints, choose) held = choose; s:Close() end)
                  :OnListen(function() print('listening') end)
                  :OnError(function(s, code, msg, op) print('error', code, msg, op) end)
                  :Listen('127.0.0.1', 0)
                function chooseLate() held(1) end
                """)) {
            d.await("error");
            d.driver.callGlobal("chooseLate");
            d.sync();
            assertThat(d.lines()).containsExactly("error\t125\tOperation canceled\tresolve");
        }
    }

    @Test
    void closeWhileListeningStopsAcceptingWithoutACallbackAndMayListenAgain() {
        try (TestDriver d = TestDriver.start("""
                server = C4:CreateTCPServer()
                  :OnListen(function(s, ep) print('port ' .. ep.port) end)
                  :OnError(function(s, code, msg, op) print('error', code, msg, op) end)
                  :OnAccept(function(s, c) c:Write('hi'):Close(true) end)
                print('close fresh', server:Close() == server)
                server:Listen('127.0.0.1', 0)
                function stop() print('close', server:Close() == server, server:GetLocalAddress()) end
                function again() print('listen again', server:Listen('127.0.0.1', 0) == server) end
                """)) {
            int port = d.awaitNumber("port ");
            try (Peer peer = Peer.connect(port)) {
                assertThat(peer.readToEnd()).isEqualTo("hi");
            }
            d.driver.callGlobal("stop");
            assertThatThrownBy(() -> Peer.connect(port)).isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(ConnectException.class);
            d.driver.callGlobal("again");
            d.output.awaitLine(line -> line.startsWith("port ") && !line.equals("port " + port), "a new port");
            assertThat(d.lines()).contains("close fresh\ttrue", "close\ttrue\tnil", "listen again\ttrue");
            assertThat(d.lines()).noneMatch(line -> line.startsWith("error"));
        }
    }

    @Test
    void withoutAnOnAcceptHandlerConnectionsAreClosedAtOnce() {
        try (TestDriver d = TestDriver.start("""
                server = C4:CreateTCPServer()
                  :OnListen(function(s, ep) print('port ' .. ep.port) end)
                  :Listen('127.0.0.1', 0)
                """)) {
            try (Peer peer = Peer.connect(d.awaitNumber("port "))) {
                assertThat(peer.isClosedByOtherSide()).isTrue();
            }
        }
    }

    @Test
    void closingTheServerLeavesAcceptedClientsAlone() {
        try (TestDriver d = TestDriver.start("""
                server = C4:CreateTCPServer()
                  :OnListen(function(s, ep) print('port ' .. ep.port) end)
                  :OnAccept(function(s, c)
                    client = c
                    c:OnRead(function(c, data) c:Write('echo ' .. data):ReadUntil('\\n') end):ReadUntil('\\n')
                    s:Close()
                    print('server closed')
                  end)
                  :Listen('127.0.0.1', 0)
                """)) {
            try (Peer peer = Peer.connect(d.awaitNumber("port "))) {
                d.await("server closed");
                d.collectGarbage();
                peer.send("still there\n");
                assertThat(peer.readExactly(17)).isEqualTo("echo still there\n");
            }
        }
    }
}
