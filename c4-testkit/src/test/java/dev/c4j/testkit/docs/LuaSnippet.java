package dev.c4j.testkit.docs;

import dev.c4j.testkit.TestDriver;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code ```lua} block of the docs, run as a complete driver (see {@link DocsSnippetsTest} for the conventions).
 *
 * @param where         page and line, for messages
 * @param source        the block
 * @param expected      the lines it must print, tabs shown as spaces; empty when it states none (not checked)
 * @param advanceMillis how far virtual time moves after the start
 * @param warns         whether it may cause warnings
 */
record LuaSnippet(String where, String source, List<String> expected, long advanceMillis, boolean warns) {

    /** Virtual time moves in steps this small, as a loop that is never late serves its timers. */
    static final Duration STEP = Duration.ofMillis(10);
    /** How long a snippet may take to print what it states, in real time (network snippets talk over 127.0.0.1). */
    static final Duration TIMEOUT = Duration.ofSeconds(15);

    private static final Pattern PRINTS = Pattern.compile("--\\s*prints:\\s?(.*)$");
    private static final Pattern ADVANCE = Pattern.compile("advance=(\\d+)");

    /** The snippet of {@code block}; {@code next} is the block after it (null: none), its output when it is text. */
    static LuaSnippet of(DocPage page, DocPage.Block block, DocPage.Block next) {
        String where = page.name() + ":" + block.line();
        List<String> expected = new ArrayList<>();
        for (String line : block.lines()) {
            Matcher prints = PRINTS.matcher(line);
            if (prints.find()) {
                expected.add(shown(prints.group(1)));
            }
        }
        if (next != null && next.afterPrevious() && next.language().equals("text")) {
            if (!expected.isEmpty()) {
                throw new IllegalStateException(where + ": both '-- prints:' comments and a text block after it");
            }
            next.lines().forEach(line -> expected.add(shown(line)));
        }
        long advance = 0;
        boolean warns = false;
        for (String option : block.options()) {
            Matcher advanceOption = ADVANCE.matcher(option);
            if (advanceOption.matches()) {
                advance = Long.parseLong(advanceOption.group(1));
            } else if (option.equals("warns")) {
                warns = true;
            } else {
                throw new IllegalStateException(where + ": unknown option '" + option + "' (advance=MS, warns, fragment)");
            }
        }
        return new LuaSnippet(where, block.content(), List.copyOf(expected), advance, warns);
    }

    /** Runs the snippet as a driver on {@code engine} and checks what it printed and reported. */
    void run(String engine) {
        TestDriver stopped;
        try (TestDriver driver = TestDriver.builder().engine(engine).virtualTime().lua("driver", source).start()) {
            for (long moved = 0; moved < advanceMillis; moved += STEP.toMillis()) {
                driver.advance(STEP);
            }
            if (!expected.isEmpty()) {
                driver.awaitOutput("", expected.size(), TIMEOUT); // "" is found in every line
                driver.driver().onLoop(() -> null); // the callback that printed last has returned
                assertThat(driver.outputLines().stream().map(LuaSnippet::shown).toList())
                        .as("what %s prints on %s", where, engine)
                        .containsExactlyElementsOf(expected);
            }
            stopped = driver;
        }
        stopped.assertNoErrors(); // OnDriverDestroyed and the teardown included
        if (!warns) {
            stopped.assertNoWarnings();
        }
    }

    /** A line as the docs show it: the tab {@code print} puts between values is a space. */
    private static String shown(String line) {
        return line.replace('\t', ' ');
    }

    @Override
    public String toString() {
        return where;
    }
}
