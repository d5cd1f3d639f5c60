package dev.c4j.testkit.semantics;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;
import dev.c4j.testkit.TestPeer;

import java.util.ArrayList;
import java.util.List;

import static dev.c4j.testkit.semantics.Drivers.awaitLine;
import static dev.c4j.testkit.semantics.Drivers.awaitMessage;
import static dev.c4j.testkit.semantics.Drivers.awaitPort;
import static dev.c4j.testkit.semantics.Drivers.readText;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every read mode, with the data split at every byte boundary (spec 3.4, 3.5). The driver echoes each
 * {@code OnRead} back as {@code [data]} and issues the same request again.
 */
class ReadModesTest {

    /** A server whose accepted clients run {@code issue(c)} on accept and after each OnRead. */
    private static TestDriver echoServer(String engine, String issue) {
        return Drivers.start(engine, """
                local function issue(c)
                  %s
                end
                server = C4:CreateTCPServer()
                  :OnListen(function(s, ep) print('port ' .. ep.port) end)
                  :OnAccept(function(s, c)
                    c:OnRead(function(c, data) c:Write('[' .. tostring(data) .. ']'); issue(c) end)
                    issue(c)
                  end)
                  :Listen('127.0.0.1', 0)
                """.formatted(issue));
    }

    /** Sends {@code message} split at {@code at} (a short pause between) and returns the first n echoed bytes. */
    private static String exchange(int port, String message, int at, int expectedLength) {
        try (TestPeer peer = TestPeer.connect(port)) {
            peer.send(message.substring(0, at));
            Drivers.sleep(3);
            peer.send(message.substring(at));
            return readText(peer, expectedLength);
        }
    }

    private static void assertSameUnderEverySplit(String engine, String issue, String message, String expected) {
        try (TestDriver d = echoServer(engine, issue)) {
            int port = awaitPort(d);
            for (int at = 0; at <= message.length(); at++) {
                assertThat(exchange(port, message, at, expected.length())).as("split at %d", at).isEqualTo(expected);
            }
            assertThat(d.messages()).isEmpty();
        }
    }

    @AllEngines
    void readUntilADelimiter(String engine) {
        assertSameUnderEverySplit(engine, "c:ReadUntil('\\r\\n')", "ab\r\ncd\r\n", "[ab\r\n][cd\r\n]");
    }

    @AllEngines
    void readUntilAMultiByteDelimiter(String engine) {
        assertSameUnderEverySplit(engine, "c:ReadUntil('xyz')", "12xy3xyz45xyz", "[12xy3xyz][45xyz]");
    }

    @AllEngines
    void readUntilOneOf(String engine) {
        assertSameUnderEverySplit(engine, "c:ReadUntilOneOf(',;')", "ab,cd;;", "[ab,][cd;][;]");
    }

    @AllEngines
    void readUntilOneNotOf(String engine) {
        assertSameUnderEverySplit(engine, "c:ReadUntilOneNotOf('ab')", "abbaxbbay", "[abbax][bbay]");
    }

    @AllEngines
    void readUntilAMatcherThatSkipsGarbageAndReplacesData(String engine) {
        // frames: '#', a length byte, the payload; anything else is garbage. A matcher that is not done sees the
        // rest again only with new bytes, so it consumes garbage and frame together when the frame is complete.
        assertSameUnderEverySplit(engine, """
                c:ReadUntil(function(buf)
                    local start = buf:find('#', 1, true)
                    if not start then return false, #buf end
                    if #buf < start + 1 then return false, start - 1 end
                    local stop = start + 1 + buf:byte(start + 1)
                    if #buf < stop then return false, start - 1 end
                    return true, stop, buf:sub(start + 2, stop):upper()
                  end)""", "xx#\3abcyy#\2dez#\0", "[ABC][DE][]");
    }

    @AllEngines
    void readAtLeastDeliversTheWholeBufferOnceItHoldsEnough(String engine) {
        String message = "abcdefghij1234"; // the last 4 bytes complete whatever is left
        try (TestDriver d = echoServer(engine, "c:ReadAtLeast(4)")) {
            int port = awaitPort(d);
            for (int at = 0; at <= 10; at++) {
                List<String> frames = frames(port, message, at);
                assertThat(String.join("", frames)).isEqualTo(message);
                assertThat(frames.subList(0, frames.size() - 1)).allSatisfy(f -> assertThat(f).hasSizeGreaterThanOrEqualTo(4));
            }
        }
    }

    @AllEngines
    void readUpToDeliversAtMostMax(String engine) {
        String message = "abcdefghij";
        try (TestDriver d = echoServer(engine, "c:ReadUpTo(3.9)")) { // fractions are truncated: 3
            int port = awaitPort(d);
            for (int at = 0; at <= message.length(); at++) {
                List<String> frames = frames(port, message, at);
                assertThat(String.join("", frames)).isEqualTo(message);
                assertThat(frames).allSatisfy(f -> assertThat(f).hasSizeBetween(1, 3));
            }
        }
    }

