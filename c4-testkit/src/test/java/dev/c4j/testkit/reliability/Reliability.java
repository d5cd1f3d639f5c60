package dev.c4j.testkit.reliability;

import dev.c4j.api.DriverLimits;
import dev.c4j.testkit.TestDriver;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * What the reliability tests share. Their drivers run on real time (the runaway guard measures wall time) and are
 * named {@code drv}, so that Lua messages read {@code "drv:LINE: ..."}.
 */
final class Reliability {

    /** How long a test waits for something that must happen soon. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Reliability() {
    }

    static TestDriver start(String engine, String lua) {
        return start(engine, DriverLimits.DEFAULT, lua);
    }

    static TestDriver start(String engine, DriverLimits limits, String lua) {
        return TestDriver.builder().engine(engine).limits(limits).lua("drv", lua).start();
    }

    /** The whole first output line that starts with {@code prefix}, waiting for it. */
    static String awaitLine(TestDriver driver, String prefix) {
        return driver.awaitOutput("(?s)^" + Pattern.quote(prefix) + ".*", TIMEOUT).group();
    }

    /** The port of the first output line {@code "port N"}. */
    static int awaitPort(TestDriver driver) {
        return Integer.parseInt(driver.awaitOutput("^port (\\d+)$", TIMEOUT).group(1));
    }

    /** The first runtime message containing {@code text}, waiting up to {@link #TIMEOUT}. */
    static String awaitMessage(TestDriver driver, String text) {
        return driver.awaitMessage(text, TIMEOUT);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
