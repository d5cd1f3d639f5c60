package dev.c4j.lua.spi;

import dev.c4j.api.DriverLimits;
import dev.c4j.api.DriverLoop;

/** What a state needs from the driver that owns it. Implemented in {@code dev.c4j.lua}. */
public interface LuaHost {

    /** The driver's loop: collection notifications are posted here. */
    DriverLoop loop();

    /** The driver's name, for thread names and messages. */
    String driverName();

    /**
     * What the driver may use: the engine caps the state's Lua memory at {@link DriverLimits#luaMemory} where it
     * can, and makes its Lua code interruptible ({@link LuaState#interrupt}); LuaJIT runs without its JIT compiler
     * while {@link DriverLimits#callbackTime} is set, since compiled code never checks for interrupts.
     */
    default DriverLimits limits() {
        return DriverLimits.NONE;
    }

    /**
     * A Lua error escaped a callback invoked through {@link LuaObject#invoke} or a function called through
     * {@link LuaState#call}: {@code messageWithTraceback} is Lua's message followed by
     * {@code "\nstack traceback:\n..."}. The driver carries on.
     */
    void reportLuaError(String messageWithTraceback);

    /** A Java exception escaped a {@link LuaFunction} (a bug of ours): log it; Lua gets a short error. */
    void reportInternalError(String functionName, Throwable error);
}
