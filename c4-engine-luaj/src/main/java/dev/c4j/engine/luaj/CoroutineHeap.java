package dev.c4j.engine.luaj;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * A Java heap that runs out on a coroutine's thread, which LuaJ would turn into an error message that a driver may
 * catch and carry on from: handed to the state as the fatal error it is ({@link LuajState#outOfMemory}).
 */
final class CoroutineHeap {

    private CoroutineHeap() {
    }

    /** Wraps the bodies given to {@code coroutine.create} and {@code coroutine.wrap} as they are now. */
    static void install(LuajState state, LuaTable coroutine) {
        for (String factory : new String[] {"create", "wrap"}) {
            LuaValue original = coroutine.get(factory);
            coroutine.set(factory, new VarArgFunction() {
                {
                    name = factory;
                }

                @Override
                public Varargs invoke(Varargs args) {
                    LuaValue body = args.arg1();
                    // anything but a function goes to the original as it is, to be refused in its words
                    return original.invoke(body.isfunction() ? varargsOf(guarded(state, body), args.subargs(2)) : args);
                }
            });
        }
    }

    private static LuaValue guarded(LuajState state, LuaValue body) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                try {
                    return body.invoke(args);
                } catch (OutOfMemoryError e) {
                    state.outOfMemory(e);
                    throw new LuaError("not enough memory");
                }
            }
        };
    }
}
