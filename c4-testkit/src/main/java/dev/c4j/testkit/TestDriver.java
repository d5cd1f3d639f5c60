package dev.c4j.testkit;

import dev.c4j.api.DriverLimits;
import dev.c4j.api.VirtualClock;
import dev.c4j.api.host.DirectorCall;
import dev.c4j.api.host.DriverControl;
import dev.c4j.api.host.EntryResult;
import dev.c4j.host.pkg.PackageException;
import dev.c4j.lua.Driver;
import dev.c4j.lua.DriverOutput;
import dev.c4j.lua.spi.LuaSyntaxException;
import dev.c4j.runtime.C4Runtime;
import dev.c4j.runtime.NetworkAccess;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.MatchResult;

/**
 * One driver under test, in the manner of Netty's EmbeddedChannel: started on a chosen engine with its output
 * captured, optionally on virtual time.
 *
 * <pre>{@code
 * try (TestDriver driver = TestDriver.builder().engine(engine).virtualTime().resource("echo.lua").start()) {
 *     int port = Integer.parseInt(driver.awaitOutput("listening on .*:(\\d+)").group(1));
 *     try (TestPeer peer = TestPeer.connect(port)) {
 *         peer.send("hi\r\n");
 *         assertThat(peer.readLine()).isEqualTo("hi");
 *     }
 *     driver.advance(Duration.ofMinutes(10));
 *     driver.assertNoErrors();
 * }
 * }</pre>
 *
 * {@link #close()} stops the driver ({@code OnDriverDestroyed}) and its runtime. {@link #startBeside} adds a
 * second driver to the same simulated project.
 */
public final class TestDriver implements AutoCloseable {

    /** How long the one-argument {@link #awaitOutput(String)} waits. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);

    private final C4Runtime runtime;
    private final boolean ownsRuntime;
    private final Driver driver;
    private final RoutedOutput outputs;
    private final CapturedOutput output;
    private final VirtualClock clock;

    private TestDriver(C4Runtime runtime, boolean ownsRuntime, Driver driver, RoutedOutput outputs,
                       VirtualClock clock) {
        this.runtime = runtime;
        this.ownsRuntime = ownsRuntime;
        this.driver = driver;
        this.outputs = outputs;
        this.output = outputs.of(driver.name());
        this.clock = clock;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Every {@code print} line so far, decoded ISO-8859-1 so that each char is one byte. */
    public List<String> outputLines() {
        return output.lines();
    }

    /** {@link #awaitOutput(String, Duration)} with {@link #DEFAULT_TIMEOUT}. */
    public MatchResult awaitOutput(String regex) {
        return awaitOutput(regex, DEFAULT_TIMEOUT);
    }

    /**
     * The match in the first output line (from the start of the output) in which {@code regex} is found
     * ({@link java.util.regex.Matcher#find()}), waiting up to {@code timeout}; fails showing the output so far.
     */
    public MatchResult awaitOutput(String regex, Duration timeout) {
        return output.await(regex, 1, timeout).get(0);
    }

    /** The matches in the first {@code count} output lines in which {@code regex} is found, waiting for them. */
    public List<MatchResult> awaitOutput(String regex, int count, Duration timeout) {
        return output.await(regex, count, timeout);
    }

    /** Runtime messages so far: Lua errors with their tracebacks, warnings. */
    public List<String> messages() {
        return output.messages();
    }

