package dev.c4j.runtime.cli;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real command in a child JVM: signals, exit statuses, and the exact bytes on standard output. */
class ChildProcessTest {

    private static final long TIMEOUT_SECONDS = 30;

    /** Prints non-ASCII and NUL bytes too: standard output must carry them unchanged. */
    private static final String DRIVER = """
            print("chunk")
            print("caf\\233\\0end")
            function OnDriverInit(dit) print("init " .. dit) end
            function OnDriverLateInit(dit) print("late " .. dit) end
            function OnDriverDestroyed(dit) print("destroyed " .. dit) end
            """;

    private static final String PRINTED_BEFORE_STOP = "chunk\ncaf\u00e9\u0000end\ninit DIT_STARTUP\nlate DIT_STARTUP\n";

    @TempDir
    Path dir;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(Process::destroyForcibly);
    }

    /** {@code c4 ARGS...} as {@code java -cp <this test's classpath> dev.c4j.runtime.cli.Main ARGS...}. */
    private Child c4(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", // as ./c4 runs it: Netty and LuaJava load native code
                "-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        started.add(process);
        return new Child(process);
    }

    private Path driver() throws IOException {
        return Files.writeString(dir.resolve("lifecycle.lua"), DRIVER);
    }

    @Test
    void sigtermStopsTheDriverAndExitsZero() throws Exception {
        Child child = c4("run", driver().toString());
        child.awaitStdout(PRINTED_BEFORE_STOP);

        // SIGTERM. Not Process.destroy(): it also closes our ends of the child's pipes, hiding what follows.
        assertThat(child.process.toHandle().destroy()).as("SIGTERM sent").isTrue();

        assertThat(child.process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(child.process.exitValue()).as("exit status; stderr: %s", child.stderr()).isZero();
        assertThat(child.stdout()).isEqualTo(PRINTED_BEFORE_STOP + "destroyed DIT_LOADED\n");
        assertThat(child.stderr()).isEqualTo(Main.stateNotKept("lifecycle") + "\n");
    }

    /** LuaJ runs each coroutine on a Java thread of its own: one left suspended must not keep the runner alive. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.runtime.Engines#names")
    void suspendedCoroutinesDoNotKeepTheRunnerAlive(String engine) throws Exception {
        Path file = Files.writeString(dir.resolve("coroutines.lua"), """
                local parked = coroutine.create(function() coroutine.yield() end)
                coroutine.resume(parked)
                function OnDriverLateInit()
                  waiting = coroutine.wrap(function() coroutine.yield() end)
                  waiting()
                  print("parked")
                end
                """);
        Child child = c4("run", file.toString(), "--engine", engine);
        child.awaitStdout("parked\n");

        assertThat(child.process.toHandle().destroy()).as("SIGTERM sent").isTrue();

        assertThat(child.process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(child.process.exitValue()).as("exit status; stderr: %s", child.stderr()).isZero();
    }

    @Test
    void sigintStopsTheDriverAndExitsZero() throws Exception {
        Child child = c4("run", driver().toString(), "--engine=luaj");
        child.awaitStdout(PRINTED_BEFORE_STOP);

        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.process.pid())).start();
        assertThat(kill.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS) && kill.exitValue() == 0).as("kill -INT").isTrue();

        assertThat(child.process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(child.process.exitValue()).as("exit status; stderr: %s", child.stderr()).isZero();
        assertThat(child.stdout()).isEqualTo(PRINTED_BEFORE_STOP + "destroyed DIT_LOADED\n");
    }

    @Test
    void missingFileExitsTwoWithOneMessageAndNoStackTrace() throws Exception {
        Child child = c4("run", dir.resolve("absent.lua").toString());

        assertThat(child.process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(child.process.exitValue()).isEqualTo(2);
        assertThat(child.stderr()).isEqualTo("c4: driver not found: " + dir.resolve("absent.lua") + "\n");
        assertThat(child.stdout()).isEmpty();
    }

    @Test
    void syntaxErrorExitsTwoWithOneMessageAndNoStackTrace() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.lua"), "print('ran')\nlocal = 1\n");
        Child child = c4("run", broken.toString());

        assertThat(child.process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("exited").isTrue();
        assertThat(child.process.exitValue()).isEqualTo(2);
        assertThat(child.stderr()).startsWith("c4: ").contains("broken.lua:2:");
        assertThat(child.stderr().lines()).hasSize(1);
        assertThat(child.stdout()).isEmpty();
    }

    /** A child process whose output streams are drained into memory as they arrive. */
    private static final class Child {
        final Process process;
        private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        private final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        private final Thread stdoutDrain;
        private final Thread stderrDrain;

        Child(Process process) {
            this.process = process;
            this.stdoutDrain = drain(process.getInputStream(), stdout);
            this.stderrDrain = drain(process.getErrorStream(), stderr);
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

        /** Standard output decoded ISO-8859-1 (bytes 1:1); complete once the process has exited. */
        String stdout() throws InterruptedException {
            return text(stdoutDrain, stdout, StandardCharsets.ISO_8859_1);
        }

        String stderr() throws InterruptedException {
            return text(stderrDrain, stderr, StandardCharsets.UTF_8);
        }

        private String text(Thread drain, ByteArrayOutputStream buffer, Charset charset) throws InterruptedException {
            if (!process.isAlive()) {
                drain.join(TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS)); // the stream ends with the process
            }
            synchronized (buffer) {
                return buffer.toString(charset);
            }
        }

        void awaitStdout(String expected) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
            synchronized (stdout) {
                while (!stdout.toString(StandardCharsets.ISO_8859_1).equals(expected)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0 || !process.isAlive()) {
                        throw new AssertionError("expected stdout " + expected.replace("\0", "\\0") + " but got "
                                + stdout.toString(StandardCharsets.ISO_8859_1).replace("\0", "\\0")
                                + "; stderr: " + stderr);
                    }
                    stdout.wait(Math.max(1, Math.min(100, left / 1_000_000)));
                }
            }
        }
    }
}
