package dev.c4j.testkit.semantics;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;
import dev.c4j.testkit.TestPeer;

import java.net.InetAddress;
import java.net.ServerSocket;

import static dev.c4j.testkit.semantics.Drivers.assertRefused;
import static dev.c4j.testkit.semantics.Drivers.awaitLine;
import static dev.c4j.testkit.semantics.Drivers.awaitMessage;
import static dev.c4j.testkit.semantics.Drivers.awaitPort;
import static dev.c4j.testkit.semantics.Drivers.readText;
import static dev.c4j.testkit.semantics.Drivers.sync;
import static org.assertj.core.api.Assertions.assertThat;

/** C4:CreateTCPServer end to end (spec section 2), with TestPeers on 127.0.0.1. */
class ServerTest {

    @AllEngines
    void listensOnTheRealPortAndHandsEveryCallbackTheSameObjects(String engine) {
        try (TestDriver d = Drivers.start(engine, """
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
            int port = awaitPort(d);
            try (TestPeer first = TestPeer.connect(port); TestPeer second = TestPeer.connect(port)) {
                first.send("one\n");
                awaitLine(d, "read\tone");
                second.send("two\n");
                awaitLine(d, "read\ttwo");
                first.close();
                awaitLine(d, "disconnected\t0\tSuccess\t1");
                second.close();
                awaitLine(d, "disconnected\t0\tSuccess\t0");
            }
            assertThat(d.outputLines()).contains(
                    "resolved\ttrue\t1\t127.0.0.1\t0",
                    "listening\ttrue\t127.0.0.1\ttrue\ttrue",
                    "accepted\ttrue\ttrue",
                    "read\tone\n\ttrue\ttrue\t2",
                    "read\ttwo\n\ttrue\ttrue\t2");
            assertThat(d.messages()).isEmpty();
        }
    }

    @AllEngines
    void aLuaErrorInACallbackIsReportedAndTheDriverKeepsServing(String engine) {
        try (TestDriver d = Drivers.start(engine, """
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
            try (TestPeer peer = TestPeer.connect(awaitPort(d))) {
                peer.send("one\n");
                assertThat(readText(peer, 7)).isEqualTo("ok one\n");
                peer.send("boom\n");
                String report = awaitMessage(d, "stack traceback");
                assertThat(report).startsWith("drv:6: ").contains("\nstack traceback:\n\tdrv:6: in function");
                peer.send("two\n");
                assertThat(readText(peer, 7)).isEqualTo("ok two\n");
            }
            try (TestPeer another = TestPeer.connect(awaitPort(d))) {
                another.send("three\n");
                assertThat(readText(another, 9)).isEqualTo("ok three\n");
            }
            assertThat(d.messages()).hasSize(1);
        }
    }

    @AllEngines
    void aPortInUseIsReportedThroughOnError(String engine) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            try (TestDriver d = Drivers.start(engine, """
                    server = C4:CreateTCPServer()
                      :OnListen(function() print('listening') end)
                      :OnError(function(...) print('error', select('#', ...), select(2, ...)) end)
                      :Listen('127.0.0.1', %d)
                    """.formatted(taken.getLocalPort()))) {
                awaitLine(d, "error");
                sync(d);
                assertThat(d.outputLines()).containsExactly("error\t4\t98\tAddress already in use\tlisten");
            }
        }
    }

    @AllEngines
    void closeWhileWaitingForTheChoiceCancelsTheResolve(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                server = C4:CreateTCPServer()
                  :OnResolve(function(s, endpoints, choose) held = choose; s:Close() end)
                  :OnListen(function() print('listening') end)
                  :OnError(function(s, code, msg, op) print('error', code, msg, op) end)
                  :Listen('127.0.0.1', 0)
                function chooseLate() held(1) end
                """)) {
            awaitLine(d, "error");
            d.driver().callGlobal("chooseLate");
            sync(d);
            assertThat(d.outputLines()).containsExactly("error\t125\tOperation canceled\tresolve");
        }
    }

    @AllEngines
    void closeWhileListeningStopsAcceptingWithoutACallbackAndMayListenAgain(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                server = C4:CreateTCPServer()
                  :OnListen(function(s, ep) print('port ' .. ep.port) end)
                  :OnError(function(s, code, msg, op) print('error', code, msg, op) end)
                  :OnAccept(function(s, c) c:Write('hi'):Close(true) end)
                print('close fresh', server:Close() == server)
                server:Listen('127.0.0.1', 0)
                function stop() print('close', server:Close() == server, server:GetLocalAddress()) end
                function again() print('listen again', server:Listen('127.0.0.1', 0) == server) end
                """)) {
            int port = awaitPort(d);
            try (TestPeer peer = TestPeer.connect(port)) {
                assertThat(readText(peer, 2)).isEqualTo("hi");
                peer.expectEof();
            }
            d.driver().callGlobal("stop");
            assertRefused(port);
            d.driver().callGlobal("again");
            d.awaitOutput("^port (?!" + port + "$)\\d+$"); // a new port
            assertThat(d.outputLines()).contains("close fresh\ttrue", "close\ttrue\tnil", "listen again\ttrue");
            assertThat(d.outputLines()).noneMatch(line -> line.startsWith("error"));
        }
    }

    @AllEngines
    void withoutAnOnAcceptHandlerConnectionsAreClosedAtOnce(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                server = C4:CreateTCPServer()
                  :OnListen(function(s, ep) print('port ' .. ep.port) end)
                  :Listen('127.0.0.1', 0)
                """)) {
            try (TestPeer peer = TestPeer.connect(awaitPort(d))) {
                peer.expectEof();
            }
        }
    }

    @AllEngines
    void closingTheServerLeavesAcceptedClientsAlone(String engine) {
        try (TestDriver d = Drivers.start(engine, """
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
            try (TestPeer peer = TestPeer.connect(awaitPort(d))) {
                awaitLine(d, "server closed");
                d.collectGarbage();
                peer.send("still there\n");
                assertThat(readText(peer, 17)).isEqualTo("echo still there\n");
            }
        }
    }
}
