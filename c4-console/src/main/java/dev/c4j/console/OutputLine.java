package dev.c4j.console;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;

/**
 * One line of a driver's output.
 *
 * @param seq  1, 2, 3, ... in the order the lines happened
 * @param kind a {@code print} of the driver or a runtime {@code message} about it (a Lua error, a warning)
 * @param text the line without its line end
 */
public record OutputLine(long seq, Kind kind, String text) {

    public enum Kind {
        PRINT, MESSAGE;

        /** {@code "print"} or {@code "message"}, as the JSON writes it. */
        public String jsonName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public OutputLine {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(text, "text");
    }

    /**
     * A printed line. A driver prints bytes, JSON carries text: the bytes are read as UTF-8, each malformed
     * sequence replaced by U+FFFD.
     */
    public static OutputLine print(long seq, byte[] line) {
        return new OutputLine(seq, Kind.PRINT, new String(line, StandardCharsets.UTF_8));
    }

    public static OutputLine message(long seq, String text) {
        return new OutputLine(seq, Kind.MESSAGE, text);
    }
}
