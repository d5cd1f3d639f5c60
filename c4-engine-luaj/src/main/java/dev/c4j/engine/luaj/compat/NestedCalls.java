package dev.c4j.engine.luaj.compat;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

import java.util.function.Function;

/**
 * C Lua 5.1 stops calls nested through C functions at {@code LUAI_MAXCCALLS} (200) with "C stack overflow"; LuaJ
 * has no such count, and two of those paths hurt it: each nested coroutine resume holds a Java thread (LuaJ runs
 * every coroutine on one), so resumes without end start threads until the JVM can make no more; and a chain of
 * {@code pcall}s as deep as the Java stack allows, each catching and raising again, builds a traceback per level
 * (quadratic time). So {@code pcall}, {@code xpcall}, {@code coroutine.resume} and the functions of
 * {@code coroutine.wrap} count as 5.1's C calls do: past {@link #MAX_NESTING} nested ones, a call fails as in 5.1.
 */
public final class NestedCalls {

    static final int MAX_NESTING = 200;
    static final String TOO_DEEP = "C stack overflow";

    /**
     * Nested calls in progress; the threads of coroutines take turns with the loop, never run together. A coroutine
     * that yields inside a {@code pcall} leaves its count behind, so the count starts afresh with each call from
     * Java ({@link #reset}): what is bounded is the nesting within one callback.
     */
    private int nesting;

    private NestedCalls() {
    }

    /** Wraps the functions as they are now in {@code globals}. */
    public static NestedCalls install(LuaTable globals) {
        NestedCalls calls = new NestedCalls();
        LuaTable coroutine = globals.get("coroutine").checktable();
        for (String protectedCall : new String[] {"pcall", "xpcall"}) {
            LuaValue original = globals.get(protectedCall);
            globals.set(protectedCall, function(protectedCall, args -> calls.nested(true, original, args)));
        }
        LuaValue resume = coroutine.get("resume");
        coroutine.set("resume", function("resume", args -> calls.nested(true, resume, args)));
        LuaValue wrap = coroutine.get("wrap");
        coroutine.set("wrap", function("wrap", args -> {
            LuaValue wrapped = wrap.invoke(args).arg1();
            return function("wrap", resumeArgs -> calls.nested(false, wrapped, resumeArgs));
        }));
        return calls;
    }

    /** A call from Java into Lua begins: nothing is nested yet. */
    public void reset() {
        nesting = 0;
    }

    /** {@code original(args)} one level deeper; too deep: false and the message, or the error itself. */
    private Varargs nested(boolean returnsStatus, LuaValue original, Varargs args) {
        if (nesting >= MAX_NESTING) {
            if (returnsStatus) {
                return LuaValue.varargsOf(LuaValue.FALSE, LuaValue.valueOf(TOO_DEEP));
            }
            throw new LuaError(TOO_DEEP);
        }
        nesting++;
        try {
            return original.invoke(args);
        } finally {
            nesting--;
        }
    }

    private static LuaValue function(String name, Function<Varargs, Varargs> body) {
        return new VarArgFunction() {
            {
                this.name = name;
            }

            @Override
            public Varargs invoke(Varargs args) {
                return body.apply(args);
            }
        };
    }
}
