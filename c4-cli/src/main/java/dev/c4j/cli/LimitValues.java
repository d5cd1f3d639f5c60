package dev.c4j.cli;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The values of the limit options: sizes ({@code 512K}, {@code 64M}, {@code 1G}) and times ({@code 500ms}, {@code 5s}). */
final class LimitValues {

    private static final Pattern SIZE = Pattern.compile("(\\d{1,12})([kmg]?)(i?b)?");
    private static final Pattern TIME = Pattern.compile("(\\d{1,9})(ms|s)?");

    private LimitValues() {
    }

    /** Bytes (K, M and G are powers of 1024); {@code 0} or {@code off}: no limit (0); -1 when malformed. */
    static long size(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("off")) {
            return 0;
        }
        Matcher m = SIZE.matcher(value);
        if (!m.matches()) {
            return -1;
        }
        long number = Long.parseLong(m.group(1));
        int shift = switch (m.group(2)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        return number > (Long.MAX_VALUE >> shift) ? -1 : number << shift;
    }

    /** A time, in seconds unless it ends in {@code ms}; {@code 0} or {@code off}: no limit; null when malformed. */
    static Duration time(String text) {
        String value = text.trim().toLowerCase(Locale.ROOT);
        if (value.equals("off")) {
            return Duration.ZERO;
        }
        Matcher m = TIME.matcher(value);
        if (!m.matches()) {
            return null;
        }
        long number = Long.parseLong(m.group(1));
        return "ms".equals(m.group(2)) ? Duration.ofMillis(number) : Duration.ofSeconds(number);
    }
}
