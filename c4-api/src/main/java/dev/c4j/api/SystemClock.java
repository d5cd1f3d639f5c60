package dev.c4j.api;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/** Real time. Tick count = host uptime read once from /proc/uptime, then advanced by the monotonic clock. */
final class SystemClock implements DriverClock {

    static final SystemClock INSTANCE = new SystemClock();

    private final long uptimeOriginNanos; // monotonicNanos() value at which the host booted

    private SystemClock() {
        long now = System.nanoTime();
        this.uptimeOriginNanos = now - readUptimeNanos();
    }

    private static long readUptimeNanos() {
        try {
            String first = Files.readString(Path.of("/proc/uptime")).trim().split("\\s+")[0];
            return (long) (Double.parseDouble(first) * 1e9);
        } catch (IOException | RuntimeException e) {
            return 0; // not Linux: count from JVM start
        }
    }

    @Override
    public long monotonicNanos() {
        return System.nanoTime();
    }

    @Override
    public long epochNanos() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    @Override
    public long tickCountMillis() {
        return (System.nanoTime() - uptimeOriginNanos) / 1_000_000L;
    }
}
