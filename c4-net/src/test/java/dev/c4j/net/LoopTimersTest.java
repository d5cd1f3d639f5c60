package dev.c4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.c4j.api.DriverClock;
import dev.c4j.api.DriverEnvironment;
import dev.c4j.api.Timer;
import dev.c4j.api.TimerService;
import dev.c4j.api.VirtualClock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoopTimersTest {

    private NettyPlatform platform;
    private VirtualClock clock;
    private DriverEnvironment environment;
    private TimerService timers;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    @BeforeEach
    void open() {
        platform = new NettyPlatform();
        clock = new VirtualClock();
        environment = platform.open("timers", clock);
        timers = environment.timers();
    }

    @AfterEach
    void close() {
        platform.close();
    }

    private Timer start(String name, long delay, boolean repeat) {
        return onLoop(() -> timers.start(delay, repeat, (timer, skips) -> {
            assertThat(environment.loop().inLoop()).isTrue();
            calls.add(name + "@" + clock.tickCountMillis() + "+" + skips);
        }));
    }

    private <T> T onLoop(java.util.concurrent.Callable<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        environment.loop().execute(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.orTimeout(5, TimeUnit.SECONDS).join();
    }

    /** Spec 6.2: P = 250, the loop blocked from 250 to 850, then served on time at 1000. */
    @Test
    void lateRepeatingTimerRunsOnceWithSkipsAndKeepsItsPhase() {
        start("t", 250, true);
        clock.advanceMillis(850);
        assertThat(calls).containsExactly("t@850+2");
        clock.advanceMillis(150);
        assertThat(calls).containsExactly("t@850+2", "t@1000+0");
        clock.advanceMillis(250);
        assertThat(calls).containsExactly("t@850+2", "t@1000+0", "t@1250+0");
    }

    @Test
    void skipsCountEveryPeriodExactly() {
        start("t", 100, true);
        long[] steps = {30, 170, 99, 1, 450, 7, 93, 1000};
        for (long step : steps) {
            clock.advanceMillis(step);
        }
        long periods = calls.stream().mapToLong(c -> 1 + Long.parseLong(c.substring(c.indexOf('+') + 1))).sum();
        assertThat(periods).isEqualTo(clock.tickCountMillis() / 100);
    }

    @Test
    void oneShotFiresOnceAtItsDeadline() {
        Timer timer = start("once", 100, false);
        clock.advanceMillis(99);
        assertThat(calls).isEmpty();
        assertThat(timer.isActive()).isTrue();
        clock.advanceMillis(1);
        assertThat(calls).containsExactly("once@100+0");
        assertThat(timer.isActive()).isFalse();
        clock.advanceMillis(1000);
        assertThat(calls).hasSize(1);
        onLoop(() -> {
            timer.cancel(); // after it fired: no-op
            return null;
        });
    }

    @Test
    void cancelInsideItsOwnTask() {
        onLoop(() -> timers.start(100, true, (timer, skips) -> {
            calls.add("tick");
            if (calls.size() == 3) {
                timer.cancel();
                timer.cancel(); // safe to repeat
            }
        }));
        for (int i = 0; i < 10; i++) {
            clock.advanceMillis(100);
        }
        assertThat(calls).hasSize(3);
    }

    @Test
    void timersDueTogetherRunInCreationOrder() {
        start("a", 300, false);
        start("b", 100, true);
        start("c", 300, false);
        start("d", 200, false);
        clock.advanceMillis(300);
        // by deadline: b (100, served late: skips 2), d (200), then a and c (300) in creation order
        assertThat(calls).containsExactly("b@300+2", "d@300+0", "a@300+0", "c@300+0");
    }

    @Test
    void aFailingRepeatingTaskKeepsRunning() {
        onLoop(() -> timers.start(10, true, (timer, skips) -> {
            calls.add("tick");
            throw new IllegalStateException("driver error");
        }));
        clock.advanceMillis(10);
        clock.advanceMillis(10);
        clock.advanceMillis(10);
        assertThat(calls).hasSize(3);
    }

    @Test
    void cancelledTimersNeverFire() {
        Timer first = start("first", 100, true);
        start("second", 100, false);
        onLoop(() -> {
            first.cancel();
            return null;
        });
        assertThat(first.isActive()).isFalse();
        clock.advanceMillis(500);
        assertThat(calls).containsExactly("second@500+0"); // served late, at the time it ran
        start("third", 100, true);
        onLoop(() -> {
            timers.cancelAll();
            return null;
        });
        clock.advanceMillis(500);
        assertThat(calls).containsExactly("second@500+0"); // served late, at the time it ran
    }

    @Test
    void delayMustBePositive() {
        assertThatThrownBy(() -> onLoop(() -> timers.start(0, false, (t, s) -> { })))
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void closingTheEnvironmentStopsItsTimersAndLetsTheClockGo() {
        start("t", 100, true);
        environment.close();
        clock.advanceMillis(1000); // must neither run the timer nor hang on the stopped loop
        assertThat(calls).isEmpty();
    }

    /**
     * Spec 6.2 on the real clock: a task due at the same moment, created before the repeating timer, keeps the loop
     * busy for 2.5 periods; the repeating timer is then called once, with skips 2, not twice in a burst (skips 0
     * and 1) as when it was served at the time read before the busy task. The margins: served at least 2.5 periods
     * after its tick (the busy task's own wait), skips stay 2 unless it is served half a period later still.
     */
    @Test
    void realClockTimerAfterABusyTaskIsServedOnceWithTheSkipsOfTheTimeItRuns() throws InterruptedException {
        DriverEnvironment real = platform.open("busy", DriverClock.system());
        long period = 600;
        List<Long> skipsSeen = new CopyOnWriteArrayList<>();
        CountDownLatch twoCalls = new CountDownLatch(2);
        real.loop().execute(() -> {
            real.timers().start(period, false, (timer, skips) -> sleep(period * 5 / 2));
            real.timers().start(period, true, (timer, skips) -> {
                skipsSeen.add(skips);
                twoCalls.countDown();
                if (skipsSeen.size() == 2) {
                    timer.cancel();
                }
            });
        });
        assertThat(twoCalls.await(10, TimeUnit.SECONDS)).as("two calls of the repeating timer").isTrue();
        assertThat(skipsSeen).containsExactly(2L, 0L); // then on time at the next tick, its phase kept
        real.close();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void realClockTimerFires() throws InterruptedException {
        DriverEnvironment real = platform.open("real", DriverClock.system());
        CountDownLatch fired = new CountDownLatch(3);
        CompletableFuture<Timer> started = new CompletableFuture<>();
        real.loop().execute(() -> started.complete(real.timers().start(5, true, (timer, skips) -> {
            assertThat(real.loop().inLoop()).isTrue();
            fired.countDown();
        })));
        Timer repeating = started.orTimeout(5, TimeUnit.SECONDS).join();
        CountDownLatch once = new CountDownLatch(1);
        real.loop().execute(() -> real.timers().start(20, false, (timer, skips) -> once.countDown()));
        assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(once.await(5, TimeUnit.SECONDS)).isTrue();
        real.loop().execute(repeating::cancel);
        real.close();
    }
}
