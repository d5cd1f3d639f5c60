package dev.c4j.engine.luaj;

import dev.c4j.api.VirtualClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * LuaJ runs each coroutine on a Java thread of its own. A driver calling the API from inside a coroutine must see
 * exactly what it sees from a callback: same bytes, same order, same timers.
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
    private static List<String> session(String lua) {
        VirtualClock clock = new VirtualClock();
        List<String> seen = new ArrayList<>();
        try (TestDriver d = TestDriver.start(lua, clock)) {
            try (Peer peer = Peer.connect(d.awaitNumber("port "))) {
                seen.add(peer.readExactly(21));
                peer.send("x\r\n");
                seen.add(peer.readExactly(7));
                d.sync();
                clock.advanceMillis(10);
                seen.add(peer.readExactly(5));
                peer.send("y\r\n");
                seen.add(peer.readToEnd());
            }
            d.await("disconnect");
            assertThat(d.messages()).isEmpty();
            seen.addAll(d.lines().subList(1, d.lines().size()));
        }
        return seen;
    }

    @Test
    void apiCallsFromACoroutineBehaveAsFromACallback() {
        List<String> expected = List.of("hello\r\nafter resume\r\n", "got X\r\n", "abc\r\n", "bye y\r\n",
                "timer says\ttimer", "done", "disconnect\t0");
        assertThat(session(CALLBACK_STYLE)).containsExactlyElementsOf(expected);
        assertThat(session(COROUTINE_STYLE)).containsExactlyElementsOf(expected);
    }

    @Test
    void objectsMadeInACoroutineWork() {
        try (TestDriver d = TestDriver.start("""
                local co = coroutine.wrap(function()
                  server = C4:CreateTCPServer()
                    :OnListen(function(s, ep) print('port ' .. ep.port) end)
                    :OnAccept(function(s, c) c:Write(('from coroutine'):upper()):Close(true) end)
                    :Listen('127.0.0.1', 0)
                  coroutine.yield()
                end)
                co()
                """)) {
            try (Peer peer = Peer.connect(d.awaitNumber("port "))) {
                assertThat(peer.readToEnd()).isEqualTo("FROM COROUTINE");
            }
        }
    }
}
