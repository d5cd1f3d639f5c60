package dev.c4j.testkit.semantics;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** C4:SetTimer, timer:Cancel, C4:AddTimer/KillTimer/OnTimerExpired on virtual time (spec section 6), on every engine. */
class TimerTest {

    @AllEngines
    void oneShotFiresOnceWithOnlyTheTimer(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                timer = C4:SetTimer(100, function(t, ...)
                  print('fired', t == timer, select('#', ...))
                end)
                """)) {
            d.advance(Duration.ofMillis(99));
            assertThat(d.outputLines()).isEmpty();
            d.advance(Duration.ofMillis(1));
            assertThat(d.outputLines()).containsExactly("fired\ttrue\t0");
            d.advance(Duration.ofMillis(1000));
            assertThat(d.outputLines()).hasSize(1);
        }
    }

    @AllEngines
    void fractionalDelaysRoundUp(String engine) {
        try (TestDriver d = Drivers.start(engine, "C4:SetTimer(10.2, function() print('fired') end)")) {
            d.advance(Duration.ofMillis(10));
            assertThat(d.outputLines()).isEmpty();
            d.advance(Duration.ofMillis(1));
            assertThat(d.outputLines()).containsExactly("fired");
        }
    }

    @AllEngines
    void aLateRepeatingTimerIsServedOnceWithItsSkips(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                count = 0
                C4:SetTimer(250, function(t, skips)
                  count = count + 1 + skips
                  print('tick', skips, count)
                end, true)
                """)) {
            d.advance(Duration.ofMillis(850)); // the loop was "blocked" from 250 to 850: ticks 250, 500, 750 in one call
            assertThat(d.outputLines()).containsExactly("tick\t2\t3");
            d.advance(Duration.ofMillis(150)); // 1000
            assertThat(d.outputLines()).containsExactly("tick\t2\t3", "tick\t0\t4");
            d.advance(Duration.ofMillis(250)); // 1250
            assertThat(d.outputLines()).last().isEqualTo("tick\t0\t5");
        }
    }

    /**
     * Spec 6.2 on the real clock: a one-shot due at the same moment, created first, keeps the loop busy for 2.5
     * periods; the repeating timer is then called once with skips 2 (not twice in a burst with skips 0 and 1), and
     * on time at its next tick with skips 0. The margin: skips stay 2 unless it is served another half period late.
     */
    @AllEngines
    void aRepeatingTimerHeldUpByABusyCallbackIsCalledOnceWithItsSkipsOnTheRealClock(String engine) {
        try (TestDriver d = TestDriver.builder().engine(engine).lua("drv", """
                C4:SetTimer(600, function()
                  local start = C4:GetTickCount()
                  while C4:GetTickCount() - start < 1500 do end
                end)
                local calls = 0
                C4:SetTimer(600, function(timer, skips)
                  calls = calls + 1
                  print('tick', calls, skips)
                  if calls == 2 then timer:Cancel() end
                end, true)
                """).start()) {
            d.awaitOutput("^tick\t2\t", Duration.ofSeconds(10));
            assertThat(d.outputLines()).containsExactly("tick\t1\t2", "tick\t2\t0");
            d.assertNoErrors();
        }
    }

    @AllEngines
    void cancelInsideItsOwnCallbackStopsIt(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                local calls = 0
                local t = C4:SetTimer(10, function(timer, skips)
                  calls = calls + 1
                  print('call', calls)
                  if calls == 3 then
                    print('cancel returns', select('#', timer:Cancel()))
                    timer:Cancel()
                  end
                end, true)
                """)) {
            for (int i = 0; i < 10; i++) {
                d.advance(Duration.ofMillis(10));
            }
            assertThat(d.outputLines()).containsExactly("call\t1", "call\t2", "call\t3", "cancel returns\t0");
        }
    }

    @AllEngines
    void cancelAfterAOneShotFiredIsHarmless(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                t = C4:SetTimer(5, function() print('fired') end)
                function later() t:Cancel(); t:Cancel(); print('cancelled twice') end
                C4:SetTimer(20, function() later() end)
                """)) {
            d.advance(Duration.ofMillis(30));
            assertThat(d.outputLines()).containsExactly("fired", "cancelled twice");
            assertThat(d.messages()).isEmpty();
        }
    }

    @AllEngines
    void anUnreferencedTimerStillFires(String engine) {
        try (TestDriver d = Drivers.start(engine, "C4:SetTimer(100, function() print('fired') end)")) {
            d.collectGarbage();
            d.advance(Duration.ofMillis(100));
            assertThat(d.outputLines()).containsExactly("fired");
        }
    }

    @AllEngines
    void timersDueTogetherFireInCreationOrder(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                C4:SetTimer(30, function() print('a') end)
                C4:SetTimer(20, function() print('b') end)
                C4:SetTimer(30, function() print('c') end)
                C4:SetTimer(30, function() print('d') end)
                """)) {
            d.advance(Duration.ofMillis(50));
            assertThat(d.outputLines()).containsExactly("b", "a", "c", "d");
        }
    }

    @AllEngines
    void anErrorInARepeatingTimerIsReportedAndItKeepsRunning(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                C4:SetTimer(10, function(t, skips) print('tick'); error('timer broke') end, true)
                """)) {
            d.advance(Duration.ofMillis(10));
            d.advance(Duration.ofMillis(10));
            assertThat(d.outputLines()).containsExactly("tick", "tick");
            assertThat(d.messages()).hasSize(2).allSatisfy(m ->
                    assertThat(m).startsWith("drv:1: timer broke\nstack traceback:"));
        }
    }

    @AllEngines
    void legacyTimersCallOnTimerExpired(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                function OnTimerExpired(id) print('expired', id == repeating and 'repeating' or id == once and 'once' or id) end
                repeating = C4:AddTimer(2, 'SECONDS', true)
                once = C4:AddTimer(500, 'MILLISECONDS')
                minute = C4:AddTimer(1, 'MINUTES', true)
                print('ids', repeating, once, minute)
                function kill() repeating = C4:KillTimer(repeating); print('killed', repeating) end
                """)) {
            assertThat(d.outputLines()).containsExactly("ids\t1\t2\t3");
            d.advance(Duration.ofMillis(500));
            d.advance(Duration.ofMillis(1500));
            d.advance(Duration.ofMillis(2000));
            assertThat(d.outputLines()).containsExactly("ids\t1\t2\t3", "expired\tonce", "expired\trepeating",
                    "expired\trepeating");
            d.advance(Duration.ofMillis(5000)); // 9 s: coalesced into one late call, no skips argument
            assertThat(d.outputLines()).last().isEqualTo("expired\trepeating");
            assertThat(d.outputLines()).hasSize(5);
            d.advance(Duration.ofMillis(51_000)); // 60 s: the one-minute timer
            assertThat(d.outputLines()).contains("expired\t3");
        }
    }

    @AllEngines
    void killTimerStopsALegacyTimer(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                function OnTimerExpired(id) print('expired', id); if id == t then t = C4:KillTimer(t); print('t', t) end end
                t = C4:AddTimer(100, 'MILLISECONDS', true)
                """)) {
            d.advance(Duration.ofMillis(100));
            d.advance(Duration.ofMillis(100));
            d.advance(Duration.ofMillis(100));
            assertThat(d.outputLines()).containsExactly("expired\t1", "t\t0");
        }
    }
}
