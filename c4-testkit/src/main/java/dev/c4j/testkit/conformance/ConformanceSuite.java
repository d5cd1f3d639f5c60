package dev.c4j.testkit.conformance;

import dev.c4j.testkit.TestDriver;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conformance suite: Lua scripts with their expected output (resources under {@code conformance/}, see
 * its README), run on an engine. Every engine must pass every script; a new engine joins by being listed in
 * {@code dev.c4j.runtime.Engines}.
 */
public final class ConformanceSuite {

    private static final String DIR = "conformance/";
    private static final Duration END_TIMEOUT = Duration.ofSeconds(15);

    private ConformanceSuite() {
    }

    /** The script names, in the order of {@code conformance/suite.txt}. */
    public static List<String> scripts() {
        List<String> names = new ArrayList<>();
        for (String line : resource("suite.txt").split("\n")) {
            if (!line.isBlank()) {
                names.add(line.trim());
            }
        }
        return names;
    }

    /** Runs {@code script} on {@code engine} and asserts its output is exactly the expected one. */
    public static void run(String engine, String script) {
        String source = resource(script + ".lua");
        List<String> expected = expected(engine, script);
        try (TestDriver driver = TestDriver.builder().engine(engine).virtualTime().resource(DIR + script + ".lua").start()) {
            for (String line : source.split("\n")) {
                if (line.startsWith("--! ")) {
                    perform(driver, line.substring(4).trim());
                }
            }
            driver.awaitOutput("^END$", END_TIMEOUT);
            assertThat(driver.outputLines())
                    .as("output of %s on %s (runtime messages: %s)", script, engine, driver.messages())
                    .containsExactlyElementsOf(expected);
        }
    }

    private static void perform(TestDriver driver, String directive) {
        String[] words = directive.split(" ", 2);
        switch (words[0]) {
            case "advance" -> driver.advance(Duration.ofMillis(Long.parseLong(words[1])));
            case "await" -> driver.awaitOutput("^" + Pattern.quote(words[1]) + "$", END_TIMEOUT);
            case "gc" -> driver.collectGarbage();
            default -> throw new IllegalArgumentException("unknown directive: --! " + directive);
        }
    }

    /** {@code NAME.ENGINE.expected} where it exists (the engines' languages differ there), else {@code NAME.expected}. */
    static List<String> expected(String engine, String script) {
        String specific = optionalResource(script + "." + engine + ".expected");
        String text = specific != null ? specific : resource(script + ".expected");
        List<String> lines = new ArrayList<>(List.of(text.split("\n", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // the file's final line end
        }
        return lines;
    }

    private static String resource(String name) {
        String text = optionalResource(name);
        if (text == null) {
            throw new IllegalStateException("missing conformance resource " + DIR + name);
        }
        return text;
    }

    private static String optionalResource(String name) {
        try (InputStream in = ConformanceSuite.class.getClassLoader().getResourceAsStream(DIR + name)) {
            // ISO-8859-1: one char per byte, as TestDriver decodes the output
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
