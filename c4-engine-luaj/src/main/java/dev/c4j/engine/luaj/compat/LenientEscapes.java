package dev.c4j.engine.luaj.compat;

import java.util.BitSet;

/**
 * Lua 5.1 reads an unknown escape in a quoted string as the plain character ({@code "\."} is ".", {@code "\x41"}
 * is "x41", {@code "\z"} is "z"). LuaJ's 5.2 lexer already does so for most characters but reads {@code \x} and
 * {@code \z} as 5.2 escapes; this removes the backslash of every escape 5.1 does not know, before compiling.
 *
 * <p>A small lexer over the bytes of the chunk: it skips comments and long strings ({@code [[ ]]},
 * {@code [==[ ]==]}, {@code --[[ ]]}, {@code --}) and touches only short strings, so code, comments and long
 * strings stay as written. Nothing is added or removed but those backslashes, so line numbers stay.
 */
final class LenientEscapes {
    /** What follows a backslash in a 5.1 escape: {@code \a \b \f \n \r \t \v \\ \" \'}, digits, a line break. */
    private static final String KNOWN = "abfnrtv\\\"'0123456789\n\r";

    private LenientEscapes() {
    }

    static byte[] rewrite(byte[] src) {
        BitSet dropped = new BitSet();
        int n = src.length;
        int i = 0;
        while (i < n) {
            int c = src[i];
            if (c == '-' && i + 1 < n && src[i + 1] == '-') {
                i += 2;
                int level = longBracketLevel(src, i);
                i = level >= 0 ? skipLongBracket(src, i, level) : skipLine(src, i);
            } else if (c == '[') {
                int level = longBracketLevel(src, i);
                i = level >= 0 ? skipLongBracket(src, i, level) : i + 1;
            } else if (c == '"' || c == '\'') {
                i = shortString(src, i, dropped);
            } else {
                i++;
            }
        }
        if (dropped.isEmpty()) {
            return src;
        }
        byte[] out = new byte[n - dropped.cardinality()];
        int k = 0;
        for (int j = 0; j < n; j++) {
            if (!dropped.get(j)) {
                out[k++] = src[j];
            }
        }
        return out;
    }

    /** Scans the short string opening at {@code start}; returns where the code goes on. */
    private static int shortString(byte[] src, int start, BitSet dropped) {
        byte quote = src[start];
        int i = start + 1;
        while (i < src.length) {
            byte c = src[i];
            if (c == quote) {
                return i + 1;
            }
            if (c == '\n' || c == '\r') {
                return i; // unfinished string: the compiler reports it
            }
            if (c == '\\' && i + 1 < src.length) {
                if (KNOWN.indexOf(src[i + 1]) < 0) {
                    dropped.set(i);
                }
                i += 2; // an escaped character never ends the string
            } else {
                i++;
            }
        }
        return i;
    }

    /** The level of a long bracket {@code [==[} at i, or -1 if there is none. */
    private static int longBracketLevel(byte[] src, int i) {
        if (i >= src.length || src[i] != '[') {
            return -1;
        }
        int j = i + 1;
        while (j < src.length && src[j] == '=') {
            j++;
        }
        return j < src.length && src[j] == '[' ? j - i - 1 : -1;
    }

    /** Past the {@code ]==]} closing the long bracket opened at i (or the end of the chunk). */
    private static int skipLongBracket(byte[] src, int i, int level) {
        for (int j = i + level + 2; j < src.length; j++) {
            if (src[j] == ']' && j + level + 1 < src.length && src[j + level + 1] == ']') {
                int k = 1;
                while (k <= level && src[j + k] == '=') {
                    k++;
                }
                if (k > level) {
                    return j + level + 2;
                }
            }
        }
        return src.length;
    }

    private static int skipLine(byte[] src, int i) {
        while (i < src.length && src[i] != '\n' && src[i] != '\r') {
            i++;
        }
        return i;
    }
}
