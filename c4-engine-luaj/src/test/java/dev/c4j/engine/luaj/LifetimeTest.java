package dev.c4j.engine.luaj;

import dev.c4j.api.VirtualClock;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.net.ConnectException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Object lifetime: collection, pinning (spec section 5), forced with Driver.collectGarbage(). */
class LifetimeTest {

    private static void assertRefused(int port) {
        assertThatThrownBy(() -> Peer.connect(port)).isInstanceOf(UncheckedIOException.class)
                .hasCauseInstanceOf(ConnectException.class);
    }

    @Test
    void anUnreferencedListeningServerStopsAcceptingOnceCollected() {
        try (TestDriver d = TestDriver.start("""
                C4:CreateTCPServer()
                  :OnListen(function(s, ep) print('port ' .. ep.port) end)
                  :OnAccept(function(s, c) c:Write('hi'):Close(true) end)
                  :Listen('127.0.0.1', 0)
                """)) {
            int port = d.awaitNumber("port ");
            d.sync();
            try (Peer peer = Peer.connect(port)) {
                assertThat(peer.readToEnd()).isEqualTo("hi");
            }
            d.collectGarbage();
            assertRefused(port);
        }
    }

    @Test
    void aReferencedServerSurvivesCollection() {
        try (TestDriver d = TestDriver.start("""
                server = C4:CreateTCPServer()
                  :OnListen(function(s, ep) print('port ' .. ep.port) end)
                  :OnAccept(function(s, c) c:Write('hi'):Close(true) end)
                  :Listen('127.0.0.1', 0)
                """)) {
            int port = d.awaitNumber("port ");
            d.collectGarbage();
            try (Peer peer = Peer.connect(port)) {
                assertThat(peer.readToEnd()).isEqualTo("hi");
            }
        }
    }

    @Test
    void aServerWithAPendingListenSurvivesToItsCallback() {
        VirtualClock clock = new VirtualClock();
        try (TestDriver d = TestDriver.start("""
                C4:CreateTCPServer()
                  :OnResolve(function(s, endpoints, choose)
                    C4:SetTimer(100, function() choose(1) end)
                    print('resolved')
                  end)
                  :OnListen(function(s, ep) print('port ' .. ep.port) end)
                  :OnAccept(function(s, c) c:Write('hi'):Close(true) end)
                  :Listen('127.0.0.1', 0)
                """, clock)) {
            d.await("resolved");
            d.collectGarbage();
            clock.advanceMillis(100);
            int port = d.awaitNumber("port ");
            try (Peer peer = Peer.connect(port)) {
                assertThat(peer.readToEnd()).isEqualTo("hi");
            }
        }
    }

    @Test
    void anUnreferencedClientWithAPendingWriteStillDeliversAndCloses() {
        int size = 8 << 20; // more than loopback buffers hold: the write is still pending at collection time
        try (TestDriver d = TestDriver.start("""
                server = C4:CreateTCPServer()
                  :OnListen(function(s, ep) print('port ' .. ep.port) end)
                  :OnAccept(function(s, client)
                    client:Write(string.rep('x', %d)):Close(true)
                    print('accepted')
                  end)
                  :Listen('127.0.0.1', 0)
                """.formatted(size))) {
            try (Peer peer = Peer.connect(d.awaitNumber("port "))) {
                d.await("accepted");
                d.collectGarbage();
                assertThat(peer.readToEnd()).hasSize(size);
            }
        }
    }

    @Test
    void anUnreferencedIdleClientIsClosedOnceCollected() {
        try (TestDriver d = TestDriver.start("""
                server = C4:CreateTCPServer()
                  :OnListen(function(s, ep) print('port ' .. ep.port) end)
                  :OnAccept(function(s, client) client:OnDisconnect(function() print('disconnect') end); print('accepted') end)
                  :Listen('127.0.0.1', 0)
                """)) {
            try (Peer peer = Peer.connect(d.awaitNumber("port "))) {
                d.await("accepted");
                assertThat(peer.staysOpenFor(100)).isTrue();
                d.collectGarbage();
                assertThat(peer.isClosedByOtherSide()).isTrue();
            }
            d.sync();
            assertThat(d.lines()).doesNotContain("disconnect"); // collection closes silently
        }
    }

    @Test
    void aClientWithAPendingReadSurvivesCollection() {
        try (TestDriver d = TestDriver.start("""
                server = C4:CreateTCPServer()
                  :OnListen(function(s, ep) print('port ' .. ep.port) end)
                  :OnAccept(function(s, client)
                    client:OnRead(function(c, data) c:Write('got ' .. data):Close(true) end):ReadUntil('\\n')
                    print('accepted')
                  end)
                  :Listen('127.0.0.1', 0)
                """)) {
            try (Peer peer = Peer.connect(d.awaitNumber("port "))) {
                d.await("accepted");
                d.collectGarbage();
                peer.send("late\n");
                assertThat(peer.readToEnd()).isEqualTo("got late\n");
            }
        }
    }

    @Test
    void collectingAServerLeavesItsAcceptedClientsAlone() {
        try (TestDriver d = TestDriver.start("""
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
            int port = d.awaitNumber("port ");
            try (Peer peer = Peer.connect(port)) {
                d.await("accepted");
                d.collectGarbage();
                assertRefused(port);
                d.driver.callGlobal("readNow");
                peer.send("alive\n");
                assertThat(peer.readExactly(11)).isEqualTo("echo alive\n");
            }
        }
    }

    @Test
    void handlersCapturingTheirObjectDoNotKeepItAlive() {
        try (TestDriver d = TestDriver.start("""
                local s = C4:CreateTCPServer()
                s:OnListen(function(srv, ep) print('port ' .. ep.port); print('same', srv == s) end)
                 :OnAccept(function(srv, c) c:Write(tostring(s)):Close(true) end)
                 :Listen('127.0.0.1', 0)
                """)) {
            int port = d.awaitNumber("port ");
            d.await("same\ttrue");
            d.collectGarbage();
            assertRefused(port);
        }
    }
}
