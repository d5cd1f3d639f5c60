package dev.c4j.testkit.reliability;

import dev.c4j.cli.testing.ChildProcess;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A JVM crash under the launcher: its banner must not mix into standard output, which carries exactly what the
 * driver prints, and no hs_err_pid*.log or core file may land in the working folder. The crash is made on purpose
 * with the JVM's own {@code -XX:+CrashOnOutOfMemoryError} and a LuaJ driver that fills a small heap.
 */
@Tag("reliability")
class CrashOutputTest {

    @TempDir
    Path dir;

    @Test
    void aJvmCrashKeepsStandardOutputCleanAndTheWorkingFolderEmpty() throws IOException {
        Path driver = Files.writeString(dir.resolve("grow.lua"), """
                print("before the crash")
                local t = {}
                C4:SetTimer(10, function() local i = 0 while true do i = i + 1 t[i] = string.rep("x", 100) .. i end end)
                """);
        Path work = Files.createDirectory(dir.resolve("work"));
        try (ChildProcess child = ChildProcess.launcher(work,
                Map.of("JAVA_OPTS", "-Xmx64m -XX:+CrashOnOutOfMemoryError", "TMPDIR", dir.toString()),
                "run", driver.toString(), "--engine", "luaj", "--callback-limit", "0")) {
            assertThat(child.waitFor(Duration.ofSeconds(90))).as("crashed").isTrue();
            assertThat(child.exitValue()).as("stderr: %s", child.stderr()).isNotZero();
            assertThat(child.stdout()).isEqualTo("before the crash\n");
            assertThat(child.stderr()).contains("A fatal error has been detected by the Java Runtime Environment");
            try (Stream<Path> left = Files.list(work)) {
                assertThat(left).as("files left in the working folder").isEmpty();
            }
            try (Stream<Path> reports = Files.list(dir)) {
                assertThat(reports.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("c4j_hs_err_pid"));
            }
        }
    }
}
