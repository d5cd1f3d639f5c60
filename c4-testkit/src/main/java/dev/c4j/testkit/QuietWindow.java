package dev.c4j.testkit;

import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

/**
 * Asserts that something does not happen while a driver's virtual time moves through a window: "no connection
 * within 5 s". Time moves in small steps, each after the driver's loop has settled, so that a timer set by a timer
 * runs in the window too; then, the window over, traffic still on its way gets {@link #GRACE} of real time to
 * arrive.
 */
final class QuietWindow {

    /** The usual step of virtual time. */
    static final Duration STEP = Duration.ofMillis(100);
    /** Longer windows take longer steps, so that a window never takes more than this many. */
    static final int MAX_STEPS = 200;
    /** Real time for traffic the last steps caused (a connect, a write) to arrive. */
    static final Duration GRACE = Duration.ofMillis(200);

    private QuietWindow() {
    }

    /**
     * Moves {@code driver}'s virtual time forward by {@code window}; fails as soon as {@code seen} (everything
     * of the kind so far) has grown, naming the newcomers and when they were noticed.
     */
    static void assertNothingNew(TestDriver driver, Duration window, String what, Supplier<List<?>> seen) {
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("the window must be positive, was " + window);
        }
        int before = seen.get().size();
        Duration step = max(STEP, window.dividedBy(MAX_STEPS));
        Duration moved = Duration.ZERO;
        while (moved.compareTo(window) < 0) { // at most MAX_STEPS + 1 turns
            Duration next = min(step, window.minus(moved));
            driver.advance(next);
            moved = moved.plus(next);
            check(driver, window, what, seen, before, "after " + millis(moved) + " of virtual time");
        }
        driver.settle();
        sleep(GRACE);
        check(driver, window, what, seen, before, "in the " + millis(GRACE) + " of real time after the window");
    }

    private static void check(TestDriver driver, Duration window, String what, Supplier<List<?>> seen, int before,
                              String noticed) {
        List<?> all = seen.get();
        if (all.size() > before) {
            List<?> newcomers = all.subList(before, all.size());
            throw new AssertionError("expected no " + what + " within " + millis(window) + " of virtual time, but got "
                    + newcomers.size() + ": " + newcomers + " (noticed " + noticed + ")"
                    + driver.describeOutput());
        }
    }

    private static String millis(Duration duration) {
        return duration.toMillis() + " ms";
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
