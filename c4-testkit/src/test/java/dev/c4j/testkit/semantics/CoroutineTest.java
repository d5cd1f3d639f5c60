package dev.c4j.testkit.semantics;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;
import dev.c4j.testkit.TestPeer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static dev.c4j.testkit.semantics.Drivers.awaitLine;
import static dev.c4j.testkit.semantics.Drivers.awaitPort;
import static dev.c4j.testkit.semantics.Drivers.readText;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A driver calling the API from inside a coroutine must see exactly what it sees from a callback: same bytes, same
 * order, same timers, on every engine (LuaJ runs each coroutine on a Java thread of its own; the native engines
 * run them on the loop's thread).
 */
class CoroutineTest {

    private static final String COROUTINE_STYLE = """
            server = C4:CreateTCPServer()
              :OnListen(function(s, ep) print('port ' .. ep.port) end)
              :OnAccept(function(s, c)
                local co
                co = coroutine.create(function()
                  c:Write('hello\\r\\n')
                  c:ReadUntil('\\r\\n')
                  local line = coroutine.yield()
                  c:Write('got ' .. line:upper())
                  C4:SetTimer(10, function() assert(coroutine.resume(co, 'timer')) end)
                  print('timer says', coroutine.yield())
                  c:Write('a'); c:Write('b'); c:Write('c\\r\\n')
                  c:ReadUntil('\\r\\n')
                  local last = coroutine.yield()
                  c:Write('bye ' .. last):Close(true)
                  print('done')
                end)
                c:OnRead(function(c, data) assert(coroutine.resume(co, data)) end)
                 :OnDisconnect(function(c, code) print('disconnect', code) end)
                assert(coroutine.resume(co))
                c:Write('after resume\\r\\n')
              end)
              :Listen('127.0.0.1', 0)
            """;

    private static final String CALLBACK_STYLE = """
            server = C4:CreateTCPServer()
              :OnListen(function(s, ep) print('port ' .. ep.port) end)
              :OnAccept(function(s, c)
                local step = 1
                c:Write('hello\\r\\n')
                c:ReadUntil('\\r\\n')
                c:OnRead(function(c, data)
                    if step == 1 then
                      step = 2
                      c:Write('got ' .. data:upper())
                      C4:SetTimer(10, function()
                        print('timer says', 'timer')
                        c:Write('a'); c:Write('b'); c:Write('c\\r\\n')
                        c:ReadUntil('\\r\\n')
                      end)
                    else
                      c:Write('bye ' .. data):Close(true)
                      print('done')
                    end
                  end)
                 :OnDisconnect(function(c, code) print('disconnect', code) end)
                c:Write('after resume\\r\\n')
              end)
              :Listen('127.0.0.1', 0)
            """;

    /** Runs the session against {@code lua}; returns what the peer received, then the printed lines. */
    private static List<String> session(String engine, String lua) {
        List<String> seen = new ArrayList<>();
        try (TestDriver d = Drivers.start(engine, lua)) {
            try (TestPeer peer = TestPeer.connect(awaitPort(d))) {
                seen.add(readText(peer, 21));
                peer.send("x\r\n");
                seen.add(readText(peer, 7));
                d.advance(Duration.ofMillis(10));
                seen.add(readText(peer, 5));
                peer.send("y\r\n");
                seen.add(readText(peer, 7));
                peer.expectEof();
            }
            awaitLine(d, "disconnect");
            d.assertNoErrors();
            seen.addAll(d.outputLines().subList(1, d.outputLines().size()));
        }
        return seen;
    }

    @AllEngines
    void apiCallsFromACoroutineBehaveAsFromACallback(String engine) {
        List<String> expected = List.of("hello\r\nafter resume\r\n", "got X\r\n", "abc\r\n", "bye y\r\n",
                "timer says\ttimer", "done", "disconnect\t0");
        assertThat(session(engine, CALLBACK_STYLE)).containsExactlyElementsOf(expected);
        assertThat(session(engine, COROUTINE_STYLE)).containsExactlyElementsOf(expected);
    }

    @AllEngines
    void objectsMadeInACoroutineWork(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                local co = coroutine.wrap(function()
                  server = C4:CreateTCPServer()
                    :OnListen(function(s, ep) print('port ' .. ep.port) end)
                    :OnAccept(function(s, c) c:Write(('from coroutine'):upper()):Close(true) end)
                    :Listen('127.0.0.1', 0)
                  coroutine.yield()
                end)
                co()
                """)) {
            try (TestPeer peer = TestPeer.connect(awaitPort(d))) {
                assertThat(readText(peer, 14)).isEqualTo("FROM COROUTINE");
                peer.expectEof();
            }
        }
    }
}
