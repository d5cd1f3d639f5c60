package dev.c4j.engine.jnlua;

import party.iroiro.luajava.Lua;
import party.iroiro.luajava.luajit.LuaJit;

/** LuaJIT 2.1, native, through LuaJava: configuration name {@code luajit}. */
public final class LuajitEngine extends NativeLuaEngine {

    public LuajitEngine() {
        this(ByteShim.allowedByProperty());
    }

    /** {@code shimAllowed} false forces the pure-Java byte bridge (tests). */
    LuajitEngine(boolean shimAllowed) {
        super("luajit", "LuaJIT 2.1", shimAllowed);
    }

    @Override
    Lua newLua() {
        return new LuaJit();
    }
}
