package dev.c4j.lua.spi;

/** Keeps any Lua value reachable from Java until {@link #release()}. Loop thread only. */
public interface LuaValueRef {

    LuaType type();

    /** Lets the value go. Further use is an error; releasing twice is harmless. */
    void release();
}
