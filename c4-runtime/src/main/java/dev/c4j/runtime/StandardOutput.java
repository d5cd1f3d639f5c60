package dev.c4j.runtime;

import dev.c4j.lua.DriverOutput;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;

/**
 * The runner's output: each {@code print} line goes to standard output as exactly its bytes plus {@code "\n"},
 * written at once (no charset, no buffering); runtime messages go to standard error, every line prefixed with
 * {@code "[driverName] "}. Thread-safe: lines of different drivers never interleave.
 */
public final class StandardOutput implements DriverOutput {

    private final OutputStream out;
    private final PrintStream err;

    /** Standard output as the raw file descriptor (bypassing {@link System#out}), messages to {@link System#err}. */
    public StandardOutput() {
        this(new FileOutputStream(FileDescriptor.out), System.err);
    }

    /** For tests and embedding: {@code out} receives print lines, {@code err} messages. */
    public StandardOutput(OutputStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void print(String driverName, byte[] line) {
        byte[] withEnd = new byte[line.length + 1];
        System.arraycopy(line, 0, withEnd, 0, line.length);
        withEnd[line.length] = '\n';
        synchronized (out) {
            try {
                out.write(withEnd); // one write call per line
                out.flush();
            } catch (IOException e) {
                // Standard output is gone (e.g. a closed pipe); there is nowhere left to report it.
            }
        }
    }

    @Override
    public void message(String driverName, String text) {
        String prefix = "[" + driverName + "] ";
        String body = text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        StringBuilder prefixed = new StringBuilder(body.length() + 32);
        for (String line : body.split("\n", -1)) {
            prefixed.append(prefix).append(line).append('\n');
        }
        // Through System.err's own lock, so messages and slf4j-simple's log lines never interleave mid-line.
        synchronized (err) {
            err.print(prefixed);
            err.flush();
        }
    }
}
