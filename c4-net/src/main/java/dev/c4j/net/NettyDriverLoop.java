package dev.c4j.net;

import dev.c4j.api.DriverClock;
import dev.c4j.api.DriverLoop;
import io.netty.channel.EventLoop;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A driver's loop: one Netty event loop thread, plus the in-order queue of {@link #io} work from other threads. */
final class NettyDriverLoop implements DriverLoop {

    private static final Logger log = LoggerFactory.getLogger(NettyDriverLoop.class);

    private final String name;
    private final DriverClock clock;
    private final EventLoop eventLoop;
    private final Queue<Runnable> ioQueue = new ConcurrentLinkedQueue<>();
    private final Runnable drainTask = this::drain;

    NettyDriverLoop(String name, DriverClock clock, EventLoop eventLoop) {
        this.name = name;
        this.clock = clock;
        this.eventLoop = eventLoop;
    }

    EventLoop eventLoop() {
        return eventLoop;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DriverClock clock() {
        return clock;
    }

    @Override
    public boolean inLoop() {
        return eventLoop.inEventLoop();
    }

    /** Posts {@code task}; once the loop has shut down, tasks are dropped (the driver is gone). */
    @Override
    public void execute(Runnable task) {
        try {
            eventLoop.execute(task);
        } catch (RejectedExecutionException e) {
            log.debug("driver {}: loop already stopped, task dropped", name);
        }
    }

    @Override
    public void io(Runnable work) {
        if (eventLoop.inEventLoop()) {
            if (!ioQueue.isEmpty()) {
                drain();
            }
            runSafely(work);
        } else {
            ioQueue.add(work);
            // The engine drains when its call into Lua returns; this later turn is the safety net should it not.
            execute(drainTask);
        }
    }

    /** Runs the queued work; only on the loop thread (elsewhere it does nothing: the queue is the loop's). */
    @Override
    public void drain() {
        if (!eventLoop.inEventLoop()) {
            return;
        }
        Runnable work;
        while ((work = ioQueue.poll()) != null) {
            runSafely(work);
        }
    }

    private void runSafely(Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("driver {}: socket operation failed", name, e);
        }
    }

    @Override
    public String toString() {
        return "DriverLoop[" + name + "]";
    }
}
