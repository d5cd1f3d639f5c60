package dev.c4j.lua.spi;

/** A Lua error that reached Java: its Lua message, with the traceback when there was one. */
public class LuaException extends Exception {
    private final String luaMessage;

    public LuaException(String luaMessage, String messageWithTraceback) {
        super(messageWithTraceback);
        this.luaMessage = luaMessage;
    }

    /** The message alone, as {@code pcall} would return it. */
    public String luaMessage() {
        return luaMessage;
    }
}
