package dev.c4j.engine.jnlua;

import dev.c4j.api.OpaqueValue;
import dev.c4j.lua.spi.CopyPath;
import dev.c4j.lua.spi.TableRules;
import party.iroiro.luajava.LuaNatives;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deep plain-Java copies of values on a Lua stack (see the SPI package documentation, "Lua values in Java"),
 * read on the loop thread straight off the stack. Tables are walked with raw {@code lua_next}: no metamethod, no
 * Lua code, no Lua error. Keys are read by their type, never with {@code lua_tolstring} on a number: that would
 * turn the key on the stack into a string in place, and {@code lua_next} would no longer find it.
 */
final class NativePlainCopier {
    /** The walk of one table holds its key and value on the stack, and {@code lua_next} needs one more. */
    private static final int STACK_PER_TABLE = 3;

    private final NativeLuaState state;
    private final LuaNatives C;
    private final long L;
    private final CopyPath path = new CopyPath();

    private NativePlainCopier(NativeLuaState state, LuaNatives natives, long L) {
        this.state = state;
        this.C = natives;
        this.L = L;
    }

    /** A copy of the value at {@code index} (not a pseudo-index); the stack is left as it was. */
    static Object copy(NativeLuaState state, LuaNatives natives, long L, int index) {
        int top = natives.lua_gettop(L);
        try {
            return new NativePlainCopier(state, natives, L).copy(index > 0 ? index : top + index + 1);
        } finally {
            natives.lua_settop(L, top);
        }
    }

    /** The value at the absolute {@code index}. */
    private Object copy(int index) {
        return switch (NativeLuaState.luaType(C.lua_type(L, index))) {
            case NONE, NIL -> null;
            case BOOLEAN -> C.lua_toboolean(L, index) != 0;
            case NUMBER -> C.lua_tonumber(L, index);
            case STRING -> state.byteStringAt(L, index);
            case TABLE -> copyTable(index);
            case FUNCTION -> OpaqueValue.FUNCTION;
            case THREAD -> OpaqueValue.THREAD;
            case LIGHTUSERDATA -> OpaqueValue.USERDATA;
            case USERDATA -> {
                NativeLuaObject object = state.objectAt(L, index);
                yield object != null ? object.peer() : OpaqueValue.USERDATA;
            }
        };
    }

    private Object copyTable(int index) {
        if (!path.enter(C.lua_topointer(L, index))) {
            return OpaqueValue.CYCLE;
        }
        if (C.lua_checkstack(L, STACK_PER_TABLE) == 0) {
            throw new IllegalStateException("Lua stack overflow while copying a table");
        }
        Map<Object, Object> copy = new LinkedHashMap<>();
        C.lua_pushnil(L);
        while (C.lua_next(L, index) != 0) {
            int value = C.lua_gettop(L);
            int key = value - 1;
            if (C.lua_type(L, key) != NativeLuaState.TTABLE) {
                Object copiedKey = copy(key);
                if (TableRules.keepsCopiedKey(copiedKey)) {
                    copy.put(copiedKey, copy(value));
                }
            }
            C.lua_pop(L, 1); // the key stays for lua_next
        }
        path.leave();
        return copy;
    }
}
