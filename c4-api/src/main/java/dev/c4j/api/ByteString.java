package dev.c4j.api;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable string of bytes: a Lua string as Java holds it. Lua strings are bytes, not text; this value keeps
 * every byte and compares, hashes and orders by them (unsigned, as C's {@code memcmp}), so it can serve as a map
 * key where Lua has a string key.
 */
public final class ByteString implements Comparable<ByteString> {

    public static final ByteString EMPTY = new ByteString(new byte[0]);

    private final byte[] bytes;
    private int hash;

    private ByteString(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}. */
    public static ByteString of(byte[] bytes) {
        return new ByteString(bytes.clone());
    }

    /** The remaining bytes of {@code buffer}, copied; its position is unchanged. */
    public static ByteString of(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return new ByteString(copy);
    }

    /** The UTF-8 bytes of {@code text}. */
    public static ByteString utf8(String text) {
        return new ByteString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Takes {@code bytes} without a copy: the caller hands them over and never writes them again. */
    public static ByteString wrap(byte[] bytes) {
        return new ByteString(bytes);
    }

    public int length() {
        return bytes.length;
    }

    public byte byteAt(int index) {
        return bytes[index];
    }

    /** A copy of the bytes. */
    public byte[] toByteArray() {
        return bytes.clone();
    }

    /** A read-only view of the bytes. */
    public ByteBuffer asBuffer() {
        return ByteBuffer.wrap(bytes).asReadOnlyBuffer();
    }

    /** The bytes read as UTF-8 (malformed input replaced): for names and messages, never for data. */
    public String utf8() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** One char per byte (ISO-8859-1): lossless, for tests and hex-like displays. */
    public String latin1() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    public int compareTo(ByteString other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ByteString other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        int h = hash;
        if (h == 0) {
            h = Arrays.hashCode(bytes);
            hash = h;
        }
        return h;
    }

    /** The bytes as UTF-8 text, for messages and debugging. */
    @Override
    public String toString() {
        return utf8();
    }
}
