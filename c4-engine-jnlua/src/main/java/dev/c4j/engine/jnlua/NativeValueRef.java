package dev.c4j.engine.jnlua;

import dev.c4j.lua.spi.LuaType;
import dev.c4j.lua.spi.LuaValueRef;

/** A registry reference ({@code luaL_ref}). */
final class NativeValueRef implements LuaValueRef {
    final NativeLuaState state;
    private final LuaType type;
    private int ref;
    private boolean released;

    NativeValueRef(NativeLuaState state, int ref, LuaType type) {
        this.state = state;
        this.ref = ref;
        this.type = type;
    }

    @Override
    public LuaType type() {
        return type;
    }

    /** The registry slot; fails once released. */
    int ref() {
        if (released) {
            throw new IllegalStateException("LuaValueRef used after release()");
        }
        return ref;
    }

    @Override
    public void release() {
        if (!released) {
            released = true;
            state.unref(ref);
        }
    }

    @Override
    public String toString() {
        return "LuaValueRef(" + type.luaName() + (released ? ", released)" : ")");
    }
}
