package dev.c4j.cli;

import dev.c4j.cli.testing.ChildProcess;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The real command in a child JVM: signals, exit statuses, and the exact bytes on standard output. */
class ChildProcessTest {

    private static final Duration TIMEOUT = ChildProcess.TIMEOUT;

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

    private final List<ChildProcess> started = new ArrayList<>();

    @AfterEach
    void killLeftovers() {
        started.forEach(ChildProcess::close);
    }

    private ChildProcess c4(String... args) {
        ChildProcess child = ChildProcess.c4(args);
        started.add(child);
        return child;
    }

    private Path driver() throws IOException {
        return Files.writeString(dir.resolve("lifecycle.lua"), DRIVER);
    }

    @Test
    void sigtermStopsTheDriverAndExitsZero() throws Exception {
        ChildProcess child = c4("run", driver().toString());
        child.awaitStdout("^late DIT_STARTUP$");

        child.signal("TERM");

        assertThat(child.waitFor(TIMEOUT)).as("exited").isTrue();
        assertThat(child.exitValue()).as("exit status; stderr: %s", child.stderr()).isZero();
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
        ChildProcess child = c4("run", file.toString(), "--engine", engine);
        child.awaitStdout("^parked$");

        child.signal("TERM");

        assertThat(child.waitFor(TIMEOUT)).as("exited").isTrue();
        assertThat(child.exitValue()).as("exit status; stderr: %s", child.stderr()).isZero();
    }

    @Test
    void sigintStopsTheDriverAndExitsZero() throws Exception {
        ChildProcess child = c4("run", driver().toString(), "--engine=luaj");
        child.awaitStdout("^late DIT_STARTUP$");

        child.signal("INT");

        assertThat(child.waitFor(TIMEOUT)).as("exited").isTrue();
        assertThat(child.exitValue()).as("exit status; stderr: %s", child.stderr()).isZero();
        assertThat(child.stdout()).isEqualTo(PRINTED_BEFORE_STOP + "destroyed DIT_LOADED\n");
    }

    @Test
    void missingFileExitsTwoWithOneMessageAndNoStackTrace() throws Exception {
        ChildProcess child = c4("run", dir.resolve("absent.lua").toString());

        assertThat(child.waitFor(TIMEOUT)).as("exited").isTrue();
        assertThat(child.exitValue()).isEqualTo(2);
        assertThat(child.stderr()).isEqualTo("c4: driver not found: " + dir.resolve("absent.lua") + "\n");
        assertThat(child.stdout()).isEmpty();
    }

    @Test
    void syntaxErrorExitsTwoWithOneMessageAndNoStackTrace() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.lua"), "print('ran')\nlocal = 1\n");
        ChildProcess child = c4("run", broken.toString());

        assertThat(child.waitFor(TIMEOUT)).as("exited").isTrue();
        assertThat(child.exitValue()).isEqualTo(2);
        assertThat(child.stderr()).startsWith("c4: ").contains("broken.lua:2:");
        assertThat(child.stderr().lines()).hasSize(1);
        assertThat(child.stdout()).isEmpty();
    }
}
