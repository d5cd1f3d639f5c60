package dev.c4j.lua;

import dev.c4j.api.DriverEnvironment;
import dev.c4j.lua.spi.LuaEngine;
import dev.c4j.lua.spi.LuaSyntaxException;

import java.util.concurrent.Callable;

/**
 * One DriverWorks driver: one Lua state on one loop. Start runs the chunk, {@code OnDriverInit("DIT_STARTUP")}
 * and {@code OnDriverLateInit("DIT_STARTUP")}; stop runs {@code OnDriverDestroyed("DIT_LOADED")}, then
 * cancels the timers, closes every socket silently and discards the state (spec section 1).
 *
 * <p>The blocking methods wait for the loop and must not be called on it.
 */
public final class Driver implements AutoCloseable {

    private Driver() {
        throw new UnsupportedOperationException("SKELETON: to be implemented");
    }

    /**
     * A driver that will run {@code source} (Lua source bytes, never decoded) named {@code chunkName}
     * ({@code "@path/file.lua"} style) on {@code engine}, in {@code environment}, writing to {@code output}.
     * Nothing runs until {@link #start()}.
     */
    public static Driver create(String name, byte[] source, String chunkName, LuaEngine engine,
                                DriverEnvironment environment, DriverOutput output) {
        throw new UnsupportedOperationException("SKELETON");
    }

    public String name() {
        throw new UnsupportedOperationException("SKELETON");
    }

    public DriverEnvironment environment() {
        throw new UnsupportedOperationException("SKELETON");
    }

    /**
     * Opens the state, compiles and runs the chunk, then the init entry points. A chunk that does not compile
     * throws (nothing else ran); a Lua error at run time is reported and the lifecycle goes on.
     */
    public void start() throws LuaSyntaxException {
        throw new UnsupportedOperationException("SKELETON");
    }

    /** {@code OnDriverDestroyed("DIT_LOADED")}, then teardown and {@link DriverEnvironment#close()}. Idempotent. */
    public void stop() {
        throw new UnsupportedOperationException("SKELETON");
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
        throw new UnsupportedOperationException("SKELETON");
    }

    /** Runs {@code task} on the driver's loop and waits for its result. */
    public <T> T onLoop(Callable<T> task) {
        throw new UnsupportedOperationException("SKELETON");
    }
}
