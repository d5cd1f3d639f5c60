package dev.c4j.testkit.reliability;

import org.junit.jupiter.api.Tag;
import dev.c4j.api.DriverLimits;
import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;
import dev.c4j.testkit.TestPeer;

import java.time.Duration;

import static dev.c4j.testkit.reliability.Reliability.awaitLine;
import static dev.c4j.testkit.reliability.Reliability.awaitMessage;
import static dev.c4j.testkit.reliability.Reliability.awaitPort;
import static dev.c4j.testkit.reliability.Reliability.start;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Problem 5 of the reliability battery: {@code while true do end} in a callback froze the driver without a word.
 * Now a callback that runs past the limit is interrupted with a Lua error naming it and where it was, and the
 * driver carries on with its next callback.
 */
@Tag("reliability")
class RunawayCallbackTest {

    private static final Duration LIMIT = Duration.ofMillis(300);
    private static final DriverLimits LIMITS = DriverLimits.DEFAULT.withCallbackTime(LIMIT);

    @AllEngines
    void aRunawayTimerIsInterruptedAndNamedAndTheNextCallbackRuns(String engine) {
        try (TestDriver d = start(engine, LIMITS, """
                C4:SetTimer(1, function()
                  local x = 0
                  while true do x = x + 1 end
                end)
                C4:SetTimer(2, function() print("next") end)
                """)) {
            long started = System.nanoTime();
            awaitLine(d, "next");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(LIMIT.multipliedBy(10));
            String error = awaitMessage(d, "ran longer than");
            assertThat(error).startsWith("drv:3: the function of C4LuaTimer: 0x")
                    .contains("ran longer than 300 ms and was interrupted").contains("stack traceback:");
        }
    }

    /** pcall cannot keep it alive: the interrupt is raised again at every instruction until the callback returns. */
    @AllEngines
    void pcallDoesNotProtectARunawayCallback(String engine) {
        try (TestDriver d = start(engine, LIMITS, """
                C4:SetTimer(1, function()
                  while true do
                    pcall(function() while true do end end)
                    xpcall(function() while true do end end, function(e) return e end)
                    coroutine.resume(coroutine.create(function() while true do end end))
                  end
                end)
                C4:SetTimer(2, function() print("next") end)
                """)) {
            awaitLine(d, "next");
            assertThat(awaitMessage(d, "ran longer than")).contains("the function of C4LuaTimer");
        }
    }

    /** The battery's case: OnRead loops; the driver still serves its other connections. */
    @AllEngines
    void aRunawayOnReadIsInterruptedAndOtherConnectionsAreServed(String engine) {
        try (TestDriver d = start(engine, LIMITS, """
                server = C4:CreateTCPServer()
                  :OnListen(function(s, ep) print("port " .. ep.port) end)
                  :OnAccept(function(s, client)
                    client:OnRead(function(c, line)
                      if line == "spin\\n" then while true do end end
                      c:Write(line):ReadUntil("\\n")
                    end):ReadUntil("\\n")
                  end)
                  :Listen("127.0.0.1", 0)
                """)) {
            int port = awaitPort(d);
            try (TestPeer spinner = TestPeer.connect(port); TestPeer other = TestPeer.connect(port)) {
                spinner.send("spin\n");
                String error = awaitMessage(d, "ran longer than");
                assertThat(error).startsWith("drv:5: OnRead of C4LuaTcpClient: 0x");
                other.send("still here\n");
                assertThat(other.readLine()).isEqualTo("still here");
            }
        }
    }

    /** A long but finite callback under the limit is left alone. */
    @AllEngines
    void aCallbackUnderTheLimitIsNotInterrupted(String engine) {
        try (TestDriver d = start(engine, DriverLimits.DEFAULT.withCallbackTime(Duration.ofSeconds(5)), """
                C4:SetTimer(1, function()
                  local t0 = os.clock()
                  while os.clock() - t0 < 0.2 do end
                  print("finished")
                end)
                """)) {
            awaitLine(d, "finished");
            d.assertNoErrors();
        }
    }
}
