package dev.c4j.testkit;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Where one request ends in the bytes a driver sends an answering {@link MockDevice}: at a line end, at a
 * delimiter, or where a binary frame is complete.
 */
public final class Framing {

    /** A frame that grows this long without being complete is taken as it is (and will hardly match a rule). */
    public static final int MAX_FRAME = 64 * 1024;

    /** Reads one request (without its delimiter) from a connection. */
    private interface Reader {
        byte[] next(TestPeer connection);
    }

    private final String description;
    private final Reader reader;

    private Framing(String description, Reader reader) {
        this.description = description;
        this.reader = reader;
    }

    /** Requests end with {@code "\n"} or {@code "\r\n"}; the request is the line without its end. */
    public static Framing lines() {
        return new Framing("lines", connection -> latin1(connection.readLine()));
    }

    /** Requests end with {@code delimiter} ({@code "\r"}, {@code "\r\n"}, ...); the request is what precedes it. */
    public static Framing delimiter(String delimiter) {
        if (delimiter.isEmpty()) {
            throw new IllegalArgumentException("empty delimiter");
        }
        return new Framing("requests ending with " + Bytes.show(latin1(delimiter)), connection -> {
            String request = connection.readUntil(delimiter);
            return latin1(request.substring(0, request.length() - delimiter.length()));
        });
    }

    /**
     * Binary frames: a request is complete as soon as {@code complete} holds for the bytes received since the last
     * one, e.g. {@code frame -> frame.length >= 2 && frame.length == 2 + frame[1]} for a length byte after a
     * start byte (or when it reaches {@link #MAX_FRAME} bytes).
     */
    public static Framing frames(String description, Predicate<byte[]> complete) {
        Objects.requireNonNull(complete);
        return new Framing(description, connection -> {
            ByteArrayOutputStream frame = new ByteArrayOutputStream();
            do {
                frame.writeBytes(connection.readExactly(1));
            } while (!complete.test(frame.toByteArray()) && frame.size() < MAX_FRAME);
            return frame.toByteArray();
        });
    }

    /** The next request; fails (an AssertionError) when the connection ends first. */
    byte[] next(TestPeer connection) {
        return reader.next(connection);
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return description;
    }
}
