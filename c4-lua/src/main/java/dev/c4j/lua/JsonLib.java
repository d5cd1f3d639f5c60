package dev.c4j.lua;

import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaObject;
import dev.c4j.lua.spi.LuaState;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code C4:JsonEncode}, {@code C4:JsonDecode} and the global {@code c4json} (spec 7.1). Failures are results,
 * {@code nil, message}, never Lua errors (B2).
 */
final class JsonLib {

    private JsonLib() {
    }

    static void register(DriverContext ctx, Map<String, LuaFunction> c4) {
        LuaObject jsonNull = newNullSentinel(ctx.state());
        ctx.state().setGlobal("c4json", Map.of("null", jsonNull));
        Supplier<Object> emptyTable = LinkedHashMap::new;
        Supplier<Object> sentinel = () -> jsonNull;

        c4.put("JsonEncode", Args.failSoftly(frame -> {
            Args args = Args.method(frame, "JsonEncode");
            JsonCodec.EncodeOptions options = new JsonCodec.EncodeOptions(args.toBoolean(2), args.toBoolean(3),
                    args.toBoolean(4));
            return JsonCodec.encode(frame.toValue(args.index(1)), options);
        }));
        c4.put("JsonDecode", Args.failSoftly(frame -> {
            Args args = Args.method(frame, "JsonDecode");
            byte[] text = args.checkByteArray(1);
            return JsonCodec.decode(text, args.toBoolean(2) ? sentinel : emptyTable);
        }));
    }

    /**
     * {@code c4json.null}: a userdata of its own type, equal only to itself, whose plain copy is
     * {@link JsonCodec#NULL} [CHOICE: a full userdata on every engine, so that all engines behave alike]. Pinned: it
     * lives as long as the state.
     */
    private static LuaObject newNullSentinel(LuaState state) {
        LuaObject sentinel = state.newObject(state.defineType("c4json.null", Map.of()), JsonCodec.NULL);
        sentinel.pin();
        return sentinel;
    }
}
