package dev.c4j.cli;

import dev.c4j.cli.testing.ChildProcess;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher script ({@code ./c4}) on the JDK running the test, as a user runs it: a normal run prints no JVM
 * warning ({@code WARNING: ...} on standard error), such as JDK 22+'s about native access or JDK 24+'s about
 * {@code sun.misc.Unsafe}. The build runs it on JDK 17 and, in CI, on JDK 25 too.
 */
class LauncherTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.runtime.Engines#names")
    void aNormalRunPrintsNoJvmWarning(String engine) {
        Path chatServer = ChildProcess.repository().resolve("examples/src/main/lua/chat-server.lua");
        try (ChildProcess c4 = ChildProcess.launcher(dir, Map.of(), "run", chatServer.toString(),
                "--engine", engine)) {
            c4.awaitStdout("^Chat server listening on \\S+:\\d+");
            c4.signal("INT");
            assertThat(c4.waitFor(ChildProcess.TIMEOUT)).as("exited").isTrue();
            assertThat(c4.exitValue()).as("exit status; stderr: %s", c4.stderr()).isZero();
            assertThat(c4.stderr().lines()).as("standard error").noneMatch(line -> line.startsWith("WARNING:"))
                    .isNotEmpty(); // the line about state, at least: the stream was read
        }
    }
}
