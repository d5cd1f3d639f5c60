package dev.c4j.testkit;

import java.nio.charset.StandardCharsets;

/**
 * One request an answering {@link MockDevice} received: its bytes as {@link Framing} cut them (without the
 * delimiter), and which connection it came on (1 for the first the device accepted, 2 for the next, ...).
 */
public record DeviceRequest(int connection, byte[] bytes) {

    public DeviceRequest {
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The bytes as text, one char per byte (ISO-8859-1). */
    public String text() {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    @Override
    public String toString() {
        return Bytes.show(bytes) + " on connection " + connection;
    }
}
