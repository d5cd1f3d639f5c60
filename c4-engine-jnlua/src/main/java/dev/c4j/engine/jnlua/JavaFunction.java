package dev.c4j.engine.jnlua;

import dev.c4j.lua.spi.LuaFunction;
import party.iroiro.luajava.JFunction;
import party.iroiro.luajava.Lua;

/**
 * A {@link LuaFunction} as LuaJava calls it: a C closure whose upvalue holds this object. {@code lua} is the
 * calling thread (a coroutine has its own pointer).
 */
final class JavaFunction implements JFunction {
    final NativeLuaState state;
    final LuaFunction function;
    final String name; // for reports and messages

    JavaFunction(NativeLuaState state, LuaFunction function, String name) {
        this.state = state;
        this.function = function;
        this.name = name;
    }

    @Override
    public int __call(Lua lua) {
        return state.callJava(this, lua);
    }
}
