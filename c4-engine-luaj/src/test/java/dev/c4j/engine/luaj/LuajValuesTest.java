package dev.c4j.engine.luaj;

import dev.c4j.lua.spi.LuaEngine;
import dev.c4j.lua.spi.LuaState;
import dev.c4j.lua.spi.LuaValueRef;
import dev.c4j.lua.spi.contract.LuaValuesContract;
import org.luaj.vm2.LuaUserdata;

import java.util.List;

/** The engine SPI contract for values, on LuaJ. */
class LuajValuesTest extends LuaValuesContract {

    @Override
    protected LuaEngine engine() {
        return new LuajEngine();
    }

    /** LuaJ has no light userdata; a plain {@link LuaUserdata} is not ours. */
    @Override
    protected List<LuaValueRef> foreignUserdata(LuaState state) {
        return List.of(new LuajValueRef(new LuaUserdata(new Object())));
    }
}
