package dev.c4j.lua;

import dev.c4j.lua.spi.LuaFunction;

import java.util.Map;

/** {@code C4:Base64Encode}, {@code C4:Base64Decode}, {@code C4:Encode}, {@code C4:Decode} (spec 7.2). */
final class EncodingLib {

    private static final byte[] EMPTY = {};

    private EncodingLib() {
    }

    static void register(Map<String, LuaFunction> c4) {
        c4.put("Base64Encode", frame -> DataEncoding.BASE64.encode(Args.method(frame, "Base64Encode").checkByteArray(1)));
        c4.put("Base64Decode", frame -> {
            byte[] text = Args.method(frame, "Base64Decode").checkByteArray(1);
            try {
                return DataEncoding.decodeBase64(text);
            } catch (IllegalArgumentException e) {
                return EMPTY; // [CHOICE] invalid Base64 gives "", as the spec says
            }
        });
        // [CHOICE] Encode and Decode return their failures (nil, message), argument errors included, as the
        // digests do: the spec gives them the same "result, nil or nil, message" shape.
        c4.put("Encode", Args.failSoftly(frame -> {
            Args args = Args.method(frame, "Encode");
            byte[] data = args.checkByteArray(1);
            return LuaFunction.Results.of(DataEncoding.named(args.checkString(2)).encode(data), null);
        }));
        c4.put("Decode", Args.failSoftly(frame -> {
            Args args = Args.method(frame, "Decode");
            byte[] data = args.checkByteArray(1);
            return LuaFunction.Results.of(DataEncoding.named(args.checkString(2)).decode(data), null);
        }));
    }
}
