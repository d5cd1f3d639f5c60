package dev.c4j.net;

import dev.c4j.api.DriverClock;
import dev.c4j.api.Timer;
import dev.c4j.api.TimerService;
import dev.c4j.api.VirtualClock;
import io.netty.util.concurrent.Future;
import java.util.ArrayList;
import java.util.PriorityQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The timers of one driver, written once against its {@link DriverClock}. Timers wait in a queue ordered by
 * (deadline, creation order). On a real clock one Netty scheduled task is armed for the earliest deadline; on a
 * {@link VirtualClock} nothing is armed: each {@code advance} serves the due timers on the loop and waits for them.
 */
final class LoopTimers implements TimerService {

    private static final Logger log = LoggerFactory.getLogger(LoopTimers.class);

    private final NettyDriverLoop loop;
    private final DriverClock clock;
    private final VirtualClock.Listener virtualListener; // null on a real clock
    private final PriorityQueue<LoopTimer> queue = new PriorityQueue<>();
    private long created;
    private Future<?> wakeUp; // the armed Netty task (real clock only)
    private long wakeUpDeadline;
    private boolean serving;

    LoopTimers(NettyDriverLoop loop) {
        this.loop = loop;
        this.clock = loop.clock();
        if (clock instanceof VirtualClock virtual) {
            virtualListener = this::advanced;
            virtual.addListener(virtualListener);
        } else {
            virtualListener = null;
        }
    }

    @Override
    public Timer start(long delayMillis, boolean repeat, Task task) {
        if (delayMillis <= 0) {
            throw new IllegalArgumentException("timer delay must be positive: " + delayMillis);
        }
        long period = TimeUnit.MILLISECONDS.toNanos(delayMillis);
        LoopTimer timer = new LoopTimer(created++, saturatedAdd(clock.monotonicNanos(), period),
                repeat ? period : 0, task);
        queue.add(timer);
        arm();
        return timer;
    }

    @Override
    public void cancelAll() {
        for (LoopTimer timer : new ArrayList<>(queue)) {
            timer.active = false;
        }
        queue.clear();
        if (wakeUp != null) {
            wakeUp.cancel(false);
            wakeUp = null;
        }
    }

    /** Teardown: no timer fires any more, and a virtual clock forgets this loop. */
    void close() {
        cancelAll();
        if (virtualListener != null) {
            ((VirtualClock) clock).removeListener(virtualListener);
        }
    }

    /**
     * Runs, in (deadline, creation) order, every timer due at {@code passStart}; a late repeating one once, with its
     * skips. Each timer's skips and next deadline are computed against the time it is actually served, read after
     * the tasks before it ran: a task that kept the loop busy makes the timers after it later (spec 6.2). Timers
     * that fall due during the pass, a repeating one's next tick included, wait for the next pass, so that a slow
     * task cannot keep the loop from its I/O.
     */
    private void serve(long passStart) {
        serving = true;
        try {
            LoopTimer timer;
            while ((timer = queue.peek()) != null && timer.deadline <= passStart) {
                queue.poll();
                long skips = 0;
                if (timer.period > 0) {
                    long servedAt = Math.max(passStart, clock.monotonicNanos());
                    skips = (servedAt - timer.deadline) / timer.period;
                    timer.deadline = saturatedAdd(timer.deadline, (skips + 1) * timer.period);
                    queue.add(timer); // before the task runs, so that the task may cancel it
                } else {
                    timer.active = false;
                }
                try {
                    timer.task.expired(timer, skips);
                } catch (RuntimeException e) {
                    log.warn("driver {}: timer task failed", loop.name(), e);
                }
            }
        } finally {
            serving = false;
        }
        arm();
    }

    /** Real clock: makes sure a Netty task wakes the loop at the earliest deadline. */
    private void arm() {
        LoopTimer first = queue.peek();
        if (virtualListener != null || serving || first == null) {
            return;
        }
        if (wakeUp != null) {
            if (wakeUpDeadline <= first.deadline) {
                return;
            }
            wakeUp.cancel(false);
        }
        wakeUpDeadline = first.deadline;
        try {
            wakeUp = loop.eventLoop().schedule(this::wokeUp,
                    Math.max(0, first.deadline - clock.monotonicNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            wakeUp = null; // the loop is stopping
        }
    }

    private void wokeUp() {
        wakeUp = null;
        serve(clock.monotonicNanos());
    }

    /** The virtual clock moved (any thread): serve the due timers on the loop and return once they ran. */
    private void advanced(long nowNanos) {
        if (loop.inLoop()) {
            serve(nowNanos);
            return;
        }
        try {
            loop.eventLoop().submit(() -> serve(nowNanos)).awaitUninterruptibly();
        } catch (RejectedExecutionException e) {
            // the loop is gone: nothing to serve
        }
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }

    private final class LoopTimer implements Timer, Comparable<LoopTimer> {
        final long sequence;
        final long period; // 0 = one-shot
        final Task task;
        long deadline;
        boolean active = true;

        LoopTimer(long sequence, long deadline, long period, Task task) {
            this.sequence = sequence;
            this.deadline = deadline;
            this.period = period;
            this.task = task;
        }

        @Override
        public void cancel() {
            if (active) {
                active = false;
                queue.remove(this);
            }
        }

        @Override
        public boolean isActive() {
            return active;
        }

        @Override
        public int compareTo(LoopTimer other) {
            int byDeadline = Long.compare(deadline, other.deadline);
            return byDeadline != 0 ? byDeadline : Long.compare(sequence, other.sequence);
        }
    }
}
