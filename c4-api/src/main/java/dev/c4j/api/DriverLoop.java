package dev.c4j.api;

import java.util.concurrent.Executor;

/**
 * The one thread a driver lives on. Every callback of a driver, every event of its sockets and every
 * timer runs here, one at a time, so the driver's Lua state needs no lock.
 *
 * <p>A Lua engine may run a driver's code on another thread while the loop thread waits for it (LuaJ runs
 * each coroutine on its own Java thread and blocks the caller until it yields). Such a thread is logically
 * the loop: it may call every c4-api method. Work that must happen on the real loop thread is then
 * {@linkplain #io queued in order} and run as soon as the loop thread has control again.
 */
public interface DriverLoop extends Executor {

    /** The driver's name, for thread names and messages. */
    String name();

    DriverClock clock();

    /** True on the loop's own thread. */
    boolean inLoop();

    /** Runs {@code task} on a later turn of the loop, after the tasks already posted (FIFO). Any thread. */
    @Override
    void execute(Runnable task);

    /**
     * Runs socket work that must happen on the loop thread, in call order: at once on the loop thread (after
     * any work still queued), else queued until the loop thread {@linkplain #drain drains} it.
     */
    void io(Runnable work);

    /** Runs queued {@link #io} work now. Called on the loop thread each time a call into Lua returns. */
    void drain();
}
