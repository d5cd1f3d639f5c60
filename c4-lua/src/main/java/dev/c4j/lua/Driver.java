package dev.c4j.lua;

import dev.c4j.api.DriverEnvironment;
import dev.c4j.api.DriverLoop;
import dev.c4j.api.host.Device;
import dev.c4j.api.host.Director;
import dev.c4j.api.host.DriverControl;
import dev.c4j.api.host.DriverPackage;
import dev.c4j.lua.spi.LuaEngine;
import dev.c4j.lua.spi.LuaSyntaxException;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One DriverWorks driver: one Lua state on one loop. Start runs the chunk, {@code OnDriverInit("DIT_STARTUP")}
 * and {@code OnDriverLateInit("DIT_STARTUP")}; stop runs {@code OnDriverDestroyed("DIT_LOADED")}, then
 * cancels the timers, closes every socket silently and discards the state (spec section 1).
 *
 * <p>The blocking methods wait for the loop; called on the loop itself, they run their work directly.
 */
public final class Driver implements AutoCloseable {

    /**
     * How long {@link #stop()} lets a call into Lua that is running when the stop is asked for finish before it is
     * interrupted, so that {@code OnDriverDestroyed} runs soon (SIGTERM must end the runner within two seconds).
     */
    static final Duration STOP_GRACE = Duration.ofMillis(300);

    /** How long {@link #stop()} waits for the loop in all; past it the driver is reported as stuck and skipped. */
    static final Duration STOP_TIMEOUT = Duration.ofMillis(1200);

    private final DriverContext context;
    private final DriverPackage driverPackage;
    private final Map<String, String> properties;
    private final LuaEngine engine;
    private final Director director;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean stopped = new AtomicBoolean();

    private Driver(DriverContext context, DriverPackage driverPackage, Map<String, String> properties,
                   LuaEngine engine, Director director) {
        this.context = context;
        this.driverPackage = driverPackage;
        this.properties = properties;
        this.engine = engine;
        this.director = director;
    }

    /**
     * A driver that will run {@code source} (Lua source bytes, never decoded) named {@code chunkName}
     * ({@code "@path/file.lua"} style) on {@code engine}, in {@code environment}, writing to {@code output}.
     * Nothing runs until {@link #start()}.
     */
    public static Driver create(String name, byte[] source, String chunkName, LuaEngine engine,
                                DriverEnvironment environment, DriverOutput output) {
        return create(name, source, chunkName, Map.of(), engine, environment, output);
    }

    /**
     * {@link #create(String, byte[], String, LuaEngine, DriverEnvironment, DriverOutput)} with the driver's
     * DriverWorks {@code Properties}: the global table drivers read their settings from
     * ({@code Properties["Port"]}), name to value, defined (empty without any) before the chunk runs.
     */
    public static Driver create(String name, byte[] source, String chunkName, Map<String, String> properties,
                                LuaEngine engine, DriverEnvironment environment, DriverOutput output) {
        return create(new SourcePackage(name, source, chunkName), properties, engine, environment, output, null);
    }

    /**
     * A driver from its package (a {@code .c4z}, a folder, a {@code .c4i} or bare source), hosted by
     * {@code director} (null: no Director calls, no entry points from outside, as a bare Lua host).
     * {@code propertyOverrides} win over the state store and driver.xml's defaults.
     */
    public static Driver create(DriverPackage driverPackage, Map<String, String> propertyOverrides,
                                LuaEngine engine, DriverEnvironment environment, DriverOutput output,
                                Director director) {
        Objects.requireNonNull(driverPackage, "driverPackage");
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(output, "output");
        DriverContext context = new DriverContext(driverPackage.name(), environment, output,
                DriverFiles.temporary());
        Driver driver = new Driver(context, driverPackage, Map.copyOf(propertyOverrides), engine, director);
        // OnDriverRemovedFromProject ends with a stop; stop waits for the loop, so it runs on a thread of its own.
        context.stopRequest = () -> {
            Thread stopper = new Thread(driver::stop, "c4j-stop-" + driver.name());
            stopper.setDaemon(true);
            stopper.start();
        };
        return driver;
    }

    public String name() {
        return context.name;
    }

    public DriverEnvironment environment() {
        return context.environment;
    }

    public DriverPackage driverPackage() {
        return driverPackage;
    }

    /** The Director's side of this driver (null when not hosted by a Director): what the control surface drives. */
    public Device device() {
        return context.device();
    }

    /**
     * Drives this driver as Composer and Director would (host spec §2.5): properties, commands, actions, proxy
     * messages, bindings, variables, events, and the record of its Director calls.
     *
     * @throws IllegalStateException when no Director hosts this driver
     */
    public DriverControl control() {
        if (director == null || context.device() == null) {
            throw new IllegalStateException("driver " + name() + " is not hosted by a Director");
        }
        return director.control(context.device());
    }

    /** Whether {@link #stop()} ran (or began). */
    public boolean stopped() {
        return stopped.get();
    }

