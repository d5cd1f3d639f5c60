package dev.c4j.engine.jnlua;

import dev.c4j.lua.spi.LuaException;
import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaState;
import dev.c4j.lua.spi.LuaValueRef;
import dev.c4j.lua.spi.contract.LuaValuesContract;
import party.iroiro.luajava.Lua;
import party.iroiro.luajava.LuaNatives;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The engine SPI contract for values on a native engine, which also checks that the main stack stays empty. */
abstract class NativeValuesContract extends LuaValuesContract {

    @Override
    protected abstract NativeLuaEngine engine();

    @Override
    protected int stackHeight(LuaState state) {
        return ((NativeLuaState) state).stackTop();
    }

    /** LuaJava's userdata for a Java object, and a light userdata, pushed with the C API during a call from Lua. */
    @Override
    protected List<LuaValueRef> foreignUserdata(LuaState state) throws LuaException {
        NativeLuaState nativeState = (NativeLuaState) state;
        LuaNatives natives = natives();
        List<LuaValueRef> made = new ArrayList<>();
        state.setGlobal("makeForeignUserdata", (LuaFunction) frame -> {
            long L = ((StackFrame) frame).L;
            natives.luaJ_pushobject(L, new Object());
            made.add(nativeState.ref(L, -1));
            natives.lua_pushlightuserdata(L, 0x1234);
            made.add(nativeState.ref(L, -1));
            return LuaFunction.Results.NONE;
        });
        LuaValueRef chunk = state.load("makeForeignUserdata()".getBytes(StandardCharsets.US_ASCII), "=foreign");
        try {
            state.call(chunk);
        } finally {
            chunk.release();
        }
        return made;
    }

    /** The engine's C API (the same for every state of its library). */
    private LuaNatives natives() {
        Lua lua = engine().newLua();
        try {
            return lua.getLuaNatives();
        } finally {
            lua.close();
        }
    }
}
