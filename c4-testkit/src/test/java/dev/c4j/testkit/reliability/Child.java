package dev.c4j.testkit.reliability;

import dev.c4j.runtime.cli.Main;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code c4} runner in a child process, for what only a process shows: signals, exit statuses, what reaches
 * standard output, what is left in the working folder. Its output streams are drained as they arrive.
 */
final class Child implements AutoCloseable {

    static final Duration TIMEOUT = Duration.ofSeconds(60);

    final Process process;
    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    private final Thread stdoutDrain;
    private final Thread stderrDrain;

    private Child(Process process) {
        this.process = process;
        this.stdoutDrain = drain(process.getInputStream(), stdout);
        this.stderrDrain = drain(process.getErrorStream(), stderr);
    }

    /** {@code java JVM_OPTIONS -cp <this test's class path> dev.c4j.runtime.cli.Main ARGS}, in {@code dir}. */
    static Child java(Path dir, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return start(new ProcessBuilder(command).directory(dir.toFile()));
    }

    /** The launcher script itself ({@code <repository>/c4 ARGS}), on what the build made, in {@code dir}. */
    static Child launcher(Path dir, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>();
        command.add(repository().resolve("c4").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("C4_SKIP_BUILD", "1");
        builder.environment().putAll(environment);
        return start(builder);
    }

    /** The repository root: surefire runs in the module's folder, one below it. */
    static Path repository() {
        Path root = Path.of("").toAbsolutePath();
        while (root != null && !Files.isRegularFile(root.resolve("c4"))) {
            root = root.getParent();
        }
        if (root == null) {
            throw new IllegalStateException("no c4 launcher above " + Path.of("").toAbsolutePath());
        }
        return root;
    }

    private static Child start(ProcessBuilder builder) {
        try {
            return new Child(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Thread drain(InputStream in, ByteArrayOutputStream into) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try (in) {
                for (int n; (n = in.read(buffer)) > 0; ) {
                    synchronized (into) {
                        into.write(buffer, 0, n);
                        into.notifyAll();
                    }
                }
            } catch (IOException e) {
                // process gone
            }
        }, "child-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Standard output, one char per byte; complete once the process has exited. */
    String stdout() {
        return text(stdoutDrain, stdout);
    }

    String stderr() {
        return text(stderrDrain, stderr);
    }

    private String text(Thread drain, ByteArrayOutputStream buffer) {
        if (!process.isAlive()) {
            try {
                drain.join(TIMEOUT.toMillis()); // the stream ends with the process
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (buffer) {
            return buffer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    /** The first match of {@code regex} in standard output, waiting for it. */
    Matcher awaitStdout(String regex) {
        return await(stdout, regex, "stdout");
    }

    Matcher awaitStderr(String regex) {
        return await(stderr, regex, "stderr");
    }

    private Matcher await(ByteArrayOutputStream buffer, String regex, String name) {
        Pattern pattern = Pattern.compile(regex, Pattern.MULTILINE);
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        synchronized (buffer) {
            while (true) {
                Matcher m = pattern.matcher(buffer.toString(StandardCharsets.ISO_8859_1));
                if (m.find()) {
                    return m;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || !process.isAlive()) {
                    throw new AssertionError("expected " + name + " to match " + regex + "\nstdout: "
                            + stdout.toString(StandardCharsets.ISO_8859_1) + "\nstderr: "
                            + stderr.toString(StandardCharsets.ISO_8859_1));
                }
                try {
                    buffer.wait(Math.max(1, Math.min(100, left / 1_000_000)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted");
                }
            }
        }
    }

    /** Sends a signal by name ({@code TERM}, {@code INT}). */
    void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -" + name + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** Waits for the exit; false when still running after {@code timeout}. */
    boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** The resident memory of the process, in bytes (Linux). */
    long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
            throw new AssertionError("no VmRSS for " + process.pid());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Open file descriptors of the process (Linux). */
    long openFiles() {
        try (var files = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }
}
