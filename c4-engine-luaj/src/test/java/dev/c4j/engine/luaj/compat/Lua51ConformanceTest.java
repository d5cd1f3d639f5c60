package dev.c4j.engine.luaj.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TimeZone;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs each script of src/test/resources/dev/c4j/engine/luaj/compat on LuaJ with {@link Lua51Compat} and compares
 * its output byte for byte with {@code <script>.lua51.out}, the output of C Lua 5.1.5 (Debian 12 lua5.1, x86-64).
 * To regenerate after changing a script: {@code lua5.1 x.lua > x.lua51.out}, with {@code TZ=Europe/Paris} for
 * os_date.lua.
 */
class Lua51ConformanceTest {
    private TimeZone savedZone;

    @BeforeEach
    void useTheZoneOfTheReferenceRun() {
        savedZone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("Europe/Paris"));
    }

    @AfterEach
    void restoreZone() {
        TimeZone.setDefault(savedZone);
    }

    @ParameterizedTest
    @ValueSource(strings = {"classes", "format_flags", "format_misc", "numbers", "patterns", "os_date", "escapes"})
    void printsWhatCLua51Prints(String script) {
        byte[] actual = LuaJRunner.run(LuaJRunner.resource(script + ".lua"), script + ".lua");
        byte[] expected = forThisProcessor(LuaJRunner.resource(script + ".lua51.out"));
        // Compared as lines (bytes as Latin-1 characters) so that a failure shows the lines that differ.
        assertThat(lines(actual)).containsExactlyElementsOf(lines(expected));
        assertThat(actual).isEqualTo(expected);
    }

    /**
     * The reference ran on x86-64, where 0/0 is a negative NaN ("-nan") and -(0/0) a positive one. Where the
     * processor's NaN is positive (ARM64), C Lua and this port print the opposite signs; the scripts make NaN only
     * by 0/0 and by negating it, so swapping the signs gives the expected output there.
     */
    private static byte[] forThisProcessor(byte[] x86Output) {
        if (Double.doubleToRawLongBits(LuaNumbers.HARDWARE_NAN) < 0) {
            return x86Output;
        }
        String text = new String(x86Output, StandardCharsets.ISO_8859_1);
        return Pattern.compile("(?i)(-?)(nan)").matcher(text)
                .replaceAll(m -> m.group(1).isEmpty() ? "-" + m.group(2) : m.group(2))
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static List<String> lines(byte[] output) {
        return List.of(new String(output, StandardCharsets.ISO_8859_1).split("\n", -1));
    }
}