    /**
     * The error that stopped the driver from inside, or null: a full Java heap on LuaJ, whose Lua memory has no cap
     * of its own (the driver is then stopped, without {@code OnDriverDestroyed}, so that its memory is freed).
     */
    public Throwable failure() {
        return context.failure();
    }

    /** The engine's configuration name. */
    public String engineName() {
        return engine.name();
    }

    /**
     * Opens the state, compiles and runs the chunk, then the init entry points, all in one loop turn. A chunk that
     * does not compile throws (nothing else ran); a Lua error at run time is reported and the lifecycle goes on.
     *
     * @throws IllegalStateException when started before, or stopped
     */
    public void start() throws LuaSyntaxException {
        if (stopped.get() || !started.compareAndSet(false, true)) {
            throw new IllegalStateException("driver " + name() + " was already started");
        }
        LuaSyntaxException syntaxError = runOnLoop(() -> {
            try {
                context.start(engine, driverPackage, properties, director);
                return null;
            } catch (LuaSyntaxException e) {
                return e;
            }
        });
        if (syntaxError != null) {
            throw syntaxError;
        }
    }

    /**
     * {@code OnDriverDestroyed("DIT_LOADED")}, then teardown and {@link DriverEnvironment#close()}. Idempotent.
     * Bounded in time: a call into Lua still running {@link #STOP_GRACE} after the stop was asked for is
     * interrupted, {@code OnDriverDestroyed} may run {@link DriverContext#DESTROY_TIME}, and a loop that is still
     * not free after {@link #STOP_TIMEOUT} (stuck in code that cannot be interrupted) is reported and left behind.
     */
    public void stop() {
        if (!stopped.compareAndSet(false, true)) {
            return;
        }
        context.stopBy(System.nanoTime() + STOP_GRACE.toNanos());
        boolean stoppedInTime = false;
        try {
            stoppedInTime = runOnLoop(() -> {
                context.stop();
                return null;
            }, STOP_TIMEOUT);
        } finally {
            if (stoppedInTime) {
                context.environment.close();
            } else {
                context.output.message(name(), DriverOutput.Kind.ERROR, "the driver did not stop within "
                        + STOP_TIMEOUT.toMillis() + " ms (its loop is stuck where Lua cannot be interrupted); it is left behind");
                Thread closer = new Thread(context.environment::close, "c4j-close-" + name());
                closer.setDaemon(true);
                closer.start();
            }
        }
    }

    /** {@link #stop()}. */
    @Override
    public void close() {
        stop();
    }

    /**
     * A full Lua collection on the loop; returns after the cleanup it caused (sockets of collected objects
     * closed) has run.
     */
    public void collectGarbage() {
        onLoop(() -> {
            context.collectGarbage();
            return null;
        });
        // The adapter posted the collected() notifications to the loop; this later turn runs after them.
        onLoop(() -> null);
    }

    /**
     * Calls the driver's global function {@code name} on the loop, as the controller calls an entry point, and
     * waits until it returned. Arguments convert as the engine SPI documents (strings, numbers, booleans,
     * {@code byte[]}, lists, maps). A Lua error is reported to the output; a missing function does nothing.
     */
    public void callGlobal(String name, Object... args) {
        Objects.requireNonNull(name, "name");
        onLoop(() -> {
            context.callGlobal(name, args);
            return null;
        });
    }

    /**
     * Runs {@code task} on the driver's loop and waits for its result; exceptions arrive as they were thrown
     * (checked ones wrapped in {@link CompletionException}).
     *
     * @throws IllegalStateException once the driver is stopped
     */
    public <T> T onLoop(Callable<T> task) {
        if (stopped.get()) {
            throw new IllegalStateException("driver " + name() + " is stopped");
        }
        return runOnLoop(task);
    }

    /** Runs {@code task} on the loop; false when it did not complete within {@code timeout}. */
    private boolean runOnLoop(Callable<?> task, Duration timeout) {
        if (context.environment.loop().inLoop()) {
            callUnchecked(task);
            return true;
        }
        CompletableFuture<?> result = submit(task);
        try {
            result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException("interrupted while waiting for driver " + name(), e);
        }
    }

    private <T> T runOnLoop(Callable<T> task) {
        DriverLoop loop = context.environment.loop();
        if (loop.inLoop()) {
            return callUnchecked(task);
        }
        CompletableFuture<T> result = submit(task);
        try {
            return result.get();
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException("interrupted while waiting for driver " + name(), e);
        }
    }

    private <T> CompletableFuture<T> submit(Callable<T> task) {
        CompletableFuture<T> result = new CompletableFuture<>();
        context.environment.loop().execute(() -> {
            try {
                result.complete(task.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result;
    }

    private static <T> T callUnchecked(Callable<T> task) {
        try {
            return task.call();
        } catch (Exception e) {
            throw rethrow(e);
        }
    }

    private static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) {
            throw r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        throw new CompletionException(t);
    }
}
