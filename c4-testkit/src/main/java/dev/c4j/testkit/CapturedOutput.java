package dev.c4j.testkit;

import dev.c4j.lua.DriverOutput;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A driver's output kept in memory: print lines decoded ISO-8859-1 (bytes 1:1) and runtime messages. */
final class CapturedOutput implements DriverOutput {

    private final List<String> lines = new ArrayList<>();
    private final List<String> messages = new ArrayList<>();
    private final List<DriverOutput.Kind> kinds = new ArrayList<>();

    @Override
    public synchronized void print(String driverName, byte[] line) {
        lines.add(new String(line, StandardCharsets.ISO_8859_1));
        notifyAll();
    }

    @Override
    public void message(String driverName, String text) {
        message(driverName, Kind.ERROR, text);
    }

    @Override
    public void message(String driverName, Kind kind, String text) {
        text = kind.prefix() + text;
        synchronized (this) {
            messages.add(text);
            kinds.add(kind);
            notifyAll();
        }
        // Also shown at once: a Lua error with its traceback is what one wants to see when a test fails.
        System.err.println("[" + driverName + "] " + text.strip().replace("\n", "\n[" + driverName + "] "));
    }

    /** The output so far, for a failure message: what the driver printed and what the runtime said. */
    synchronized String describe() {
        return "\n--- driver output (" + lines.size() + " lines) ---\n" + String.join("\n", lines)
                + "\n--- runtime messages (" + messages.size() + ") ---\n" + String.join("\n", messages);
    }

    synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    synchronized List<String> messages() {
        return List.copyOf(messages);
    }

    /** The messages of one kind, in order. */
    synchronized List<String> messages(Kind kind) {
        List<String> found = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            if (kinds.get(i) == kind) {
                found.add(messages.get(i));
            }
        }
        return found;
    }

    /** The first {@code count} lines in which {@code regex} is found, waiting up to {@code timeout} for them. */
    synchronized List<MatchResult> await(String regex, int count, Duration timeout) {
        Pattern pattern = Pattern.compile(regex);
        long deadline = System.nanoTime() + timeout.toNanos();
        int scanned = 0;
        List<MatchResult> found = new ArrayList<>();
        while (true) {
            for (; scanned < lines.size() && found.size() < count; scanned++) {
                Matcher matcher = pattern.matcher(lines.get(scanned));
                if (matcher.find()) {
                    found.add(matcher.toMatchResult());
                }
            }
            if (found.size() == count) {
                return found;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError((count == 1 ? "no output line matched /" + regex + "/"
                        : "only " + found.size() + " of " + count + " output lines matched /" + regex + "/")
                        + " within " + timeout + "\noutput so far:\n" + String.join("\n", lines)
                        + (messages.isEmpty() ? "" : "\nmessages:\n" + String.join("\n", messages)));
            }
            try {
                wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }
}
