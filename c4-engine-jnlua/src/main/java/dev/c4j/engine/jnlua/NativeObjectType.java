package dev.c4j.engine.jnlua;

import dev.c4j.lua.spi.ObjectType;

/** A type of our userdata: its prototype (from {@code newproxy(true)}) carries the shared metatable. */
record NativeObjectType(NativeLuaState state, String name, int protoRef) implements ObjectType {
    @Override
    public String toString() {
        return name;
    }
}
