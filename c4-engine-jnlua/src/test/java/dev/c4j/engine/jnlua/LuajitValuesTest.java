package dev.c4j.engine.jnlua;

/** The engine SPI contract for values, on LuaJIT. */
class LuajitValuesTest extends NativeValuesContract {

    @Override
    protected NativeLuaEngine engine() {
        return Engines.LUAJIT;
    }
}
