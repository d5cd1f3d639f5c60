package dev.c4j.engine.luaj;

import dev.c4j.api.ByteString;
import dev.c4j.api.OpaqueValue;
import dev.c4j.lua.spi.CopyPath;
import dev.c4j.lua.spi.TableRules;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Deep plain-Java copies of LuaJ values (see the SPI package documentation, "Lua values in Java"). Tables are
 * walked with LuaJ's {@code next}, which is raw: no metamethod, no Lua code runs.
 */
final class LuajPlainCopier {

    private final LuajState state;
    private final CopyPath path = new CopyPath();

    private LuajPlainCopier(LuajState state) {
        this.state = state;
    }

    static Object copy(LuaValue value, LuajState state) {
        return new LuajPlainCopier(state).copy(value);
    }

    private Object copy(LuaValue value) {
        return switch (value.type()) {
            case LuaValue.TNIL, LuaValue.TNONE -> null;
            case LuaValue.TBOOLEAN -> value.toboolean();
            case LuaValue.TNUMBER, LuaValue.TINT -> value.todouble();
            case LuaValue.TSTRING -> bytes((LuaString) value);
            case LuaValue.TTABLE -> copyTable((LuaTable) value);
            case LuaValue.TFUNCTION -> OpaqueValue.FUNCTION;
            case LuaValue.TTHREAD -> OpaqueValue.THREAD;
            default -> {
                Object peer = C4Userdata.peerOf(value, state);
                yield peer != null ? peer : OpaqueValue.USERDATA;
            }
        };
    }

    private static ByteString bytes(LuaString string) {
        return ByteString.wrap(Arrays.copyOfRange(string.m_bytes, string.m_offset, string.m_offset + string.m_length));
    }

    private Object copyTable(LuaTable table) {
        if (!path.enter(table)) {
            return OpaqueValue.CYCLE;
        }
        Map<Object, Object> copy = new LinkedHashMap<>();
        LuaValue key = LuaValue.NIL;
        for (Varargs entry = table.next(key); !(key = entry.arg1()).isnil(); entry = table.next(key)) {
            if (!key.istable()) {
                Object copiedKey = copy(key);
                if (TableRules.keepsCopiedKey(copiedKey)) {
                    copy.put(copiedKey, copy(entry.arg(2)));
                }
            }
        }
        path.leave();
        return copy;
    }
}
