package dev.c4j.lua.spi;

/**
 * A Lua engine: LuaJ, PUC Lua 5.1 or LuaJIT. Bound by the engine's Guice module; one instance serves every
 * driver, each driver getting its own {@link LuaState}.
 */
public interface LuaEngine {

    /** The configuration name: {@code luaj}, {@code jnlua}, {@code luajit}. */
    String name();

    /** The engine's own version text, e.g. {@code "Lua 5.1"} or {@code "LuaJIT 2.1"}. */
    String version();

    /**
     * A fresh sandboxed state with the Lua 5.1 surface drivers use (spec section 9): the base library,
     * {@code string}, {@code table}, {@code math}, {@code coroutine}, {@code os.time/date/clock/getenv/difftime},
     * {@code debug.traceback} only; no {@code io}, no native module loading, no engine-specific Java bridge.
     * Called on the driver's loop.
     *
     * @throws EngineUnavailableException when the engine cannot run on this platform
     */
    LuaState open(LuaHost host);
}
