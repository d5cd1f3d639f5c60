package dev.c4j.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What one driver may use, so that a faulty or hostile driver (or peer) harms only itself. Zero switches a limit
 * off. See docs/limits.md.
 *
 * @param luaMemory     bytes of Lua memory; past it the driver's allocations fail with Lua's
 *                      {@code "not enough memory"} error and the driver carries on. Native engines only: LuaJ has
 *                      no allocator to cap (there a full Java heap stops the driver).
 * @param bufferedInput bytes received on all the driver's connections and not yet delivered to it; past it the
 *                      connection holding most is refused with {@code OnError(105, ..., "read")}, and reading
 *                      pauses rather than growing
 * @param callbackTime  how long one call into the driver (a callback, an entry point, the main chunk) may run
 *                      before it is interrupted with a Lua error naming it
 */
public record DriverLimits(long luaMemory, long bufferedInput, Duration callbackTime) {

    public static final long MIB = 1024 * 1024;

    /** 128 MiB of Lua memory, 64 MiB of buffered input, 5 seconds per callback. */
    public static final DriverLimits DEFAULT = new DriverLimits(128 * MIB, 64 * MIB, Duration.ofSeconds(5));

    /** No limit at all (what c4j did before limits existed). */
    public static final DriverLimits NONE = new DriverLimits(0, 0, Duration.ZERO);

    public DriverLimits {
        Objects.requireNonNull(callbackTime, "callbackTime");
        if (luaMemory < 0 || bufferedInput < 0 || callbackTime.isNegative()) {
            throw new IllegalArgumentException("limits must not be negative: " + luaMemory + ", " + bufferedInput
                    + ", " + callbackTime);
        }
    }

    public DriverLimits withLuaMemory(long bytes) {
        return new DriverLimits(bytes, bufferedInput, callbackTime);
    }

    public DriverLimits withBufferedInput(long bytes) {
        return new DriverLimits(luaMemory, bytes, callbackTime);
    }

    public DriverLimits withCallbackTime(Duration time) {
        return new DriverLimits(luaMemory, bufferedInput, time);
    }

    /** Whether callbacks are timed (and interrupted). */
    public boolean timesCallbacks() {
        return !callbackTime.isZero();
    }
}
