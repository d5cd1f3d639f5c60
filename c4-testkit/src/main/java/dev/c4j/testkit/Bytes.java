package dev.c4j.testkit;

/** Bytes shown readably in assertion messages. */
final class Bytes {

    private static final int MAX_SHOWN = 300;

    private Bytes() {
    }

    /** {@code "abc\r\n\x00..."} in quotes, cut after {@value #MAX_SHOWN} bytes. */
    static String show(byte[] bytes, int offset, int length) {
        StringBuilder s = new StringBuilder("\"");
        int shown = Math.min(length, MAX_SHOWN);
        for (int i = offset; i < offset + shown; i++) {
            int b = bytes[i] & 0xFF;
            switch (b) {
                case '\r' -> s.append("\\r");
                case '\n' -> s.append("\\n");
                case '\t' -> s.append("\\t");
                case '\\' -> s.append("\\\\");
                case '"' -> s.append("\\\"");
                default -> {
                    if (b >= 0x20 && b < 0x7F) {
                        s.append((char) b);
                    } else {
                        s.append(String.format("\\x%02X", b));
                    }
                }
            }
        }
        s.append('"');
        if (length > shown) {
            s.append("... (").append(length).append(" bytes)");
        }
        return s.toString();
    }

    static String show(byte[] bytes) {
        return show(bytes, 0, bytes.length);
    }
}
