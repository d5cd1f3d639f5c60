package dev.c4j.lua.spi;

/**
 * Drivers load Lua source only, never precompiled bytecode (the mode {@code "t"} of later Lua versions): PUC Lua
 * 5.1 does not verify bytecode, so a crafted binary chunk reads and writes arbitrary memory, and LuaJIT crashes on
 * some. Every engine refuses binary chunks in its {@link LuaState#load}, {@code load} and {@code loadstring} with
 * {@link #REFUSED}.
 */
public final class TextChunks {

    /** Lua 5.2's message for a binary chunk given to a text-only load. */
    public static final String REFUSED = "attempt to load a binary chunk (mode is 't')";

    /** Binary chunks start with ESC, the first byte of Lua's signature {@code "\033Lua"}. */
    public static final int SIGNATURE = 0x1B;

    private TextChunks() {
    }

    public static boolean isBinary(byte[] chunk) {
        return chunk.length > 0 && chunk[0] == SIGNATURE;
    }
}
