package dev.c4j.testkit.reliability;

import dev.c4j.cli.testing.ChildProcess;
import org.junit.jupiter.api.Tag;
import dev.c4j.runtime.Engines;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner's stop (problem 5's second half, and the graceful stop): SIGTERM and SIGINT end it within two seconds
 * even when the driver is stuck in a loop; {@code OnDriverDestroyed} runs once the loop is free (a stuck callback
 * is interrupted and reported); what it writes reaches the peers, and they see a FIN, not a reset.
 */
@Tag("reliability")
class StopTest {

    private static final Duration STOP_LIMIT = Duration.ofSeconds(2);

    @TempDir
    Path dir;

    static Stream<Arguments> enginesAndSignals() {
        return Engines.names().stream().flatMap(engine -> Stream.of(Arguments.of(engine, "TERM"),
                Arguments.of(engine, "INT")));
    }

    @ParameterizedTest(name = "{0} SIG{1}")
    @MethodSource("enginesAndSignals")
    void aSignalStopsAStuckDriverWithinTwoSecondsAfterOnDriverDestroyed(String engine, String signal)
            throws IOException {
        Path driver = Files.writeString(dir.resolve("stuck.lua"), """
                function OnDriverLateInit()
                  C4:SetTimer(10, function() print("spinning") while true do end end)
                end
                function OnDriverDestroyed(dit) print("destroyed " .. dit) end
                """);
        try (ChildProcess child = ChildProcess.c4(dir, List.of(), "run", driver.getFileName().toString(),
                "--engine", engine, "--callback-limit", "60s")) {
            child.awaitStdout("^spinning$");
            long signalled = System.nanoTime();
            child.signal(signal);
            assertThat(child.waitFor(Duration.ofSeconds(10))).as("exited").isTrue();
            Duration took = Duration.ofNanos(System.nanoTime() - signalled);
            assertThat(took).as("time from SIG%s to exit; stderr: %s", signal, child.stderr()).isLessThan(STOP_LIMIT);
            assertThat(child.exitValue()).as("exit status; stderr: %s", child.stderr()).isZero();
            assertThat(child.stdout()).isEqualTo("spinning\ndestroyed DIT_LOADED\n");
            assertThat(child.stderr()).contains("[stuck] stuck.lua:2: the function of C4LuaTimer")
                    .contains("was interrupted: the driver is stopping");
        }
    }

    /**
     * LuaJIT with the runaway guard off keeps its JIT compiler, whose code cannot be interrupted: the driver is
     * reported and left behind, and the runner still ends within two seconds.
     */
    @ParameterizedTest(name = "SIG{0}")
    @MethodSource("signals")
    void anUninterruptibleDriverIsLeftBehindWithinTwoSeconds(String signal) throws IOException {
        Path driver = Files.writeString(dir.resolve("compiled.lua"), """
                function OnDriverLateInit()
                  C4:SetTimer(10, function() print("spinning") local x = 0 while true do x = x + 1 end end)
                end
                function OnDriverDestroyed() print("destroyed") end
                """);
        try (ChildProcess child = ChildProcess.c4(dir, List.of(), "run", driver.getFileName().toString(),
                "--engine", "luajit", "--callback-limit", "0")) {
            child.awaitStdout("^spinning$");
            Reliability.sleep(300); // hot: compiled by now
            long signalled = System.nanoTime();
            child.signal(signal);
            assertThat(child.waitFor(Duration.ofSeconds(10))).as("exited").isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - signalled)).as("stderr: %s", child.stderr())
                    .isLessThan(STOP_LIMIT);
            assertThat(child.stderr()).contains("did not stop");
        }
    }

    static Stream<String> signals() {
        return Stream.of("TERM", "INT");
    }

    /** Writes made in OnDriverDestroyed reach every peer, then a FIN, also with input the driver never read. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.runtime.Engines#names")
    void writesOfOnDriverDestroyedAreFlushedBeforeAFin(String engine) throws IOException {
        Path driver = Files.writeString(dir.resolve("farewell.lua"), """
                local clients = {}
                function OnDriverLateInit()
                  server = C4:CreateTCPServer()
                    :OnListen(function(s, e) print("port " .. e.port) end)
                    :OnAccept(function(s, c)
                      clients[#clients + 1] = c
                      c:OnRead(function(c, line) print("read " .. line) end):ReadUntil("\\n")
                    end)
                    :Listen("127.0.0.1", 0)
                end
                function OnDriverDestroyed()
                  for _, c in ipairs(clients) do c:Write(string.rep("b", 100000) .. "ye\\r\\n") end
                end
                """);
        try (ChildProcess child = ChildProcess.c4(dir, List.of(), "run", driver.getFileName().toString(),
                "--engine", engine)) {
            int port = Integer.parseInt(child.awaitStdout("^port (\\d+)$").group(1));
            List<Socket> peers = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                Socket peer = new Socket(InetAddress.getLoopbackAddress(), port);
                peer.setSoTimeout(10_000);
                peers.add(peer);
            }
            peers.get(1).getOutputStream().write("line\n".getBytes(StandardCharsets.US_ASCII));
            peers.get(2).getOutputStream().write(new byte[300_000]); // input the driver never reads
            child.awaitStdout("^read line");
            child.signal("TERM");
            for (Socket peer : peers) {
                try (peer; InputStream in = peer.getInputStream()) {
                    byte[] all = in.readAllBytes(); // to the FIN; a reset throws
                    assertThat(new String(all, StandardCharsets.ISO_8859_1)).hasSize(100_004).endsWith("bye\r\n");
                }
            }
            assertThat(child.waitFor(Duration.ofSeconds(10))).isTrue();
            assertThat(child.exitValue()).as("stderr: %s", child.stderr()).isZero();
        }
    }
}
