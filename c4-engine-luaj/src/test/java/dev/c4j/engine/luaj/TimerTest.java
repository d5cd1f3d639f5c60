package dev.c4j.engine.luaj;

import dev.c4j.api.VirtualClock;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** C4:SetTimer, timer:Cancel, C4:AddTimer/KillTimer/OnTimerExpired on virtual time (spec section 6). */
class TimerTest {

    private final VirtualClock clock = new VirtualClock();

    @Test
    void oneShotFiresOnceWithOnlyTheTimer() {
        try (TestDriver d = TestDriver.start("""
                timer = C4:SetTimer(100, function(t, ...)
                  print('fired', t == timer, select('#', ...))
                end)
                """, clock)) {
            clock.advanceMillis(99);
            assertThat(d.lines()).isEmpty();
            clock.advanceMillis(1);
            assertThat(d.lines()).containsExactly("fired\ttrue\t0");
            clock.advanceMillis(1000);
            assertThat(d.lines()).hasSize(1);
        }
    }

    @Test
    void fractionalDelaysRoundUp() {
        try (TestDriver d = TestDriver.start("C4:SetTimer(10.2, function() print('fired') end)", clock)) {
            clock.advanceMillis(10);
            assertThat(d.lines()).isEmpty();
            clock.advanceMillis(1);
            assertThat(d.lines()).containsExactly("fired");
        }
    }

    @Test
    void aLateRepeatingTimerIsServedOnceWithItsSkips() {
        try (TestDriver d = TestDriver.start("""
                count = 0
                C4:SetTimer(250, function(t, skips)
                  count = count + 1 + skips
                  print('tick', skips, count)
                end, true)
                """, clock)) {
            clock.advanceMillis(850); // the loop was "blocked" from 250 to 850: ticks 250, 500, 750 in one call
            assertThat(d.lines()).containsExactly("tick\t2\t3");
            clock.advanceMillis(150); // 1000
            assertThat(d.lines()).containsExactly("tick\t2\t3", "tick\t0\t4");
            clock.advanceMillis(250); // 1250
            assertThat(d.lines()).last().isEqualTo("tick\t0\t5");
        }
    }

    @Test
    void cancelInsideItsOwnCallbackStopsIt() {
        try (TestDriver d = TestDriver.start("""
                local calls = 0
                local t = C4:SetTimer(10, function(timer, skips)
                  calls = calls + 1
                  print('call', calls)
                  if calls == 3 then
                    print('cancel returns', select('#', timer:Cancel()))
                    timer:Cancel()
                  end
                end, true)
                """, clock)) {
            for (int i = 0; i < 10; i++) {
                clock.advanceMillis(10);
            }
            assertThat(d.lines()).containsExactly("call\t1", "call\t2", "call\t3", "cancel returns\t0");
        }
    }

    @Test
    void cancelAfterAOneShotFiredIsHarmless() {
        try (TestDriver d = TestDriver.start("""
                t = C4:SetTimer(5, function() print('fired') end)
                function later() t:Cancel(); t:Cancel(); print('cancelled twice') end
                C4:SetTimer(20, function() later() end)
                """, clock)) {
            clock.advanceMillis(30);
            assertThat(d.lines()).containsExactly("fired", "cancelled twice");
            assertThat(d.messages()).isEmpty();
        }
    }

    @Test
    void anUnreferencedTimerStillFires() {
        try (TestDriver d = TestDriver.start("C4:SetTimer(100, function() print('fired') end)", clock)) {
            d.collectGarbage();
            clock.advanceMillis(100);
            assertThat(d.lines()).containsExactly("fired");
        }
    }

    @Test
    void timersDueTogetherFireInCreationOrder() {
        try (TestDriver d = TestDriver.start("""
                C4:SetTimer(30, function() print('a') end)
                C4:SetTimer(20, function() print('b') end)
                C4:SetTimer(30, function() print('c') end)
                C4:SetTimer(30, function() print('d') end)
                """, clock)) {
            clock.advanceMillis(50);
            assertThat(d.lines()).containsExactly("b", "a", "c", "d");
        }
    }

    @Test
    void anErrorInARepeatingTimerIsReportedAndItKeepsRunning() {
        try (TestDriver d = TestDriver.start("""
                C4:SetTimer(10, function(t, skips) print('tick'); error('timer broke') end, true)
                """, clock)) {
            clock.advanceMillis(10);
            clock.advanceMillis(10);
            assertThat(d.lines()).containsExactly("tick", "tick");
            assertThat(d.messages()).hasSize(2).allSatisfy(m ->
                    assertThat(m).startsWith("drv:1: timer broke\nstack traceback:"));
        }
    }

    @Test
    void legacyTimersCallOnTimerExpired() {
        try (TestDriver d = TestDriver.start("""
                function OnTimerExpired(id) print('expired', id == repeating and 'repeating' or id == once and 'once' or id) end
                repeating = C4:AddTimer(2, 'SECONDS', true)
                once = C4:AddTimer(500, 'MILLISECONDS')
                minute = C4:AddTimer(1, 'MINUTES', true)
                print('ids', repeating, once, minute)
                function kill() repeating = C4:KillTimer(repeating); print('killed', repeating) end
                """, clock)) {
            assertThat(d.lines()).containsExactly("ids\t1\t2\t3");
            clock.advanceMillis(500);
            clock.advanceMillis(1500);
            clock.advanceMillis(2000);
            assertThat(d.lines()).containsExactly("ids\t1\t2\t3", "expired\tonce", "expired\trepeating",
                    "expired\trepeating");
            clock.advanceMillis(5000); // 9 s: coalesced into one late call, no skips argument
            assertThat(d.lines()).last().isEqualTo("expired\trepeating");
            assertThat(d.lines()).hasSize(5);
            d.driver.onLoop(() -> null);
            clock.advanceMillis(51_000); // 60 s: the one-minute timer
            assertThat(d.lines()).contains("expired\t3");
        }
    }

    @Test
    void killTimerStopsALegacyTimer() {
        try (TestDriver d = TestDriver.start("""
                function OnTimerExpired(id) print('expired', id); if id == t then t = C4:KillTimer(t); print('t', t) end end
                t = C4:AddTimer(100, 'MILLISECONDS', true)
                """, clock)) {
            clock.advanceMillis(100);
            clock.advanceMillis(100);
            clock.advanceMillis(100);
            assertThat(d.lines()).containsExactly("expired\t1", "t\t0");
        }
    }
}
