package dev.c4j.testkit.http;

import dev.c4j.testkit.TestDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the HTTP tests share: drivers named {@code drv} on virtual time (no timeout fires unless a test moves
 * time), and {@code trace(u[, tag])}, which sets callbacks on a {@code C4:url()} object that print each call.
 */
final class HttpDrivers {

    static final Duration TIMEOUT = TestDriver.DEFAULT_TIMEOUT;

    /** Lua: {@code trace(u, tag)} prints "headers", "body", "done" lines with the arguments that matter. */
    static final String TRACE = """
            function trace(u, tag)
              tag = tag or ''
              return u:OnHeaders(function(t, r) print(tag .. 'headers', t == u, r.code) end)
                      :OnBody(function(t, r) print(tag .. 'body', r.body) end)
                      :OnDone(function(t, rs, code, msg) print(tag .. 'done', t == u, #rs, code, msg) end)
            end
            """;

    private HttpDrivers() {
    }

    /** The driver {@code TRACE + lua}, named {@code drv}, on {@code engine} and virtual time. */
    static TestDriver start(String engine, String lua) {
        return TestDriver.builder().engine(engine).virtualTime().lua("drv", TRACE + lua).start();
    }

    /** A driver package in {@code folder}: driver.xml, driver.lua ({@code TRACE + lua}) and {@code files}. */
    static TestDriver startPackage(String engine, Path folder, String lua, Map<String, byte[]> files) {
        try {
            Files.writeString(folder.resolve("driver.xml"), """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <devicedata>
                      <name>drv</name>
                      <version>1</version>
                      <config><script file="driver.lua"/></config>
                    </devicedata>
                    """);
            Files.writeString(folder.resolve("driver.lua"), TRACE + lua);
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                Path path = folder.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.write(path, file.getValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return TestDriver.builder().engine(engine).virtualTime().driverPackage(folder).start();
    }

    /** The whole first output line that starts with {@code prefix}, waiting for it. */
    static String awaitLine(TestDriver driver, String prefix) {
        return driver.awaitOutput("(?s)^" + Pattern.quote(prefix) + ".*").group();
    }

    /** Waits until every task already posted to the driver's loop has run. */
    static void sync(TestDriver driver) {
        driver.driver().onLoop(() -> null);
    }

    /** The output lines that start with {@code prefix}. */
    static List<String> lines(TestDriver driver, String prefix) {
        return driver.outputLines().stream().filter(line -> line.startsWith(prefix)).toList();
    }

    /** A Lua string literal of {@code text} (no escapes needed in the tests' URLs). */
    static String quoted(String text) {
        return "'" + text + "'";
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
