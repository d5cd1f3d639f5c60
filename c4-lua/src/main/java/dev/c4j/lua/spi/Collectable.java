package dev.c4j.lua.spi;

/**
 * Implemented by an object's peer (see {@link LuaState#newObject}) or by a {@link LuaFunction} handed to Lua
 * that wants to know when Lua has collected its value. The adapter calls {@link #collected()} on the loop,
 * on a later turn, never from inside Lua's collector and never from another thread.
 */
public interface Collectable {
    void collected();
}
