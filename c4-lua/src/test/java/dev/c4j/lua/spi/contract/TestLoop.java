package dev.c4j.lua.spi.contract;

import dev.c4j.api.DriverClock;
import dev.c4j.api.DriverLoop;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A driver loop for tests: one thread; io work runs at once on it; drain has nothing to do. */
public final class TestLoop implements DriverLoop, AutoCloseable {
    private final String name;
    private final ExecutorService executor;
    private volatile Thread thread;

    public TestLoop(String name) {
        this.name = name;
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, "loop-" + name);
            t.setDaemon(true);
            thread = t;
            return t;
        });
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public DriverClock clock() {
        return DriverClock.system();
    }

    @Override
    public boolean inLoop() {
        return Thread.currentThread() == thread;
    }

    @Override
    public void execute(Runnable task) {
        executor.execute(task);
    }

    @Override
    public void io(Runnable work) {
        if (inLoop()) {
            work.run();
        } else {
            execute(work);
        }
    }

    @Override
    public void drain() {
    }

    /** Runs {@code task} on the loop and waits; rethrows what it threw. */
    public <T> T call(Callable<T> task) throws Exception {
        try {
            return executor.submit(task).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    /** Waits until every task posted so far has run. */
    public void sync() throws Exception {
        call(() -> null);
    }

    @Override
    public void close() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(10, TimeUnit.SECONDS);
    }
}
