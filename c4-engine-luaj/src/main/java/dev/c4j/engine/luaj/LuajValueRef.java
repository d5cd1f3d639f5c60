package dev.c4j.engine.luaj;

import dev.c4j.lua.spi.LuaType;
import dev.c4j.lua.spi.LuaValueRef;
import org.luaj.vm2.LuaValue;

/** A Lua value held from Java: for LuaJ simply a Java reference. */
final class LuajValueRef implements LuaValueRef {

    private LuaValue value;

    LuajValueRef(LuaValue value) {
        this.value = value;
    }

    LuaValue value() {
        if (value == null) {
            throw new IllegalStateException("LuaValueRef used after release");
        }
        return value;
    }

    @Override
    public LuaType type() {
        return LuajFrame.typeOf(value());
    }

    @Override
    public void release() {
        value = null;
    }
}
