package dev.c4j.bench;

import dev.c4j.lua.Driver;
import dev.c4j.lua.DriverOutput;
import dev.c4j.runtime.C4Runtime;
import dev.c4j.runtime.Engines;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Lines per second through the hot path: a plain Netty line echo (the baseline), then the c4j echo driver
 * and the hot-path driver (a little string work per line) on every engine. Same load, same transport, same
 * machine, one server thread each.
 *
 * <p>Usage: {@code bench/run [seconds] [connections] [depth] [lineBytes] [engine,...]}.
 */
public final class HotPathBench {

    private static final Pattern LISTENING = Pattern.compile("listening on [^ ]+:(\\d+)");

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        int connections = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        int depth = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int lineBytes = args.length > 3 ? Integer.parseInt(args[3]) : 64;
        List<String> engines = args.length > 4 ? List.of(args[4].split(",")) : Engines.names();
        int warmup = Math.max(2, seconds / 2);
        Path root = Path.of(System.getProperty("c4j.root", "."));
        Path echo = root.resolve("examples/src/main/lua/echo.lua");
        Path hotPath = root.resolve("bench/src/main/lua/hot-path.lua");

        System.out.printf(Locale.ROOT, "transport %s; load: %s; %d s warm-up, %d s measured%n",
                Transports.epoll() ? "epoll" : "nio", LineLoad.describe(connections, depth, lineBytes),
                warmup, seconds);
        double baseline;
        try (NettyLineEcho netty = new NettyLineEcho();
             LineLoad load = new LineLoad(netty.port(), connections, depth, lineBytes)) {
            baseline = load.measure(warmup, seconds);
        }
        row("netty line echo (baseline)", baseline, baseline);
        for (String engine : engines) {
            for (Path driver : new Path[] {echo, hotPath}) {
                double rate = measureDriver(engine, driver, seconds, warmup, connections, depth, lineBytes);
                row(engine + " " + driver.getFileName(), rate, baseline);
            }
        }
    }

    private static double measureDriver(String engine, Path file, int seconds, int warmup, int connections,
                                        int depth, int lineBytes) throws Exception {
        CompletableFuture<Integer> port = new CompletableFuture<>();
        DriverOutput output = new DriverOutput() {
            @Override
            public void print(String driverName, byte[] line) {
                Matcher m = LISTENING.matcher(new String(line, StandardCharsets.ISO_8859_1));
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }

            @Override
            public void message(String driverName, String text) {
                System.err.println("[" + driverName + "] " + text);
            }
        };
        try (C4Runtime runtime = C4Runtime.builder().engine(engine).output(output).build()) {
            Driver driver = runtime.start(file);
            try (LineLoad load = new LineLoad(port.get(10, TimeUnit.SECONDS), connections, depth, lineBytes)) {
                return load.measure(warmup, seconds);
            } finally {
                driver.stop();
            }
        }
    }

    private static void row(String name, double rate, double baseline) {
        System.out.printf(Locale.ROOT, "%-34s %,12.0f lines/s  %5.2fx baseline%n", name, rate, rate / baseline);
    }
}
