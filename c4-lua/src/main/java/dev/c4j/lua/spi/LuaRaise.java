package dev.c4j.lua.spi;

/**
 * Thrown by a {@link LuaFunction} to raise a Lua error with exactly this message, with no position prefix,
 * as {@code luaL_argerror} does for C functions: {@code bad argument #1 to 'Listen' (string expected, got nil)}.
 */
public class LuaRaise extends RuntimeException {
    public LuaRaise(String message) {
        super(message, null, false, false);
    }
}
