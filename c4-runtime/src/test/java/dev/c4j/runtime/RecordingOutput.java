package dev.c4j.runtime;

import dev.c4j.lua.DriverOutput;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records print lines (ISO-8859-1, bytes 1:1) and messages; lets a test wait for a line. */
final class RecordingOutput implements DriverOutput {

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
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized List<String> messages() {
        return List.copyOf(messages);
    }

    /** The first line starting with {@code prefix}, waiting up to {@code timeout}. */
    synchronized String await(String prefix, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String line : lines) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no line starting with '" + prefix + "' within " + timeout
                        + "; lines: " + lines + "; messages: " + messages);
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
