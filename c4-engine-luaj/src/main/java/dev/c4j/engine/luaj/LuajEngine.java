package dev.c4j.engine.luaj;

import dev.c4j.lua.spi.LuaEngine;
import dev.c4j.lua.spi.LuaHost;
import dev.c4j.lua.spi.LuaState;

/** LuaJ 3.0.1: pure Java, Lua 5.2 inside, the Lua 5.1 surface outside. The embedded default engine. */
public final class LuajEngine implements LuaEngine {

    public static final String NAME = "luaj";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String version() {
        return "LuaJ 3.0.1";
    }

    @Override
    public LuaState open(LuaHost host) {
        return new LuajState(host);
    }
}
