package dev.c4j.examples;

import dev.c4j.api.DriverClock;
import dev.c4j.api.host.DirectorCall;
import dev.c4j.api.host.DriverControl;
import dev.c4j.api.host.EntryResult;
import dev.c4j.host.director.ProjectSettings;
import dev.c4j.lua.Driver;
import dev.c4j.lua.DriverOutput;
import dev.c4j.lua.spi.LuaSyntaxException;
import dev.c4j.runtime.C4Runtime;
import dev.c4j.runtime.NetworkAccess;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Embedding c4j in a Java service (docs/embedding.md shows its parts): runs the Lumen Projector driver package,
 * drives it as Director would, and reads what it told Director. Its methods may be called from any thread.
 */
public final class LumenService implements AutoCloseable {

    private final C4Runtime runtime;
    private final Driver lumen;

    /**
     * Starts the driver in {@code driverPackage} (a folder with driver.xml, or a .c4z), keeping its state in
     * {@code stateDirectory}, connecting to the projector at {@code host}:{@code port}.
     */
    public LumenService(Path driverPackage, Path stateDirectory, String host, int port, DriverOutput output)
            throws IOException, LuaSyntaxException {
        // docs:begin start
        runtime = C4Runtime.builder()
                .engine("luaj")                     // optional: else -Dc4.engine, C4_ENGINE, c4.properties, luaj
                .clock(DriverClock.system())        // optional: a VirtualClock for simulated time
                .output(output)                     // optional: where prints and runtime messages go
                .stateDirectory(stateDirectory)     // optional: keep each driver's state across runs
                .network(NetworkAccess.ANY)         // optional: LOOPBACK allows 127.0.0.0/8 and ::1 only
                .project(new ProjectSettings(100, 10, "Living Room", "4.0.0.0", null)) // optional
                .build();
        lumen = runtime.start(driverPackage, Map.of("Device Address", host, "Device Port", String.valueOf(port)));
        // docs:end start
    }

    // docs:begin control
    /** Runs the driver's POWER_ON command, as programming would; returns once ExecuteCommand has returned. */
    public void powerOn() {
        await(lumen.control().command("POWER_ON", Map.of()));
    }

    /** Runs the driver.xml action "Power Off": ExecuteCommand("LUA_ACTION", {ACTION = "POWER_OFF"}). */
    public void powerOff() {
        await(lumen.control().action("Power Off", Map.of()));
    }

    /** Sets how often the driver polls, as a user does in Composer; refused values throw IllegalArgumentException. */
    public void setPollInterval(int seconds) {
        await(lumen.control().setProperty("Poll Interval", String.valueOf(seconds), false));
    }

    /** What the driver shows: its "Status" property ("Connected", "Disconnected: ..."). */
    public String status() {
        return lumen.control().info().properties().get("Status");
    }

    /** Whether the projector reported power on: the driver's POWER_STATE variable. */
    public boolean poweredOn() {
        return "1".equals(lumen.control().info().variables().get("POWER_STATE"));
    }

    private static EntryResult await(CompletableFuture<EntryResult> result) {
        try {
            EntryResult done = result.get(30, TimeUnit.SECONDS);
            if (done.status() == EntryResult.Status.FAILED) {
                throw new IllegalStateException("the driver failed: " + done.error());
            }
            return done;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the driver did not answer within 30 s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
    // docs:end control

    // docs:begin record
    /** The names of the events the driver fired after record entry {@code afterSeq} (0: from the start). */
    public List<String> eventsFiredAfter(long afterSeq) {
        return lumen.control().calls(afterSeq).stream()
                .filter(call -> call.function().equals("FireEvent"))
                .map(call -> (String) call.arg(0))
                .toList();
    }

    /** The sequence number of the driver's last record entry: pass it to {@link #eventsFiredAfter} later. */
    public long lastSeq() {
        List<DirectorCall> calls = lumen.control().calls(0);
        return calls.isEmpty() ? 0 : calls.get(calls.size() - 1).seq();
    }
    // docs:end record

    /** The driver's control surface, for whatever this class does not wrap. */
    public DriverControl control() {
        return lumen.control();
    }

    /** Stops the driver (OnDriverDestroyed, then its timers and sockets go) and the runtime. */
    @Override
    public void close() {
        runtime.close();
    }

    // docs:begin output
    /** A driver's output on the service's log: print lines as text, runtime messages (errors, warnings) apart. */
    public static final class LoggedOutput implements DriverOutput {

        private static final System.Logger LOG = System.getLogger("lumen");

        @Override
        public void print(String driverName, byte[] line) {
            // the bytes the driver printed; Lumen prints ASCII
            LOG.log(System.Logger.Level.INFO, driverName + ": " + new String(line, StandardCharsets.ISO_8859_1));
        }

        @Override
        public void message(String driverName, String text) {
            LOG.log(System.Logger.Level.WARNING, driverName + ": " + text);
        }
    }
    // docs:end output
}
