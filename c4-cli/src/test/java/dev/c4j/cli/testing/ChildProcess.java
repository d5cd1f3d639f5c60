package dev.c4j.cli.testing;

import dev.c4j.cli.Main;

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

/**
 * The {@code c4} runner in a child process, for what only a process shows: signals, exit statuses, the exact
 * bytes on standard output, what is left in the working folder. Its output streams are drained as they arrive;
 * every wait is bounded by {@link #TIMEOUT} or a given duration. {@link #close()} kills what is still running.
 */
public final class ChildProcess implements AutoCloseable {

    /** A bound for each step of the child: a cold JVM on a busy machine is slow. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final Process process;
    /** One char per byte: the driver's prints are Lua byte strings. */
    private final WatchedOutput stdout = new WatchedOutput(StandardCharsets.ISO_8859_1);
    private final WatchedOutput stderr = new WatchedOutput(StandardCharsets.UTF_8);
    private final Thread stdoutDrain;
    private final Thread stderrDrain;

    private ChildProcess(Process process) {
        this.process = process;
        this.stdoutDrain = drain(process.getInputStream(), stdout);
        this.stderrDrain = drain(process.getErrorStream(), stderr);
    }

    /** {@code c4 ARGS} in the current folder: see {@link #c4(Path, List, String...)}. */
    public static ChildProcess c4(String... args) {
        return c4(Path.of("").toAbsolutePath(), List.of(), args);
    }

    /**
     * {@code java JVM_OPTIONS -cp <this test's class path> dev.c4j.cli.Main ARGS} in {@code dir}, with the JVM
     * options the launcher gives every run.
     */
    public static ChildProcess c4(Path dir, List<String> jvmOptions, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED"); // as ./c4 runs it: Netty and LuaJava load native code
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        return start(new ProcessBuilder(command).directory(dir.toFile()));
    }

    /**
     * The launcher script itself ({@code <repository>/c4 ARGS}) in {@code dir}, on what the build made (it does
     * not build), on the JDK running the test.
     */
    public static ChildProcess launcher(Path dir, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>();
        command.add(repository().resolve("c4").toString());
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile());
        builder.environment().put("C4_SKIP_BUILD", "1");
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().putAll(environment);
        return start(builder);
    }

    /** The repository root: the first folder from the working folder upward that holds the launcher. */
    public static Path repository() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("c4")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no c4 launcher above " + Path.of("").toAbsolutePath());
    }

    private static ChildProcess start(ProcessBuilder builder) {
        try {
            return new ChildProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Thread drain(InputStream in, WatchedOutput into) {
        Thread thread = new Thread(() -> {
            try (in) {
                in.transferTo(into);
            } catch (IOException e) {
                // the process is gone
            }
        }, "child-output");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    public Process process() {
        return process;
    }

    /** Standard output, one char per byte; complete once the process has exited. */
    public String stdout() {
        return text(stdoutDrain, stdout);
    }

    /** Standard error as UTF-8; complete once the process has exited. */
    public String stderr() {
        return text(stderrDrain, stderr);
    }

    private String text(Thread drain, WatchedOutput output) {
        if (!process.isAlive()) {
            try {
                drain.join(TIMEOUT.toMillis()); // the stream ends with the process
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return output.text();
    }

    /** The first match of {@code regex} (multiline) in standard output, waiting for it while the process runs. */
    public Matcher awaitStdout(String regex) {
        return await(stdout, regex, "stdout");
    }

    /** The first match of {@code regex} (multiline) in standard error, waiting for it while the process runs. */
    public Matcher awaitStderr(String regex) {
        return await(stderr, regex, "stderr");
    }

    private Matcher await(WatchedOutput output, String regex, String name) {
        try {
            return output.await(regex, TIMEOUT, process::isAlive).orElseThrow(() -> new AssertionError(
                    "expected " + name + " to match " + regex + (process.isAlive() ? "" : " (the process exited)")
                            + "\nstdout: " + stdout() + "\nstderr: " + stderr()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Sends a signal by name ({@code TERM}, {@code INT}). */
    public void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new AssertionError("kill -" + name + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Waits for the exit; false when still running after {@code timeout}. */
    public boolean waitFor(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The exit status, once {@link #waitFor} said the process ended. */
    public int exitValue() {
        return process.exitValue();
    }

    /** The resident memory of the process, in bytes (Linux). */
    public long residentBytes() {
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
    public long openFiles() {
        try (var files = Files.list(Path.of("/proc", Long.toString(process.pid()), "fd"))) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        process.destroyForcibly();
    }
}