    /** The payloads echoed for {@code message} split at {@code at}, until all its bytes came back. */
    private static List<String> frames(int port, String message, int at) {
        List<String> frames = new ArrayList<>();
        try (TestPeer peer = TestPeer.connect(port)) {
            peer.send(message.substring(0, at));
            Drivers.sleep(3);
            peer.send(message.substring(at));
            int received = 0;
            while (received < message.length()) {
                assertThat(readText(peer, 1)).isEqualTo("[");
                StringBuilder frame = new StringBuilder();
                for (String c = readText(peer, 1); !c.equals("]"); c = readText(peer, 1)) {
                    frame.append(c);
                }
                frames.add(frame.toString());
                received += frame.length();
            }
        }
        return frames;
    }

    @AllEngines
    void matcherResultsFollowTheProtocol(String engine) {
        try (TestDriver d = echoServer(engine, """
                c:ReadUntil(function(buf)
                    print('inner read', c:ReadUntil('x'), c:ReadAtLeast(1))
                    local first = buf:sub(1, 1)
                    if first == 'f' then return true, 1, false end -- replacement false
                    if first == 'n' then return true, 99 end       -- n clamped to #buf
                    if first == 'w' then return true end           -- no n: the whole buffer
                    if first == 's' then print('skipped'); return false, 1 end -- skip a byte, keep waiting
                    return false
                  end)""")) {
            int port = awaitPort(d);
            try (TestPeer peer = TestPeer.connect(port)) {
                peer.send("f");
                assertThat(readText(peer, 7)).isEqualTo("[false]");
                peer.send("nn");
                assertThat(readText(peer, 4)).isEqualTo("[nn]");
                peer.send("whole");
                assertThat(readText(peer, 7)).isEqualTo("[whole]");
                peer.send("s");
                awaitLine(d, "skipped");
                peer.send("w"); // the matcher sees the rest again with new bytes only
                assertThat(readText(peer, 3)).isEqualTo("[w]");
            }
            assertThat(d.outputLines()).contains("inner read\tnil\tnil");
            assertThat(d.messages()).isEmpty();
        }
    }

    @AllEngines
    void aFailingMatcherCountsAsNotYet(String engine) {
        try (TestDriver d = echoServer(engine, """
                c:ReadUntil(function(buf)
                    if buf:find('!', 1, true) and not failed then failed = true; error('matcher broke') end
                    return buf:find('\\n', 1, true) ~= nil
                  end)""")) {
            int port = awaitPort(d);
            try (TestPeer peer = TestPeer.connect(port)) {
                peer.send("a!");
                String report = awaitMessage(d, "matcher broke");
                assertThat(report).startsWith("drv:").contains("stack traceback:");
                peer.send("b\n");
                assertThat(readText(peer, 6)).isEqualTo("[a!b\n]");
            }
        }
    }

    @AllEngines
    void onEofARequestGetsThePartialBufferThenOnDisconnect(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                server = C4:CreateTCPServer()
                  :OnListen(function(s, ep) print('port ' .. ep.port) end)
                  :OnAccept(function(s, c)
                    c:OnRead(function(c, data) print('read', data); c:ReadUntil('\\r\\n') end)
                     :OnDisconnect(function(c, code, msg) print('disconnect', code, msg) end)
                     :ReadUntil('\\r\\n')
                  end)
                  :Listen('127.0.0.1', 0)
                """)) {
            int port = awaitPort(d);
            try (TestPeer peer = TestPeer.connect(port)) {
                peer.send("line\r\npartial");
                peer.close(); // the driver sees the same end of stream as after a half-close
                awaitLine(d, "disconnect");
            }
            assertThat(d.outputLines()).containsExactly("port " + port, "read\tline\r\n", "read\tpartial", "disconnect\t0\tSuccess");
        }
    }

    @AllEngines
    void bytesArrivingWithNoReadOutstandingAreKept(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                server = C4:CreateTCPServer()
                  :OnListen(function(s, ep) print('port ' .. ep.port) end)
                  :OnAccept(function(s, c)
                    client = c
                    c:OnRead(function(c, data) print('read', data) end)
                    print('accepted')
                  end)
                  :Listen('127.0.0.1', 0)
                function readNow() client:ReadUntil('.') end
                """)) {
            int port = awaitPort(d);
            try (TestPeer peer = TestPeer.connect(port)) {
                awaitLine(d, "accepted");
                peer.send("one.two.");
                Drivers.sleep(50);
                assertThat(d.outputLines()).doesNotContain("read\tone.");
                d.driver().callGlobal("readNow");
                awaitLine(d, "read\tone.");
                d.driver().callGlobal("readNow");
                awaitLine(d, "read\ttwo.");
            }
        }
    }
}
