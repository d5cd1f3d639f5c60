package dev.c4j.engine.luaj;

import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaRaise;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * A {@link LuaFunction} as a LuaJ function. {@link LuaRaise} becomes a Lua error whose value is exactly its
 * message (no position prefix); any other Java exception is a bug of ours: reported to the host, while Lua gets a
 * short error and never a Java stack trace.
 */
final class JavaFunction extends VarArgFunction {

    private final LuajState state;
    private final LuaFunction function;

    JavaFunction(LuajState state, String name, LuaFunction function) {
        this.state = state;
        this.function = function;
        this.name = name;
    }

    @Override
    public Varargs invoke(Varargs args) {
        try {
            return state.resultToLua(function.call(new LuajFrame(state, args)));
        } catch (LuaRaise e) {
            throw state.lua51.raise(LuaValue.valueOf(e.getMessage()));
        } catch (LuaError e) {
            throw e;
        } catch (RuntimeException e) {
            state.host.reportInternalError(name, e);
            throw state.lua51.raise(LuaValue.valueOf("internal error in '" + name + "'"));
        }
    }
}
