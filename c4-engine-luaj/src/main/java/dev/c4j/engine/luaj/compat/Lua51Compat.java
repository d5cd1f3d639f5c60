package dev.c4j.engine.luaj.compat;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * Makes a LuaJ 3.0.1 state behave like C Lua 5.1.5 (the engine of a Control4 controller) where a driver can see
 * the difference, so that a driver gives the same results on every c4j engine.
 *
 * <ul>
 *   <li>by LuaJ classes patched at build time ({@link LuaJPatcher}), checked here: numbers as text and text as
 *       numbers, everywhere; {@code tostring} of tables, functions, userdata and threads ({@code "table: 0x..."});
 *       runtime error messages that name the variable ({@code attempt to call global 'Foo' (a nil value)}) on the
 *       lines 5.1 reports; tail calls of C functions made in the calling frame;</li>
 *   <li>{@code string.format, find, match, gmatch, gsub, upper, lower, rep}: 5.1's implementations over bytes with
 *       the C locale;</li>
 *   <li>{@code os.date, os.time}: 5.1's over the C library's strftime/mktime semantics;</li>
 *   <li>the source of a chunk: {@link #rewriteLenientEscapes} before compiling it.</li>
 * </ul>
 */
public final class Lua51Compat {
    private Lua51Compat() {
    }

    /**
     * Replaces the functions above in {@code globals}; call it after loading the libraries (it changes the
     * {@code string} and {@code os} tables it finds) and before running driver code.
     *
     * @throws IllegalStateException if LuaJ's classes are not the patched ones (the class path puts luaj-jse
     *                               before this module)
     */
    public static void install(Globals globals) {
        requirePatchedLuaJ();
        LuaValue string = globals.get("string");
        if (string.istable()) {
            Lua51StringLib.install((LuaTable) string);
        }
        LuaValue os = globals.get("os");
        if (os.istable()) {
            OsTime.install((LuaTable) os);
        }
    }

    /**
     * The chunk with the escapes that Lua 5.1 does not know ({@code "\x41"}, {@code "\z"}, {@code "\."}) turned into
     * the plain character, which is what 5.1 reads; LuaJ's 5.2 lexer reads {@code \x} and {@code \z} as 5.2 escapes.
     * Returns the same array when there is nothing to change. Line numbers are kept.
     */
    public static byte[] rewriteLenientEscapes(byte[] source) {
        return LenientEscapes.rewrite(source);
    }

    /** Fails unless the build-time patch of LuaJ is what the JVM loaded. */
    static void requirePatchedLuaJ() {
        boolean formats = "0.66666666666667".equals(LuaValue.valueOf(2.0 / 3).tojstring());
        boolean parses = LuaValue.valueOf("\t0x10\r\n").tonumber().toint() == 16;
        boolean addresses = new LuaTable().tojstring().startsWith("table: 0x");
        if (!formats || !parses || !addresses) {
            throw new IllegalStateException("LuaJ's classes are not patched: the classes of "
                    + "c4-engine-luaj (dev.c4j.engine.luaj.compat.LuaJPatcher output) must come before luaj-jse "
                    + "on the class path; LuaDouble was loaded from "
                    + org.luaj.vm2.LuaDouble.class.getProtectionDomain().getCodeSource().getLocation());
        }
    }
}
