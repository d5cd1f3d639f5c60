package dev.c4j.engine.jnlua;

/** The engine SPI contract for values, on PUC Lua 5.1. */
class Lua51ValuesTest extends NativeValuesContract {

    @Override
    protected NativeLuaEngine engine() {
        return Engines.JNLUA;
    }
}
