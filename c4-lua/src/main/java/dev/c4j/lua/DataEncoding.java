package dev.c4j.lua;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The data encodings of {@code C4:Encode}/{@code C4:Decode} and of the digests' and ciphers' {@code *_encoding}
 * options (spec 7.2, 7.3): {@code NONE} (raw bytes), {@code HEX} (lower-case out, either case in),
 * {@code BASE64} (standard alphabet, padded, no line breaks).
 */
enum DataEncoding {
    NONE, HEX, BASE64;

    private static final HexFormat HEX_FORMAT = HexFormat.of();

    /** The encoding named {@code name}, in any case. */
    static DataEncoding named(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Failure("unknown encoding '" + name + "' (NONE, HEX or BASE64 expected)");
        }
    }

    byte[] encode(byte[] data) {
        return switch (this) {
            case NONE -> data;
            case HEX -> HEX_FORMAT.formatHex(data).getBytes(StandardCharsets.US_ASCII);
            case BASE64 -> Base64.getEncoder().encode(data);
        };
    }

    /** @throws Failure when {@code text} is not valid in this encoding */
    byte[] decode(byte[] text) {
        try {
            return switch (this) {
                case NONE -> text;
                case HEX -> HEX_FORMAT.parseHex(new String(text, StandardCharsets.US_ASCII));
                case BASE64 -> decodeBase64(text);
            };
        } catch (IllegalArgumentException e) {
            throw new Failure("invalid " + name() + " data", e); // our words: the JDK's vary by version
        }
    }

    /**
     * Base64 as {@code C4:Base64Decode} reads it [CHOICE]: whitespace ignored, missing padding accepted (as
     * java.util.Base64 does), any other character outside the alphabet invalid.
     *
     * @throws IllegalArgumentException when the text is not Base64
     */
    static byte[] decodeBase64(byte[] text) {
        ByteArrayOutputStream significant = new ByteArrayOutputStream(text.length);
        for (byte b : text) {
            if (!isSpace(b)) {
                significant.write(b);
            }
        }
        return Base64.getDecoder().decode(significant.toByteArray());
    }

    /** C's {@code isspace} in the C locale. */
    private static boolean isSpace(byte b) {
        return b == ' ' || (b >= '\t' && b <= '\r');
    }
}
