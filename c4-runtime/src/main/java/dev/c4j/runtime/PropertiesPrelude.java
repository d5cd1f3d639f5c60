package dev.c4j.runtime;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * DriverWorks' global {@code Properties} table (a driver's properties by name, values as strings), which
 * drivers read from their first line on ({@code tonumber(Properties["Port"]) or 0}). The spec is silent on it;
 * our choice: the runtime defines it as one Lua statement put in front of the driver's source, on the same line,
 * so every line number in the driver's messages stays exact. Always defined, empty when no property is given.
 */
final class PropertiesPrelude {

    private PropertiesPrelude() {
    }

    /** {@code Properties = {["name"] = "value", ...}; } followed by {@code source}. */
    static byte[] prepend(Map<String, String> properties, byte[] source) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(source.length + 64);
        write(out, "Properties = {");
        properties.forEach((name, value) -> {
            write(out, "[");
            literal(out, name);
            write(out, "] = ");
            literal(out, value);
            write(out, ", ");
        });
        write(out, "}; ");
        out.writeBytes(source);
        return out.toByteArray();
    }

    /** A Lua string literal of the UTF-8 bytes of {@code text}; anything but letters and digits as {@code \ddd}. */
    private static void literal(ByteArrayOutputStream out, String text) {
        out.write('"');
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c < 0x80 && Character.isLetterOrDigit(c)) {
                out.write(c);
            } else {
                write(out, String.format("\\%03d", c)); // three digits: a following digit cannot join the escape
            }
        }
        out.write('"');
    }

    private static void write(ByteArrayOutputStream out, String ascii) {
        out.writeBytes(ascii.getBytes(StandardCharsets.US_ASCII));
    }
}
