package dev.c4j.engine.luaj;

import dev.c4j.api.DriverClock;
import dev.c4j.api.Platform;
import dev.c4j.lua.Driver;
import dev.c4j.lua.DriverOutput;
import dev.c4j.lua.spi.LuaSyntaxException;
import dev.c4j.net.NettyPlatform;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * One driver under test: LuaJ on the Netty platform, its output recorded. Print lines are kept as ISO-8859-1
 * strings, so each char is one byte of what Lua printed.
 */
final class TestDriver implements AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Platform PLATFORM = new NettyPlatform(); // shared by all tests of the JVM, daemon threads

    private final Output output = new Output();
    private final Driver driver;

    private TestDriver(String name, String lua) {
        driver = Driver.create(name, lua.getBytes(StandardCharsets.ISO_8859_1), "=" + name, new LuajEngine(),
                PLATFORM.open(name, DriverClock.system()), output);
    }

    /** Starts {@code lua} (one char per byte) on real time. */
    static TestDriver start(String lua) {
        TestDriver test = new TestDriver("drv", lua);
        try {
            test.driver.start();
        } catch (LuaSyntaxException e) {
            test.close();
            throw new AssertionError("test driver does not compile: " + e.getMessage(), e);
        }
        return test;
    }

    String await(String prefix) {
        return output.awaitLine(line -> line.startsWith(prefix), "a line starting with '" + prefix + "'");
    }

    String awaitMessage(String containing) {
        return output.awaitMessage(containing);
    }

    List<String> lines() {
        return output.lines();
    }

    List<String> messages() {
        return output.messages();
    }

    @Override
    public void close() {
        driver.close();
    }

    private static final class Output implements DriverOutput {
        private final List<String> lines = new ArrayList<>();
        private final List<String> messages = new ArrayList<>();

        @Override
        public synchronized void print(String driverName, byte[] line) {
            lines.add(new String(line, StandardCharsets.ISO_8859_1));
            notifyAll();
        }

        @Override
        public synchronized void message(String driverName, String text) {
            messages.add(text);
            notifyAll();
        }

        synchronized List<String> lines() {
            return List.copyOf(lines);
        }

        synchronized List<String> messages() {
            return List.copyOf(messages);
        }

        synchronized String awaitLine(Predicate<String> wanted, String description) {
            return await(lines, wanted, description);
        }

        synchronized String awaitMessage(String containing) {
            return await(messages, m -> m.contains(containing), "a message containing '" + containing + "'");
        }

        private String await(List<String> list, Predicate<String> wanted, String description) {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (true) {
                for (String s : list) {
                    if (wanted.test(s)) {
                        return s;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("no " + description + " within " + TIMEOUT + "\nlines: " + lines
                            + "\nmessages: " + messages);
                }
                try {
                    wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }
}
