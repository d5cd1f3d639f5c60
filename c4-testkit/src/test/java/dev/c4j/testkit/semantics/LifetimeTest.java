package dev.c4j.testkit.semantics;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;
import dev.c4j.testkit.TestPeer;

import java.time.Duration;

import static dev.c4j.testkit.semantics.Drivers.assertRefused;
import static dev.c4j.testkit.semantics.Drivers.assertStaysOpen;
import static dev.c4j.testkit.semantics.Drivers.awaitLine;
import static dev.c4j.testkit.semantics.Drivers.awaitPort;
import static dev.c4j.testkit.semantics.Drivers.readText;
import static dev.c4j.testkit.semantics.Drivers.sync;
import static org.assertj.core.api.Assertions.assertThat;

/** Object lifetime: collection, pinning (spec section 5), forced with TestDriver.collectGarbage(), on every engine. */
class LifetimeTest {

    @AllEngines
    void anUnreferencedListeningServerStopsAcceptingOnceCollected(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                C4:CreateTCPServer()
                  :OnListen(function(s, ep) print('port ' .. ep.port) end)
                  :OnAccept(function(s, c) c:Write('hi'):Close(true) end)
                  :Listen('127.0.0.1', 0)
                """)) {
            int port = awaitPort(d);
            sync(d);
            try (TestPeer peer = TestPeer.connect(port)) {
                assertThat(readText(peer, 2)).isEqualTo("hi");
                peer.expectEof();
            }
            d.collectGarbage();
            assertRefused(port);
        }
    }

    @AllEngines
    void aReferencedServerSurvivesCollection(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                server = C4:CreateTCPServer()
                  :OnListen(function(s, ep) print('port ' .. ep.port) end)
                  :OnAccept(function(s, c) c:Write('hi'):Close(true) end)
                  :Listen('127.0.0.1', 0)
                """)) {
            int port = awaitPort(d);
            d.collectGarbage();
            try (TestPeer peer = TestPeer.connect(port)) {
                assertThat(readText(peer, 2)).isEqualTo("hi");
                peer.expectEof();
            }
        }
    }

    @AllEngines
    void aServerWithAPendingListenSurvivesToItsCallback(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                C4:CreateTCPServer()
                  :OnResolve(function(s, endpoints, choose)
                    C4:SetTimer(100, function() choose(1) end)
                    print('resolved')
                  end)
                  :OnListen(function(s, ep) print('port ' .. ep.port) end)
                  :OnAccept(function(s, c) c:Write('hi'):Close(true) end)
                  :Listen('127.0.0.1', 0)
                """)) {
            awaitLine(d, "resolved");
            d.collectGarbage();
            d.advance(Duration.ofMillis(100));
            int port = awaitPort(d);
            try (TestPeer peer = TestPeer.connect(port)) {
                assertThat(readText(peer, 2)).isEqualTo("hi");
                peer.expectEof();
            }
        }
    }

    @AllEngines
    void anUnreferencedClientWithAPendingWriteStillDeliversAndCloses(String engine) {
        int size = 8 << 20; // more than loopback buffers hold: the write is still pending at collection time
        try (TestDriver d = Drivers.start(engine, """
                server = C4:CreateTCPServer()
                  :OnListen(function(s, ep) print('port ' .. ep.port) end)
                  :OnAccept(function(s, client)
                    client:Write(string.rep('x', %d)):Close(true)
                    print('accepted')
                  end)
                  :Listen('127.0.0.1', 0)
                """.formatted(size))) {
            try (TestPeer peer = TestPeer.connect(awaitPort(d))) {
                awaitLine(d, "accepted");
                d.collectGarbage();
                assertThat(peer.readExactly(size)).containsOnly((byte) 'x');
                peer.expectEof();
            }
        }
    }

    @AllEngines
    void anUnreferencedIdleClientIsClosedOnceCollected(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                server = C4:CreateTCPServer()
                  :OnListen(function(s, ep) print('port ' .. ep.port) end)
                  :OnAccept(function(s, client) client:OnDisconnect(function() print('disconnect') end); print('accepted') end)
                  :Listen('127.0.0.1', 0)
                """)) {
            try (TestPeer peer = TestPeer.connect(awaitPort(d))) {
                awaitLine(d, "accepted");
                assertStaysOpen(peer, Duration.ofMillis(100));
                d.collectGarbage();
                peer.expectEof();
            }
            sync(d);
            assertThat(d.outputLines()).doesNotContain("disconnect"); // collection closes silently
        }
    }

    @AllEngines
    void aClientWithAPendingReadSurvivesCollection(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                server = C4:CreateTCPServer()
                  :OnListen(function(s, ep) print('port ' .. ep.port) end)
                  :OnAccept(function(s, client)
                    client:OnRead(function(c, data) c:Write('got ' .. data):Close(true) end):ReadUntil('\\n')
                    print('accepted')
                  end)
                  :Listen('127.0.0.1', 0)
                """)) {
            try (TestPeer peer = TestPeer.connect(awaitPort(d))) {
                awaitLine(d, "accepted");
                d.collectGarbage();
                peer.send("late\n");
                assertThat(readText(peer, 9)).isEqualTo("got late\n");
                peer.expectEof();
            }
        }
    }

    @AllEngines
    void collectingAServerLeavesItsAcceptedClientsAlone(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                C4:CreateTCPServer()
                  :OnListen(function(s, ep) print('port ' .. ep.port) end)
                  :OnAccept(function(s, c)
                    client = c
                    c:OnRead(function(c, data) c:Write('echo ' .. data):ReadUntil('\\n') end)
                    print('accepted')
                  end)
                  :Listen('127.0.0.1', 0)
                function readNow() client:ReadUntil('\\n') end
                """)) {
            int port = awaitPort(d);
            try (TestPeer peer = TestPeer.connect(port)) {
                awaitLine(d, "accepted");
                d.collectGarbage();
                assertRefused(port);
                d.driver().callGlobal("readNow");
                peer.send("alive\n");
                assertThat(readText(peer, 11)).isEqualTo("echo alive\n");
            }
        }
    }

    @AllEngines
    void handlersCapturingTheirObjectDoNotKeepItAlive(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                local s = C4:CreateTCPServer()
                s:OnListen(function(srv, ep) print('port ' .. ep.port); print('same', srv == s) end)
                 :OnAccept(function(srv, c) c:Write(tostring(s)):Close(true) end)
                 :Listen('127.0.0.1', 0)
                """)) {
            int port = awaitPort(d);
            awaitLine(d, "same\ttrue");
            d.collectGarbage();
            assertRefused(port);
        }
    }
}
