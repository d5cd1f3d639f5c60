package dev.c4j.engine.luaj.compat;

import java.util.function.IntUnaryOperator;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The functions of the {@code string} table that LuaJ implements differently from C Lua 5.1.5. The others
 * ({@code byte, char, len, reverse, sub}) already agree and stay LuaJ's.
 */
final class Lua51StringLib {
    private Lua51StringLib() {
    }

    static void install(LuaTable string) {
        string.set("format", new StringFormat());
        string.set("find", new LuaPatterns.Find());
        string.set("match", new LuaPatterns.Match());
        string.set("gmatch", new LuaPatterns.GMatch());
        string.set("gsub", new LuaPatterns.GSub());
        string.set("upper", new MapBytes("upper", CType::toUpper));
        string.set("lower", new MapBytes("lower", CType::toLower));
        string.set("rep", new Rep());
    }

    /** upper/lower in the C locale: ASCII letters only (LuaJ decodes and re-encodes, corrupting bytes >= 0x80). */
    private static final class MapBytes extends VarArgFunction {
        private final String functionName;
        private final IntUnaryOperator map;

        MapBytes(String functionName, IntUnaryOperator map) {
            this.functionName = functionName;
            this.map = map;
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaString s = LibArgs.checkString(args, 1, functionName);
            byte[] result = new byte[s.m_length];
            for (int i = 0; i < result.length; i++) {
                result[i] = (byte) map.applyAsInt(s.m_bytes[s.m_offset + i] & 0xff);
            }
            return LuaString.valueOf(result);
        }
    }

    /** {@code string.rep(s, n)}: empty for n <= 0 (LuaJ throws a Java exception for negative n). */
    private static final class Rep extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaString s = LibArgs.checkString(args, 1, "rep");
            int n = LibArgs.checkInt(args, 2, "rep");
            if (n <= 0 || s.m_length == 0) {
                return LuaValue.EMPTYSTRING;
            }
            if ((long) s.m_length * n > Integer.MAX_VALUE - 8) {
                throw new LuaError("not enough memory");
            }
            byte[] result = new byte[s.m_length * n];
            for (int i = 0; i < n; i++) {
                System.arraycopy(s.m_bytes, s.m_offset, result, i * s.m_length, s.m_length);
            }
            return LuaString.valueOf(result);
        }
    }
}
