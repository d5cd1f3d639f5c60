package dev.c4j.engine.jnlua;

import java.util.Set;

/** The engine SPI contracts, on LuaJIT. */
class LuajitContractsTest extends NativeContracts {

    @Override
    NativeLuaEngine engine() {
        return Engines.LUAJIT;
    }

    @Override
    NativeLuaEngine engineWithoutShim() {
        return Engines.LUAJIT_FALLBACK;
    }

    /** LuaJIT's own {@code bit} and a harmless {@code jit} (see {@code SandboxTest}). */
    @Override
    Set<String> ownGlobals() {
        return Set.of("bit", "jit");
    }
}
