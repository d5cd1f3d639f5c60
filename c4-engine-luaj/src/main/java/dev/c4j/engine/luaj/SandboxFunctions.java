package dev.c4j.engine.luaj;

import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/** Library functions the sandbox replaces because LuaJ's would reach the host or throw a Java exception. */
final class SandboxFunctions {

    private SandboxFunctions() {
    }

    /** {@code os.getenv(name)}: always nil, the host's environment is none of a driver's business. */
    static LuaValue getenv() {
        return new VarArgFunction() {
            {
                name = "getenv";
            }

            @Override
            public Varargs invoke(Varargs args) {
                LuaValue value = args.arg1();
                if (!value.isstring()) { // strings and numbers, as luaL_checkstring
                    throw typeError(args, 1, "getenv", "string");
                }
                return NIL;
            }
        };
    }

    /**
     * {@code string.dump(f)}: LuaJ's casts {@code f} to a Lua closure, so a Java function (one of ours, or a
     * library function) gave a ClassCastException that even {@code pcall} did not catch. 5.1's message instead.
     */
    static LuaValue dump(LuaValue original) {
        return new VarArgFunction() {
            {
                name = "dump";
            }

            @Override
            public Varargs invoke(Varargs args) {
                LuaValue function = args.arg1();
                if (!function.isfunction()) {
                    throw typeError(args, 1, "dump", "function");
                }
                if (!(function instanceof LuaClosure)) {
                    throw new LuaError("unable to dump given function");
                }
                return original.invoke(args);
            }
        };
    }

    private static LuaError typeError(Varargs args, int i, String function, String expected) {
        String got = i > args.narg() ? "no value" : args.arg(i).typename();
        return new LuaError("bad argument #" + i + " to '" + function + "' (" + expected + " expected, got " + got
                + ")");
    }
}
