package dev.c4j.testkit.reliability;

import dev.c4j.cli.testing.ChildProcess;
import org.junit.jupiter.api.Tag;
import dev.c4j.api.DriverLimits;
import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;
import dev.c4j.testkit.TestPeer;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static dev.c4j.testkit.reliability.Reliability.awaitLine;
import static dev.c4j.testkit.reliability.Reliability.awaitPort;
import static dev.c4j.testkit.reliability.Reliability.start;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Problem 3 of the reliability battery: peers that send more than 4 MiB without a newline to the stock echo driver.
 * Each connection used to keep about 8.7 MB of direct memory (and its socket) until Lua's collector happened to run,
 * even after the peer left: 100 peers, +866 MB. Now a connection's buffer is freed when it overflows or ends, and
 * the driver's buffered input has a budget.
 *
 * <p>Scale: 200 peers of 5 MiB each per engine (1 GiB through loopback), 10 at a time in 20 waves, against the
 * runner in a child JVM (heap 256 MiB) whose resident memory is read after every wave; a well-behaved client must be
 * echoed after each wave. Ten at a time keeps 10 x 4 MiB under the default budget (64 MiB), so that every peer
 * reaches the 4 MiB limit of its {@code ReadUntil}, the battery's case (the budget's own refusals are tested below);
 * the old code held 200 x 8.7 MB. A wave takes well under a second here, loaded two cores included.
 */
@Tag("reliability")
class BufferedInputTest {

    private static final int PEERS = 200;
    private static final int WAVE = 10;
    private static final int PAYLOAD = 5 << 20;
    /**
     * Growth allowed over the runner's resident memory after warm-up: the budget (64 MiB), heap and pools. Measured
     * here: 100 to 120 MiB on every engine; the old code grew by 270 MiB on LuaJ and ran out of direct memory (and
     * stopped answering) on the native engines.
     */
    private static final long RSS_GROWTH_BOUND = 192L << 20;

    @TempDir
    Path dir;

    @AllEngines
    void floodsWithoutNewlinesLeaveMemoryBoundedAndTheEchoAnswers(String engine) throws Exception {
        Path echo = Files.copy(ChildProcess.repository().resolve("examples/src/main/lua/echo.lua"),
                dir.resolve("echo.lua"));
        try (ChildProcess runner = ChildProcess.c4(dir, List.of("-Xmx256m"), "run", echo.toString(),
                "--engine", engine)) {
            int port = Integer.parseInt(runner.awaitStdout("listening on .*:(\\d+)$").group(1));
            assertEchoes(port); // warm-up
            long baseline = runner.residentBytes();
            long peak = baseline;
            try (Flood flood = new Flood(port)) {
                for (int sent = 0; sent < PEERS; sent += WAVE) {
                    flood.wave(WAVE);
                    peak = Math.max(peak, runner.residentBytes());
                    assertEchoes(port);
                }
            }
            assertThat(peak - baseline).as("resident memory growth (baseline %d MiB, peak %d MiB)", baseline >> 20,
                    peak >> 20).isLessThan(RSS_GROWTH_BOUND);
        }
    }

    /** In-process, on a small budget: the connection that holds most is refused, the others are served. */
    @AllEngines
    void aFullBudgetRefusesTheLargestHolderWithEnobufs(String engine) throws Exception {
        try (TestDriver d = start(engine, DriverLimits.DEFAULT.withBufferedInput(1 << 20), """
                server = C4:CreateTCPServer()
                  :OnListen(function(s, ep) print("port " .. ep.port) end)
                  :OnAccept(function(s, client)
                    client:OnRead(function(c, line) c:Write(line):ReadUntil("\\n") end)
                      :OnError(function(c, code, msg, op) print("error " .. code .. " " .. op) end)
                      :ReadUntil("\\n")
                  end)
                  :Listen("127.0.0.1", 0)
                """)) {
            int port = awaitPort(d);
            try (TestPeer hog = TestPeer.connect(port); TestPeer polite = TestPeer.connect(port)) {
                byte[] noNewline = new byte[2 << 20];
                Arrays.fill(noNewline, (byte) 'x');
                Thread sender = new Thread(() -> hog.send(noNewline)); // may block once the driver stops reading
                sender.setDaemon(true);
                sender.start();
                assertThat(awaitLine(d, "error")).isEqualTo("error 105 read");
                polite.send("hello\n");
                assertThat(polite.readLine()).isEqualTo("hello");
            }
        }
    }

    private static void assertEchoes(int port) {
        try (TestPeer peer = TestPeer.connect(port)) {
            peer.send("ping\n");
            assertThat(peer.readLine()).isEqualTo("ping");
        }
    }

    /** Peers that each send {@link #PAYLOAD} bytes without a newline, then leave; one stuck past its time is cut off. */
    private static final class Flood implements AutoCloseable {
        private static final Duration PEER_TIME = Duration.ofSeconds(5);
        private final int port;
        private final ExecutorService senders = Executors.newFixedThreadPool(WAVE);
        private final ScheduledExecutorService cutter = Executors.newSingleThreadScheduledExecutor();
        private final byte[] chunk = new byte[64 * 1024];

        Flood(int port) {
            this.port = port;
            Arrays.fill(chunk, (byte) 'x');
        }

        void wave(int peers) throws Exception {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < peers; i++) {
                sent.add(senders.submit(() -> {
                    send();
                    return null;
                }));
            }
            for (Future<?> peer : sent) {
                peer.get(PEER_TIME.toMillis() * 3, TimeUnit.MILLISECONDS);
            }
        }

        private void send() throws IOException {
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                var cut = cutter.schedule(() -> {
                    socket.close();
                    return null;
                }, PEER_TIME.toMillis(), TimeUnit.MILLISECONDS);
                try {
                    OutputStream out = socket.getOutputStream();
                    for (int sent = 0; sent < PAYLOAD; sent += chunk.length) {
                        out.write(chunk);
                    }
                } catch (IOException stoppedReadingOrCutOff) {
                    // the runner may stop reading (its budget) and a peer is then cut off: both fine
                } finally {
                    cut.cancel(false);
                }
            }
        }

        @Override
        public void close() {
            senders.shutdownNow();
            cutter.shutdownNow();
        }
    }
}
