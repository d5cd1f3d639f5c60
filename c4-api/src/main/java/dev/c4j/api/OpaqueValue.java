package dev.c4j.api;

/**
 * What stands in a plain Java copy of a Lua value for something that has no plain form: a function, a foreign
 * userdata, a coroutine, or a table met again while it is being copied (a cycle). Such values are never handed
 * back to Lua as themselves; converting one back to Lua gives nil.
 */
public enum OpaqueValue {
    FUNCTION("<function>"),
    USERDATA("<userdata>"),
    THREAD("<thread>"),
    CYCLE("<cycle>");

    private final String display;

    OpaqueValue(String display) {
        this.display = display;
    }

    /** How records and the console show it, e.g. {@code "<function>"}. */
    @Override
    public String toString() {
        return display;
    }
}
