package dev.c4j.lua;

import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Pattern;

/** The UUIDs of {@code C4:UUID} (spec 7.3), in lower-case canonical text. */
final class Uuids {

    static final String NIL = "00000000-0000-0000-0000-000000000000";

    private static final Pattern DASHED = Pattern.compile("\\p{XDigit}{8}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{4}-\\p{XDigit}{12}");
    private static final Pattern PLAIN = Pattern.compile("\\p{XDigit}{32}");

    private Uuids() {
    }

    /** Version 4. */
    static String random() {
        return UUID.randomUUID().toString();
    }

    /**
     * One of the four accepted spellings, canonical: {@code hhhhhhhh-hhhh-hhhh-hhhh-hhhhhhhhhhhh} or 32 bare hex
     * digits, each optionally in braces, any case.
     */
    static String normalized(String text) {
        return format(parse(text));
    }

    /**
     * A name-based UUID (RFC 4122 section 4.3): {@code MD5} gives version 3, {@code SHA1} version 5. The namespace
     * is {@code DNS}, {@code URL}, {@code OID} or {@code X500DN} (any case) or, beyond the spec [CHOICE], a UUID in
     * an accepted spelling.
     */
    static String nameBased(Digest hash, String namespace, byte[] name) {
        int version = switch (hash) {
            case MD5 -> 3;
            case SHA1 -> 5;
            default -> throw new Failure("name-based UUIDs take MD5 or SHA1, not " + hash);
        };
        byte[] input = ByteBuffer.allocate(16 + name.length).put(parse(namespaceUuid(namespace))).put(name).array();
        byte[] bytes = hash.hash(input);
        bytes[6] = (byte) ((bytes[6] & 0x0f) | version << 4);
        bytes[8] = (byte) ((bytes[8] & 0x3f) | 0x80);
        return format(bytes);
    }

    /** The namespaces of RFC 4122 appendix C. */
    private static String namespaceUuid(String namespace) {
        return switch (namespace.toUpperCase(Locale.ROOT)) {
            case "DNS" -> "6ba7b810-9dad-11d1-80b4-00c04fd430c8";
            case "URL" -> "6ba7b811-9dad-11d1-80b4-00c04fd430c8";
            case "OID" -> "6ba7b812-9dad-11d1-80b4-00c04fd430c8";
            case "X500DN" -> "6ba7b814-9dad-11d1-80b4-00c04fd430c8";
            default -> namespace;
        };
    }

    private static byte[] parse(String text) {
        String bare = text.length() >= 2 && text.startsWith("{") && text.endsWith("}")
                ? text.substring(1, text.length() - 1) : text;
        if (!DASHED.matcher(bare).matches() && !PLAIN.matcher(bare).matches()) {
            throw new Failure("not a UUID: '" + text + "'");
        }
        return HexFormat.of().parseHex(bare.replace("-", ""));
    }

    private static String format(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new UUID(b.getLong(), b.getLong()).toString();
    }
}
