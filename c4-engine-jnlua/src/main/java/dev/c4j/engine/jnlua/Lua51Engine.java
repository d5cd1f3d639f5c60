package dev.c4j.engine.jnlua;

import party.iroiro.luajava.Lua;
import party.iroiro.luajava.lua51.Lua51;

/** PUC Lua 5.1, native, through LuaJava: configuration name {@code jnlua}. */
public final class Lua51Engine extends NativeLuaEngine {

    public Lua51Engine() {
        this(ByteShim.allowedByProperty());
    }

    /** {@code shimAllowed} false forces the pure-Java byte bridge (tests). */
    Lua51Engine(boolean shimAllowed) {
        super("jnlua", "Lua 5.1", shimAllowed);
    }

    @Override
    Lua newLua() {
        return new Lua51();
    }
}
