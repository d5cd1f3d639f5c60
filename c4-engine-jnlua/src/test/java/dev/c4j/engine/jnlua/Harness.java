package dev.c4j.engine.jnlua;

import dev.c4j.lua.spi.contract.StateHarness;

/** The shared {@link StateHarness} on a native engine, which can also tell the height of the main stack. */
final class Harness extends StateHarness<NativeLuaState> {

    Harness(NativeLuaEngine engine) throws Exception {
        super(engine);
    }

    /** The Lua stack of the main thread is back to empty (checked on the loop). */
    int stackTop() throws Exception {
        return onLoop(state::stackTop);
    }
}
