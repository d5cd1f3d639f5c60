package dev.c4j.lua;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** {@code hexdump} lines and {@code tohex} (spec section 7). */
final class Hex {

    private static final int BYTES_PER_LINE = 8;
    private static final char[] DIGITS = "0123456789ABCDEF".toCharArray();

    private Hex() {
    }

    /**
     * The lines {@code hexdump(s)} prints: {@code "00000008  20 23                    .."}: offset as 8 hex
     * digits, two spaces, 8 bytes as uppercase hex separated by one space (three spaces for each missing byte on
     * the last line), two spaces, one character per byte: letters and digits as they are, any other byte as
     * {@code .}. Offsets are uppercase like the bytes [CHOICE]. Empty input: no line.
     */
    static List<byte[]> dumpLines(ByteBuffer data) {
        List<byte[]> lines = new ArrayList<>();
        int length = data.remaining();
        int base = data.position();
        StringBuilder line = new StringBuilder(8 + 2 + 3 * BYTES_PER_LINE + 1 + BYTES_PER_LINE);
        for (int offset = 0; offset < length; offset += BYTES_PER_LINE) {
            line.setLength(0);
            String position = Integer.toHexString(offset).toUpperCase();
            line.append("0".repeat(Math.max(0, 8 - position.length()))).append(position).append("  ");
            int count = Math.min(BYTES_PER_LINE, length - offset);
            for (int i = 0; i < BYTES_PER_LINE; i++) {
                if (i > 0) {
                    line.append(' ');
                }
                if (i < count) {
                    int b = data.get(base + offset + i) & 0xFF;
                    line.append(DIGITS[b >> 4]).append(DIGITS[b & 0xF]);
                } else {
                    line.append("  ");
                }
            }
            line.append("  ");
            for (int i = 0; i < count; i++) {
                int b = data.get(base + offset + i) & 0xFF;
                line.append(isLetterOrDigit(b) ? (char) b : '.');
            }
            lines.add(line.toString().getBytes(StandardCharsets.US_ASCII));
        }
        return lines;
    }

    private static boolean isLetterOrDigit(int b) {
        return (b >= '0' && b <= '9') || (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z');
    }

    /** {@code tohex("DF 80 70")} = {@code "\223\128\112"}: whitespace ignored; anything else must be hex pairs. */
    static byte[] parse(Args args) {
        ByteBuffer text = args.checkBytes(1);
        byte[] out = new byte[text.remaining() / 2];
        int size = 0;
        int high = -1;
        for (int i = text.position(); i < text.limit(); i++) {
            int c = text.get(i) & 0xFF;
            if (c == ' ' || (c >= '\t' && c <= '\r')) {
                continue;
            }
            int digit = Character.digit(c, 16);
            if (digit < 0 || c > 'f') {
                throw args.error(1, "invalid hex digit '" + (char) c + "'");
            }
            if (high < 0) {
                high = digit;
            } else {
                out[size++] = (byte) (high << 4 | digit);
                high = -1;
            }
        }
        if (high >= 0) {
            throw args.error(1, "odd number of hex digits");
        }
        return size == out.length ? out : java.util.Arrays.copyOf(out, size);
    }
}
