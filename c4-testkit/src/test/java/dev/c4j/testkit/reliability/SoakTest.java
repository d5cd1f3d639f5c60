package dev.c4j.testkit.reliability;

import org.junit.jupiter.api.Tag;
import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;
import dev.c4j.testkit.TestPeer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static dev.c4j.testkit.reliability.Reliability.awaitPort;
import static dev.c4j.testkit.reliability.Reliability.start;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded soak: one echo driver per engine under a mix of well-behaved clients (whose every byte must come back
 * intact), slow readers, resets, floods without newlines, bare connects, Lua errors in callbacks and a busy timer
 * that fails now and then. Afterwards the process's open files, heap and resident memory must be back near where they
 * were after warm-up.
 *
 * <p>15 seconds of load per engine (about a minute in all); {@code -Dc4j.soak.seconds=N} runs longer.
 */
@Tag("reliability")
class SoakTest {

    private static final Duration LENGTH = Duration.ofSeconds(Long.getLong("c4j.soak.seconds", 15));
    private static final int WORKERS = 8;
    private static final long FD_SLACK = 16;
    private static final long HEAP_SLACK = 48L << 20;
    private static final long RSS_SLACK = 256L << 20;

    private static final String DRIVER = """
            server = C4:CreateTCPServer()
              :OnListen(function(s, ep) print("port " .. ep.port) end)
              :OnAccept(function(s, client)
                client:OnRead(function(c, line)
                  c:ReadUntil("\\n")
                  if line == "boom\\n" then error("boom on purpose") end
                  c:Write(line)
                end)
                :OnError(function(c, code) if code == 105 then c:Close() end end)
                :ReadUntil("\\n")
              end)
              :Listen("127.0.0.1", 0)
            local ticks = 0
            C4:SetTimer(20, function()
              ticks = ticks + 1
              local garbage = {}
              for i = 1, 200 do garbage[i] = tostring(i) .. "," end
              if ticks % 100 == 0 then error("timer error on purpose") end
            end, true)
            """;

