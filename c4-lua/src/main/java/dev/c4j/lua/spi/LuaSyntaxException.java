package dev.c4j.lua.spi;

/** A chunk did not compile; the message is Lua's, e.g. {@code "driver.lua:3: '=' expected near 'x'"}. */
public class LuaSyntaxException extends LuaException {
    public LuaSyntaxException(String message) {
        super(message, message);
    }
}
