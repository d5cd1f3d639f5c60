package dev.c4j.lua.spi;

/**
 * A kind of Lua object ({@code C4LuaTcpServer}, {@code C4LuaTcpClient}, {@code C4LuaTimer}) as defined by
 * {@link LuaState#defineType}; its userdata share one metatable.
 */
public interface ObjectType {

    /** The name {@code tostring} shows: {@code "C4LuaTcpServer: 0x1a2b3c"}. */
    String name();
}
