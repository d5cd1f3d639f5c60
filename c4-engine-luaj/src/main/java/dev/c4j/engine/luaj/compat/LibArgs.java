package dev.c4j.engine.luaj.compat;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Argument checks of the C Lua 5.1 auxiliary library ({@code luaL_check*}), with its messages
 * ("bad argument #2 to 'format' (number expected, got no value)"). Arguments are numbered as in a plain call;
 * C Lua renumbers them for method calls ({@code s:rep()}), which a LuaJ function cannot tell apart.
 */
final class LibArgs {
    private LibArgs() {
    }

    /** {@code luaL_checklstring}: a string, or a number converted as {@code tostring} does. */
    static LuaString checkString(Varargs args, int i, String function) {
        LuaValue v = args.arg(i);
        if (v.type() == LuaValue.TSTRING) {
            return v.strvalue();
        }
        if (v.type() == LuaValue.TNUMBER) {
            return LuaString.valueOf(LuaNumbers.toString(v.todouble()));
        }
        throw typeError(args, i, function, "string");
    }

    /** {@code luaL_checknumber}: a number, or a string that converts to one. */
    static double checkNumber(Varargs args, int i, String function) {
        LuaValue v = args.arg(i);
        if (v.type() == LuaValue.TNUMBER) {
            return v.todouble();
        }
        if (v.type() == LuaValue.TSTRING) {
            LuaString s = v.strvalue();
            double d = LuaNumbers.parse(s.m_bytes, s.m_offset, s.m_length);
            if (!Double.isNaN(d)) {
                return d;
            }
        }
        throw typeError(args, i, function, "number");
    }

    /** {@code luaL_checkint}. */
    static int checkInt(Varargs args, int i, String function) {
        return (int) LuaNumbers.toCLong(checkNumber(args, i, function));
    }

    /** {@code luaL_optinteger}. */
    static long optInteger(Varargs args, int i, String function, long absent) {
        return args.isnil(i) ? absent : LuaNumbers.toCLong(checkNumber(args, i, function));
    }

    static LuaError argError(int i, String function, String message) {
        return new LuaError("bad argument #" + i + " to '" + function + "' (" + message + ")");
    }

    static LuaError typeError(Varargs args, int i, String function, String expected) {
        String got = i > args.narg() ? "no value" : args.arg(i).typename();
        return argError(i, function, expected + " expected, got " + got);
    }
}
