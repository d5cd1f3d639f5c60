package dev.c4j.testkit.reliability;

import dev.c4j.cli.testing.ChildProcess;
import org.junit.jupiter.api.Tag;
import dev.c4j.api.DriverLimits;
import dev.c4j.testkit.TestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static dev.c4j.testkit.reliability.Reliability.awaitLine;
import static dev.c4j.testkit.reliability.Reliability.awaitMessage;
import static dev.c4j.testkit.reliability.Reliability.start;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Problem 4 of the reliability battery: a driver that grows a table forever. On the native engines its Lua memory
 * had no cap (under an address-space limit the JVM aborted); now the allocator refuses past the driver's limit, the
 * driver gets Lua's "not enough memory" and carries on. On LuaJ, which has no allocator to cap, the full Java heap
 * killed the loop thread and left a process that served nothing and ignored signals; now the driver is stopped and
 * the runner exits with status 3 and a message on standard error.
 */
@Tag("reliability")
class MemoryLimitTest {

    /** Lua that grows a table forever, in strings of about 100 bytes. */
    private static final String GROW_FOREVER = growForever(100);

    /**
     * Lua that grows a table forever in strings of {@code pieceBytes}. Filling a Java heap, pieces of a mebibyte keep
     * the objects few, so that the collections before the heap is full stay short on every JDK (a heap of small
     * objects can keep a JVM collecting for minutes before it gives up).
     */
    private static String growForever(int pieceBytes) {
        return """
                local t = {}
                local i = 0
                while true do
                  i = i + 1
                  t[i] = string.rep("x", %d) .. i
                end
                """.formatted(pieceBytes);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jnlua", "luajit"})
    void aDriverPastItsLuaMemoryLimitGetsNotEnoughMemoryAndCarriesOn(String engine) {
        long limit = 32 * DriverLimits.MIB;
        try (TestDriver d = start(engine, DriverLimits.DEFAULT.withLuaMemory(limit), """
                C4:SetTimer(1, function()
                %s
                end)
                C4:SetTimer(100, function()
                  print("still alive", collectgarbage("count") * 1024 < %d)
                  local ok, e = pcall(function() %s end)
                  print("caught", ok, e)
                end)
                """.formatted(GROW_FOREVER, limit, GROW_FOREVER))) {
            assertThat(awaitMessage(d, "not enough memory")).startsWith("not enough memory");
            assertThat(awaitLine(d, "still alive")).isEqualTo("still alive\ttrue");
            assertThat(awaitLine(d, "caught")).isEqualTo("caught\tfalse\tnot enough memory");
        }
    }

    /** A driver under its limit never notices it: a state full of garbage collects before it fails. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jnlua", "luajit"})
    void garbageNeverCountsAgainstTheLimit(String engine) {
        try (TestDriver d = start(engine, DriverLimits.DEFAULT.withLuaMemory(16 * DriverLimits.MIB), """
                local timer
                local rounds = 0
                timer = C4:SetTimer(1, function()
                  for i = 1, 1000 do local s = string.rep("y", 1000) .. i end
                  rounds = rounds + 1
                  if rounds == 200 then timer:Cancel() print("done") end
                end, true)
                """)) {
            awaitLine(d, "done");
            d.assertNoErrors();
        }
    }

    @TempDir
    Path dir;

    @Test
    void onLuajAFullJavaHeapStopsTheRunnerWithStatus3AndAMessage() throws IOException {
        Path driver = Files.writeString(dir.resolve("grow.lua"), """
                function OnDriverLateInit()
                  C4:SetTimer(10, function()
                %s
                  end)
                end
                function OnDriverDestroyed() print("destroyed") end
                """.formatted(growForever(1 << 20)));
        try (ChildProcess child = ChildProcess.c4(dir, List.of("-Xmx96m"), "run", driver.toString(), "--engine", "luaj",
                "--callback-limit", "0")) {
            assertThat(child.waitFor(Duration.ofSeconds(90))).as("exited; stderr: %s", child.stderr()).isTrue();
            assertThat(child.exitValue()).as("stderr: %s", child.stderr()).isEqualTo(3);
            assertThat(child.stderr()).contains("[grow] fatal: the Java heap is full");
            assertThat(child.stdout()).isEmpty(); // no OnDriverDestroyed: its Lua state is what ran out
        }
    }
}