    /**
     * The first runtime message (error, warning or log) that contains {@code text}, waiting up to {@code timeout};
     * fails showing the messages and output so far.
     */
    public String awaitMessage(String text, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String message : messages()) {
                if (message.contains(text)) {
                    return message;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("no runtime message containing '" + text + "' within " + timeout
                        + describeOutput());
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while awaiting a message containing '" + text + "'", e);
            }
        }
    }

    /** The runtime messages that are errors: Lua errors with their tracebacks, internal errors. */
    public List<String> errors() {
        return output.messages(DriverOutput.Kind.ERROR);
    }

    /**
     * The runtime messages that are warnings ({@code "warning: ..."}): advice the controller would give too, such as a
     * Director call during {@code OnDriverInit} or a property driver.xml does not declare.
     */
    public List<String> warnings() {
        return output.messages(DriverOutput.Kind.WARNING);
    }

    /** What the driver logged with {@code C4:ErrorLog} and {@code C4:DebugLog}, and the runtime's notices. */
    public List<String> logs() {
        return output.messages(DriverOutput.Kind.LOG);
    }

    /** Fails if the runtime reported an error (a Lua error, an internal error) about the driver; warnings pass. */
    public void assertNoErrors() {
        assertNone("error", errors());
    }

    /** Fails if the runtime reported a warning about the driver. */
    public void assertNoWarnings() {
        assertNone("warning", warnings());
    }

    private void assertNone(String kind, List<String> messages) {
        if (!messages.isEmpty()) {
            throw new AssertionError("driver " + driver.name() + " on " + engine() + " reported " + messages.size()
                    + " " + kind + "(s):\n" + String.join("\n", messages) + output.describe());
        }
    }

    /** Moves virtual time forward; returns once every timer due by then has run. Needs {@link Builder#virtualTime()}. */
    public void advance(Duration by) {
        if (clock == null) {
            throw new IllegalStateException("advance needs virtual time: TestDriver.builder().virtualTime()");
        }
        // The callback that printed what the test just awaited may still be running (and about to set a
        // timer): let the loop finish its current turn first, so that time moves after it, as it would.
        settle();
        clock.advance(by);
    }

    /** Returns once every callback running or queued on the driver's loop has finished. */
    void settle() {
        driver.onLoop(() -> null);
    }

    /** Which driver on which engine, and its output so far: the end of a failure message. */
    String describeOutput() {
        return "\n(driver " + driver.name() + " on " + engine() + ")" + output.describe();
    }

    /** A full Lua collection; returns once the cleanup it caused (sockets of collected objects) has run. */
    public void collectGarbage() {
        driver.collectGarbage();
    }

    /** {@code OnDriverDestroyed("DIT_LOADED")}, then teardown; the output stays readable. Idempotent. */
    public void stop() {
        driver.stop();
    }

    // ---- driving it as Composer and Director would (host spec 2.5) --------------------------------------------

    /** The control surface (asynchronous verbs); the blocking shortcuts below wait for the driver's callback. */
    public DriverControl control() {
        return driver.control();
    }

    /** Sets a property from outside as Composer does (validated), then {@code OnPropertyChanged}. */
    public EntryResult setProperty(String name, String value) {
        return await(control().setProperty(name, value, false));
    }

    /** Sets a property as an installer may and a user may not: read-only, outside its items or range. */
    public EntryResult forceProperty(String name, String value) {
        return await(control().setProperty(name, value, true));
    }

    /** {@code ExecuteCommand(name, params)}; the result is what the driver returned. */
    public EntryResult command(String name, Map<String, String> params) {
        return await(control().command(name, params));
    }

    /** {@code ExecuteCommand(name, {})}. */
    public EntryResult command(String name) {
        return command(name, Map.of());
    }

    /** Runs a driver.xml action: {@code ExecuteCommand("LUA_ACTION", {ACTION = ...})}. */
    public EntryResult action(String name) {
        return await(control().action(name, Map.of()));
    }

    /** Runs a driver.xml action with parameters: {@code ExecuteCommand("LUA_ACTION", {ACTION = ..., ...})}. */
    public EntryResult action(String name, Map<String, String> params) {
        return await(control().action(name, params));
    }

    /** {@code ReceivedFromProxy(binding, command, params)}. */
    public EntryResult proxy(int bindingId, String command, Map<String, String> params) {
        return await(control().proxy(bindingId, command, params));
    }

    /** {@code UIRequest(request, params)}. */
    public EntryResult uiRequest(String request, Map<String, String> params) {
        return await(control().uiRequest(request, params));
    }

    /** {@code TestCondition(name, params)}. */
    public EntryResult testCondition(String name, Map<String, String> params) {
        return await(control().testCondition(name, params));
    }

    /** {@code GetCommandParamList(command, param)}: the items of a {@code DYNAMIC_LIST} command parameter. */
    public EntryResult commandParamList(String command, String param) {
        return await(control().commandParamList(command, param));
    }

    /** A variable of this driver set from outside: {@code OnVariableChanged(name, id)}. */
    public EntryResult setVariable(String name, String value) {
        return await(control().setVariable(name, value, false));
    }

    /** Sets a read-only variable of this driver from outside: {@code OnVariableChanged(name, id)}. */
    public EntryResult forceVariable(String name, String value) {
        return await(control().setVariable(name, value, true));
    }

    /** Binds provider and consumer bindings; hosted ends get {@code OnBindingChanged}. */
    public EntryResult bind(int providerDevice, int providerBinding, int consumerDevice, int consumerBinding,
                            String bindingClass) {
        return await(control().bind(providerDevice, providerBinding, consumerDevice, consumerBinding, bindingClass));
    }

    /** Removes the binding of a consumer; hosted ends get {@code OnBindingChanged(..., false, ...)}. */
    public EntryResult unbind(int consumerDevice, int consumerBinding) {
        return await(control().unbind(consumerDevice, consumerBinding));
    }

    /**
     * A network binding's address, as Composer's connections page sets it: {@code OnNetworkBindingChanged}, then
     * its auto-connect ports connect to it.
     */
    public EntryResult setBindingAddress(int bindingId, String address) {
        return await(control().setBindingAddress(bindingId, address));
    }

    /** {@code OnSystemEvent} for a system event the driver registered for. */
    public EntryResult systemEvent(String name, int deviceId, String data) {
        return await(control().systemEvent(name, deviceId, data));
    }

    /** {@code OnDeviceEvent(device, eventId)} for a device event the driver registered for. */
    public EntryResult deviceEvent(int deviceId, int eventId) {
        return await(control().deviceEvent(deviceId, eventId));
    }

    /** {@code OnDriverRemovedFromProject()}, then the driver stops. */
    public EntryResult remove() {
        return await(control().remove());
    }

    /** The Director calls of this driver so far (and the entry points it was given), in order. */
    public List<DirectorCall> calls() {
        return control().calls(0);
    }

    /** The driver's device id in the simulated project. */
    public int deviceId() {
        return driver.device().id();
    }

    /** Waits for the first Director call of {@code function} (e.g. {@code "UpdateProperty"}) so far or to come. */
    public DirectorCall awaitCall(String function, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (DirectorCall call : calls()) {
                if (call.function().equals(function)) {
                    return call;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("driver " + driver.name() + " on " + engine() + " made no call of "
                        + function + " within " + timeout + "; its calls: " + calls() + output.describe());
            }
            sleepBriefly();
        }
    }

    private static void sleepBriefly() {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    private EntryResult await(CompletableFuture<EntryResult> result) {
        try {
            return result.get(DEFAULT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("driver " + driver.name() + " on " + engine() + " did not return within "
                    + DEFAULT_TIMEOUT + output.describe());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    /** The driver itself, e.g. for {@link Driver#onLoop}. */
    public Driver driver() {
        return driver;
    }

    /** The name of the engine the driver runs on ({@code luaj}, {@code jnlua}, {@code luajit}). */
    public String engine() {
        return driver.engineName(); // not the runtime's: in auto mode a jit="1" driver runs on luajit
    }

    /**
     * Starts another driver in this one's runtime, as a second device of the same project: one simulated Director
     * (each sees the other's devices, variables and events; {@code SendToDevice} and {@code SendUIRequest} reach
     * it), the same engine setting, clock, network policy and state folder. Its output is its own. Closing it stops
     * it; closing this one stops both.
     */
    public TestDriver startBeside(Path driverPackage) {
        return startBeside(driverPackage, Map.of());
    }

    /** {@link #startBeside(Path)} with property overrides. */
    public TestDriver startBeside(Path driverPackage, Map<String, String> properties) {
        Driver other = started(runtime, () -> runtime.start(driverPackage, properties), driverPackage);
        return new TestDriver(runtime, false, other, outputs, clock);
    }

    /** Stops the driver (if still running) and, unless it was {@linkplain #startBeside started beside} another, its runtime. */
    @Override
    public void close() {
        if (ownsRuntime) {
            runtime.close();
        } else {
            driver.stop();
        }
    }

    /** How a driver starts in a runtime. */
    @FunctionalInterface
    private interface Start {
        Driver start() throws IOException, LuaSyntaxException;
    }

    /** Runs {@code start}, turning what a broken driver throws into a test failure with one clear message. */
    private static Driver started(C4Runtime runtime, Start start, Object what) {
        try {
            return start.start();
        } catch (LuaSyntaxException e) {
            throw new AssertionError("driver does not compile on " + runtime.engine() + ": " + e.getMessage(), e);
        } catch (PackageException e) {
            throw new AssertionError(e.getMessage(), e); // one line naming the file and the problem
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read driver " + what, e);
        }
    }

    /** Chooses the engine, the clock and the driver source; {@link #start()} runs it. */
    public static final class Builder {
        private String engine;
        private VirtualClock clock;
        private String name;
        private byte[] source;
        private Path file;
        private final Map<String, String> properties = new LinkedHashMap<>();
        private Path stateDirectory;
        private NetworkAccess network = NetworkAccess.LOOPBACK;
        private final Map<Integer, String> bindingAddresses = new LinkedHashMap<>();
        private final Map<String, String> addressMap = new LinkedHashMap<>();
        private DriverLimits limits = DriverLimits.DEFAULT;

        private Builder() {
        }

        /** What the driver may use (Lua memory, buffered input, time per callback); default {@link DriverLimits#DEFAULT}. */
        public Builder limits(DriverLimits limits) {
            this.limits = Objects.requireNonNull(limits);
            return this;
        }

        /** The engine by name; unset: the configured engine ({@code -Dc4.engine}, {@code C4_ENGINE}, ..., luaj). */
        public Builder engine(String engine) {
            this.engine = engine;
            return this;
        }

        /** Timers and clocks on a fresh {@link VirtualClock}, moved only by {@link TestDriver#advance}. */
        public Builder virtualTime() {
            this.clock = new VirtualClock();
            return this;
        }

        /** An entry of the driver's DriverWorks {@code Properties} table (the table exists, empty, without any). */
        public Builder property(String name, String value) {
            properties.put(Objects.requireNonNull(name), Objects.requireNonNull(value));
            return this;
        }

        /**
         * Keeps the driver's state in {@code directory/<driver name>/}, as {@code c4 run --state} does, so that a
         * second TestDriver on the same folder sees what the first persisted. Unset: state for this run only.
         */
        public Builder stateDirectory(Path directory) {
            this.stateDirectory = directory;
            return this;
        }

        /**
         * Which hosts the driver may connect to; default {@link NetworkAccess#LOOPBACK}, so that a public driver
         * under test never reaches another host.
         */
        public Builder network(NetworkAccess network) {
            this.network = Objects.requireNonNull(network);
            return this;
        }

        /**
         * The installer's address of network binding {@code bindingId}, set before the driver starts: its
         * auto-connect ports connect right after {@code OnDriverLateInit}. Later changes:
         * {@link TestDriver#setBindingAddress}.
         */
        public Builder binding(int bindingId, String address) {
            bindingAddresses.put(bindingId, Objects.requireNonNull(address));
            return this;
        }

        /**
         * Connections to {@code from} ({@code host:port}) go to {@code to} instead (host spec §4.5). A binding's port
         * is fixed by driver.xml while a {@link MockDevice} listens wherever the OS put it:
         * {@code .binding(6001, "127.0.0.1").mapAddress("127.0.0.1:23", device.address())}.
         */
        public Builder mapAddress(String from, String to) {
            addressMap.put(Objects.requireNonNull(from), Objects.requireNonNull(to));
            return this;
        }

        /** A driver package: a {@code .lua} file, a {@code .c4z} or {@code .c4i} file, or a folder with driver.xml. */
        public Builder driverPackage(Path path) {
            return source(path);
        }

        /** The driver in a file, named after the file without {@code .lua}. */
        public Builder source(Path luaFile) {
            this.file = Objects.requireNonNull(luaFile);
            this.source = null;
            return this;
        }

        /** The driver in a classpath resource (e.g. {@code "drivers/echo.lua"}), named after it without {@code .lua}. */
        public Builder resource(String classpathResource) {
            String path = classpathResource.startsWith("/") ? classpathResource.substring(1) : classpathResource;
            ClassLoader loader = Thread.currentThread().getContextClassLoader();
            try (InputStream in = (loader != null ? loader : TestDriver.class.getClassLoader()).getResourceAsStream(path)) {
                if (in == null) {
                    throw new IllegalArgumentException("no classpath resource " + path);
                }
                String fileName = path.substring(path.lastIndexOf('/') + 1);
                return lua(fileName.endsWith(".lua") ? fileName.substring(0, fileName.length() - 4) : fileName,
                        in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read resource " + path, e);
            }
        }

        /** A driver written inline; the text is encoded UTF-8, as if saved in a UTF-8 file. */
        public Builder lua(String name, String source) {
            return lua(name, source.getBytes(StandardCharsets.UTF_8));
        }

        private Builder lua(String name, byte[] source) {
            this.name = Objects.requireNonNull(name);
            this.source = source;
            this.file = null;
            return this;
        }

        /**
         * Runs the chunk, {@code OnDriverInit} and {@code OnDriverLateInit}.
         *
         * @throws AssertionError                       the driver does not compile (Lua's message), or its package
         *                                              is malformed (one line naming the file)
         * @throws dev.c4j.runtime.EngineException      the engine is unknown or cannot run on this platform
         */
        public TestDriver start() {
            if (source == null && file == null) {
                throw new IllegalStateException("no driver: call source(Path), resource(String) or lua(name, text)");
            }
            RoutedOutput outputs = new RoutedOutput();
            C4Runtime.Builder runtimeBuilder = C4Runtime.builder().engine(engine).output(outputs).network(network)
                    .stateDirectory(stateDirectory).limits(limits);
            bindingAddresses.forEach(runtimeBuilder::bindingAddress);
            addressMap.forEach(runtimeBuilder::mapAddress);
            if (clock != null) {
                runtimeBuilder.clock(clock);
            }
            C4Runtime runtime = runtimeBuilder.build();
            try {
                Driver driver = started(runtime, () -> file != null ? runtime.start(file, properties)
                        : runtime.start(name, source, properties), file);
                return new TestDriver(runtime, true, driver, outputs, clock);
            } catch (RuntimeException | Error e) {
                runtime.close();
                throw e;
            }
        }
    }
}
