package dev.c4j.cli.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An output stream kept in memory that a test can wait on: a child's standard output or error as it arrives, or
 * the error stream of an in-process {@code Main}. Thread-safe.
 */
public final class WatchedOutput extends OutputStream {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final Charset charset;

    /** {@code charset} decodes what was written: ISO-8859-1 keeps bytes one to one, for Lua's byte strings. */
    public WatchedOutput(Charset charset) {
        this.charset = charset;
    }

    @Override
    public synchronized void write(int b) {
        bytes.write(b);
        notifyAll();
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        bytes.write(b, off, len);
        notifyAll();
    }

    /** Everything written so far. */
    public synchronized String text() {
        return bytes.toString(charset);
    }

    /**
     * The first match of {@code regex} ({@link Pattern#MULTILINE}: {@code ^} and {@code $} match at lines), waiting
     * for it up to {@code timeout} while {@code moreMayCome} holds; empty when it did not come.
     */
    public synchronized Optional<Matcher> await(String regex, Duration timeout, BooleanSupplier moreMayCome)
            throws InterruptedException {
        Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Matcher matcher = pattern.matcher(text());
            if (matcher.find()) {
                return Optional.of(matcher);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0 || !moreMayCome.getAsBoolean()) {
                return Optional.empty();
            }
            wait(Math.max(1, Math.min(100, TimeUnit.NANOSECONDS.toMillis(left)))); // also polls moreMayCome
        }
    }
}
