package dev.c4j.engine.jnlua;

import java.util.Set;

/** The engine SPI contracts, on PUC Lua 5.1. */
class Lua51ContractsTest extends NativeContracts {

    @Override
    NativeLuaEngine engine() {
        return Engines.JNLUA;
    }

    @Override
    NativeLuaEngine engineWithoutShim() {
        return Engines.JNLUA_FALLBACK;
    }

    /** None: PUC 5.1 has no bit library (the neutral layer installs one). */
    @Override
    Set<String> ownGlobals() {
        return Set.of();
    }
}
