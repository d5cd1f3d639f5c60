package dev.c4j.lua;

import dev.c4j.api.ByteString;
import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaType;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * {@code C4:Hash}, {@code C4:HMAC}, {@code C4:PBKDF2}, {@code C4:GetSupportedDigests},
 * {@code C4:GetSupportedCiphers}, {@code C4:Encrypt}, {@code C4:Decrypt}, {@code C4:UUID} (spec 7.3). Success is
 * {@code result, nil}, failure {@code nil, message}, never a Lua error.
 */
final class CryptoLib {

    private static final byte[] EMPTY = {};

    private CryptoLib() {
    }

    static void register(Map<String, LuaFunction> c4) {
        c4.put("Hash", Args.failSoftly(frame -> {
            Args args = Args.method(frame, "Hash");
            Digest digest = Digest.named(args.checkString(1));
            byte[] data = args.checkByteArray(2);
            Options options = Options.at(args, 3);
            return options.result(digest.hash(options.decode("data_encoding", data)));
        }));
        c4.put("HMAC", Args.failSoftly(frame -> {
            Args args = Args.method(frame, "HMAC");
            Digest digest = Digest.named(args.checkString(1));
            byte[] key = args.checkByteArray(2);
            byte[] data = args.checkByteArray(3);
            Options options = Options.at(args, 4);
            return options.result(digest.hmac(options.decode("key_encoding", key), options.decode("data_encoding", data)));
        }));
        c4.put("PBKDF2", Args.failSoftly(frame -> {
            Args args = Args.method(frame, "PBKDF2");
            Digest digest = Digest.named(args.checkString(1));
            byte[] password = args.checkByteArray(2);
            byte[] salt = args.checkByteArray(3);
            int iterations = (int) Math.min(Integer.MAX_VALUE, Args.truncate(args.checkNumber(4)));
            int keyLength = (int) Math.min(Integer.MAX_VALUE, Args.truncate(args.checkNumber(5)));
            Options options = Options.at(args, 6);
            // [CHOICE] the password is key material: key_encoding decodes it
            return options.result(digest.pbkdf2(options.decode("key_encoding", password),
                    options.decode("salt_encoding", salt), iterations, keyLength));
        }));
        c4.put("GetSupportedDigests", frame -> supportedDigests());
        c4.put("GetSupportedCiphers", frame -> supportedCiphers());
        c4.put("Encrypt", Args.failSoftly(frame -> cipher(Args.method(frame, "Encrypt"), true)));
        c4.put("Decrypt", Args.failSoftly(frame -> cipher(Args.method(frame, "Decrypt"), false)));
        c4.put("UUID", Args.failSoftly(frame -> uuid(Args.method(frame, "UUID"))));
    }

    /** {@code Encrypt(cipher, key, iv, data[, options])} and {@code Decrypt} with the same arguments. */
    private static Object cipher(Args args, boolean encrypt) {
        AesCipher cipher = AesCipher.named(args.checkString(1));
        byte[] key = args.checkByteArray(2);
        byte[] iv = args.isNoneOrNil(3) ? EMPTY : args.checkByteArray(3); // nil or "": zeros
        byte[] data = args.checkByteArray(4);
        Options options = Options.at(args, 5);
        key = options.decode("key_encoding", key);
        iv = options.decode("iv_encoding", iv);
        data = options.decode("data_encoding", data);
        boolean padding = options.padding();
        return options.result(encrypt ? cipher.encrypt(key, iv, data, padding) : cipher.decrypt(key, iv, data, padding));
    }

    /** {@code UUID(kind[, ...])}: {@code NIL}, {@code STRING, text}, {@code NAME, hash, namespace, name}, {@code RANDOM}. */
    private static Object uuid(Args args) {
        String kind = args.checkString(1);
        String uuid = switch (kind.toUpperCase(Locale.ROOT)) {
            case "NIL" -> Uuids.NIL;
            case "RANDOM" -> Uuids.random();
            case "STRING" -> Uuids.normalized(args.checkString(2));
            case "NAME" -> Uuids.nameBased(Digest.named(args.checkString(2)), args.checkString(3), args.checkByteArray(4));
            default -> throw new Failure("unknown UUID kind '" + kind + "' (NIL, STRING, NAME or RANDOM expected)");
        };
        return LuaFunction.Results.of(uuid, null);
    }

    private static Map<String, Object> supportedDigests() {
        Map<String, Object> digests = new LinkedHashMap<>();
        for (Digest digest : Digest.values()) {
            digests.put(digest.name(), Map.of("Size", digest.size()));
        }
        return digests;
    }

    private static Map<String, Object> supportedCiphers() {
        Map<String, Object> ciphers = new LinkedHashMap<>();
        for (int keyLength : AesCipher.KEY_LENGTHS) {
            for (AesCipher.Mode mode : AesCipher.Mode.values()) {
                AesCipher cipher = AesCipher.named("AES-" + keyLength * 8 + "-" + mode);
                ciphers.put(cipher.name(), Map.of("BlockSize", cipher.blockSize(), "KeyLength", cipher.keyLength(),
                        "IVLength", cipher.ivLength()));
            }
        }
        return ciphers;
    }

    /**
     * The {@code options} table: {@code return_encoding}, {@code data_encoding}, {@code key_encoding},
     * {@code iv_encoding}, {@code salt_encoding} ({@code NONE} when absent, B46) and {@code padding} (default true).
     */
    private record Options(Map<?, ?> table) {

        static Options at(Args args, int n) {
            if (args.isNoneOrNil(n)) {
                return new Options(Map.of());
            }
            if (args.type(n) != LuaType.TABLE) {
                throw args.typeError(n, "table");
            }
            return new Options((Map<?, ?>) args.frame().toValue(args.index(n)));
        }

        byte[] decode(String option, byte[] value) {
            try {
                return encoding(option).decode(value);
            } catch (Failure e) {
                throw new Failure(option + ": " + e.getMessage(), e);
            }
        }

        LuaFunction.Results result(byte[] bytes) {
            return LuaFunction.Results.of(encoding("return_encoding").encode(bytes), null);
        }

        boolean padding() {
            return !Boolean.FALSE.equals(table.get(ByteString.utf8("padding")));
        }

        private DataEncoding encoding(String option) {
            Object name = table.get(ByteString.utf8(option));
            if (name == null) {
                return DataEncoding.NONE;
            }
            if (!(name instanceof ByteString text)) {
                throw new Failure(option + " must be NONE, HEX or BASE64");
            }
            return DataEncoding.named(text.utf8());
        }
    }
}
