package dev.c4j.lua.spi;

/** Lua value types, with the names Lua's own messages use ({@code "no value"} for a missing argument). */
public enum LuaType {
    NONE("no value"), NIL("nil"), BOOLEAN("boolean"), NUMBER("number"), STRING("string"), TABLE("table"),
    FUNCTION("function"), USERDATA("userdata"), THREAD("thread"), LIGHTUSERDATA("userdata");

    private final String luaName;

    LuaType(String luaName) {
        this.luaName = luaName;
    }

    /** The name {@code type()} and error messages use. */
    public String luaName() {
        return luaName;
    }

    public boolean isNoneOrNil() {
        return this == NONE || this == NIL;
    }
}