    @AllEngines
    void aMixedLoadLeavesNothingBehindAndEveryByteArrives(String engine) throws Exception {
        try (TestDriver d = start(engine, DRIVER)) {
            int port = awaitPort(d);
            Load load = new Load(port);
            load.runAll(); // warm-up: every kind once
            Footprint baseline = Footprint.settled(d);

            ExecutorService workers = Executors.newFixedThreadPool(WORKERS);
            long deadline = System.nanoTime() + LENGTH.toNanos();
            List<Future<?>> running = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                long seed = w;
                running.add(workers.submit(() -> {
                    Random random = new Random(seed);
                    while (System.nanoTime() < deadline) {
                        load.runOne(random);
                    }
                    return null;
                }));
            }
            try {
                for (Future<?> worker : running) {
                    worker.get(LENGTH.toSeconds() + 60, TimeUnit.SECONDS); // a failed check fails the test here
                }
            } finally {
                workers.shutdownNow();
            }

            assertThat(load.done).as("every kind of client ran").allSatisfy((kind, count) ->
                    assertThat(count.get()).as(kind).isPositive());
            Footprint after = Footprint.settled(d);
            assertThat(after.openFiles).as("open files, baseline %d", baseline.openFiles)
                    .isLessThanOrEqualTo(baseline.openFiles + FD_SLACK);
            assertThat(after.heapUsed).as("heap used after GC, baseline %d MiB", baseline.heapUsed >> 20)
                    .isLessThanOrEqualTo(baseline.heapUsed + HEAP_SLACK);
            assertThat(after.resident).as("resident memory, baseline %d MiB", baseline.resident >> 20)
                    .isLessThanOrEqualTo(baseline.resident + RSS_SLACK);
            assertThat(d.errors()).as("only the errors made on purpose").allSatisfy(error ->
                    assertThat(error).containsPattern("boom on purpose|timer error on purpose"));
        }
    }

    /** The kinds of client, each checking what it must. Any thread. */
    private static final class Load {
        private final int port;
        final Map<String, AtomicLong> done = new ConcurrentHashMap<>();

        Load(int port) {
            this.port = port;
        }

        void runAll() throws IOException {
            echo(new Random(1));
            slowReader(new Random(2));
            reset();
            flood();
            boom();
            connectOnly();
        }

        void runOne(Random random) throws IOException {
            switch (random.nextInt(10)) {
                case 0, 1, 2, 3 -> echo(random);
                case 4 -> slowReader(random);
                case 5 -> reset();
                case 6 -> flood();
                case 7 -> boom();
                default -> connectOnly();
            }
        }

        /** Random lines, some sent in small pieces; each must come back byte for byte. */
        private void echo(Random random) {
            try (TestPeer peer = TestPeer.connect(port)) {
                for (int i = 0; i < 20; i++) {
                    String line = randomLine(random, 1 + random.nextInt(2000));
                    if (random.nextBoolean()) {
                        peer.send(line + "\n");
                    } else {
                        peer.sendSlowly((line + "\n").getBytes(StandardCharsets.ISO_8859_1), 1 + random.nextInt(500),
                                Duration.ZERO);
                    }
                    assertThat(peer.readLine()).isEqualTo(line);
                }
            }
            count("echo");
        }

        /** Sends much before reading anything, then reads it back slowly: the driver's writes queue up meanwhile. */
        private void slowReader(Random random) throws IOException {
            StringBuilder sent = new StringBuilder();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout(30_000);
                OutputStream out = socket.getOutputStream();
                for (int i = 0; i < 200; i++) {
                    String line = randomLine(random, 1000) + "\n";
                    sent.append(line);
                    out.write(line.getBytes(StandardCharsets.ISO_8859_1));
                }
                InputStream in = socket.getInputStream();
                byte[] expected = sent.toString().getBytes(StandardCharsets.ISO_8859_1);
                byte[] got = new byte[expected.length];
                int n = 0;
                for (int reads = 1; n < got.length; reads++) {
                    int r = in.read(got, n, Math.min(4096, got.length - n));
                    assertThat(r).as("bytes before EOF").isPositive();
                    n += r;
                    if (reads % 8 == 0) {
                        Reliability.sleep(1);
                    }
                }
                assertThat(got).isEqualTo(expected);
            }
            count("slow reader");
        }

        private void reset() {
            TestPeer peer = TestPeer.connect(port);
            peer.send("half a li");
            peer.resetClose();
            count("reset");
        }

        /** 5 MiB without a newline: refused with 105, then closed by the driver. */
        private void flood() throws IOException {
            byte[] chunk = new byte[64 * 1024];
            Arrays.fill(chunk, (byte) 'x');
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                OutputStream out = socket.getOutputStream();
                for (int sent = 0; sent < (5 << 20); sent += chunk.length) {
                    out.write(chunk);
                }
            } catch (IOException closedByTheDriver) {
                // expected once the driver closes it
            }
            count("flood");
        }

        /** A Lua error in OnRead: reported, and the connection goes on. */
        private void boom() {
            try (TestPeer peer = TestPeer.connect(port)) {
                peer.send("boom\nafter\n");
                assertThat(peer.readLine()).isEqualTo("after");
            }
            count("boom");
        }

        private void connectOnly() {
            TestPeer.connect(port).close();
            count("connect");
        }

        private void count(String kind) {
            done.computeIfAbsent(kind, k -> new AtomicLong()).incrementAndGet();
        }

        private static String randomLine(Random random, int length) {
            byte[] bytes = new byte[length];
            for (int i = 0; i < length; i++) {
                int b;
                do {
                    b = random.nextInt(256);
                } while (b == '\n' || b == '\r');
                bytes[i] = (byte) b;
            }
            return new String(bytes, StandardCharsets.ISO_8859_1);
        }
    }

    /** What the process holds, once things have settled: connections closed, Lua and Java garbage collected. */
    private record Footprint(long openFiles, long heapUsed, long resident) {

        static Footprint settled(TestDriver d) {
            Reliability.sleep(500); // peers' closes and the driver's graceful closes
            d.collectGarbage(); // Lua's: sockets of collected clients close
            Reliability.sleep(300);
            System.gc();
            return new Footprint(countOpenFiles(), ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(),
                    readResident());
        }

        private static long countOpenFiles() {
            try (var files = Files.list(Path.of("/proc/self/fd"))) {
                return files.count();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static long readResident() {
            try {
                for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (line.startsWith("VmRSS:")) {
                        return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                    }
                }
                throw new AssertionError("no VmRSS");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
