package dev.c4j.runtime;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.c4j.api.AddressMap;
import dev.c4j.api.DriverClock;
import dev.c4j.api.DriverEnvironment;
import dev.c4j.api.DriverLimits;
import dev.c4j.api.EgressPolicy;
import dev.c4j.api.Platform;
import dev.c4j.api.host.Director;
import dev.c4j.api.host.DriverPackage;
import dev.c4j.host.director.ProjectSettings;
import dev.c4j.host.director.SimulatedDirector;
import dev.c4j.host.pkg.DriverPackages;
import dev.c4j.host.pkg.PackageException;
import dev.c4j.lua.SourcePackage;
import dev.c4j.lua.Driver;
import dev.c4j.lua.DriverOutput;
import dev.c4j.lua.spi.EngineUnavailableException;
import dev.c4j.lua.spi.LuaEngine;
import dev.c4j.lua.spi.LuaSyntaxException;
import dev.c4j.net.NetModule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The composition root: one Guice injector (networking + the chosen engine) and the drivers started on it.
 *
 * <pre>{@code
 * try (C4Runtime runtime = C4Runtime.builder().engine("luaj").build()) {
 *     Driver driver = runtime.start(Path.of("chat-server.lua"));
 *     ...
 * }
 * }</pre>
 *
 * {@link #close()} stops every driver it started, then the platform.
 */
public final class C4Runtime implements AutoCloseable {

    static {
        // Our modules use no method interception: without bytecode generation Guice never reaches sun.misc.Unsafe,
        // which JDK 24+ warns about at every run. An application's own setting wins.
        if (System.getProperty("guice_bytecode_gen_option") == null) {
            System.setProperty("guice_bytecode_gen_option", "DISABLED");
        }
    }

    private final String engineName;
    private final boolean autoEngine;
    private final Injector injector;
    private final Platform platform;
    private final LuaEngine engine;
    private final DriverClock clock;
    private final DriverOutput output;
    private final DriverStates states;
    private final NetworkAccess network;
    private final AddressMap addressMap;
    private final DriverLimits limits;
    private final SimulatedDirector director;
    private final List<Driver> drivers = new ArrayList<>();
    private LuaEngine jitEngine; // auto mode only: LuaJIT for jit="1" drivers, made on first use
    private boolean closed;

    private C4Runtime(String engineName, boolean autoEngine, Injector injector, LuaEngine engine, DriverClock clock,
                      DriverOutput output, DriverStates states, ProjectSettings project, NetworkAccess network,
                      Map<Integer, String> bindingAddresses, AddressMap addressMap,
                      DriverLimits limits) {
        this.engineName = engineName;
        this.autoEngine = autoEngine;
        this.injector = injector;
        this.engine = engine;
        this.platform = injector.getInstance(Platform.class);
        this.clock = clock;
        this.output = output;
        this.states = states;
        this.network = network;
        this.addressMap = addressMap;
        this.limits = limits;
        this.director = new SimulatedDirector(project, states::store, bindingAddresses);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The engine's configuration name ({@code luaj}, {@code jnlua}, {@code luajit}). */
    public String engine() {
        return engineName;
    }

    /**
     * Loads and starts the driver in {@code luaFile}, named after the file without {@code .lua}: runs the chunk,
     * {@code OnDriverInit} and {@code OnDriverLateInit}.
     *
     * @throws IOException          the file cannot be read
     * @throws LuaSyntaxException   the file does not compile (nothing ran)
     * @throws EngineException      the engine cannot run on this platform
     */
    public Driver start(Path luaFile) throws IOException, LuaSyntaxException {
        return start(luaFile, Map.of());
    }

    /**
     * {@link #start(Path)} with property overrides (name to value), which win over the driver's saved state and
     * driver.xml's defaults. {@code path} is a bare {@code .lua} file, a driver folder holding {@code driver.xml},
     * a {@code .c4z} or a {@code .c4i}.
     *
     * @throws PackageException the package is malformed (one line naming the file and the problem)
     */
    public Driver start(Path path, Map<String, String> properties) throws IOException, LuaSyntaxException {
        return start(DriverPackages.open(path), properties);
    }

    /**
     * Starts a driver from its package: runs the chunk, {@code OnDriverInit} and {@code OnDriverLateInit} with the
     * init type its state gives (host spec H11).
     */
    public Driver start(DriverPackage driverPackage, Map<String, String> properties) throws LuaSyntaxException {
        LuaEngine chosen = engineFor(driverPackage);
        try {
            return start(driverPackage, properties, chosen);
        } catch (LuaSyntaxException e) {
            if (chosen == engine) {
                throw e;
            }
            // B54: Director reloads a jit="1" driver under PUC Lua when LuaJIT rejects its syntax; c4j retries on
            // the configured (default) engine.
            output.message(driverPackage.name(), DriverOutput.Kind.WARNING, "LuaJIT rejects the driver (" + e.getMessage() + "); retrying on "
                    + engine.name());
            return start(driverPackage, properties, engine);
        }
    }

    /** Starts a driver from source bytes; its chunk is named {@code "=" + name} in Lua messages. */
    public Driver start(String name, byte[] source) throws LuaSyntaxException {
        return start(name, source, Map.of());
    }

    /** {@link #start(String, byte[])} with the driver's DriverWorks {@code Properties} (name to value). */
    public Driver start(String name, byte[] source, Map<String, String> properties) throws LuaSyntaxException {
        return start(new SourcePackage(name, source, "=" + name), properties, engine);
    }

    /** The Director of this runtime: the record of every driver's calls. */
    public Director director() {
        return director;
    }

    /**
     * The engine for a driver: the configured one; in auto mode ({@code auto}, or nothing configured) LuaJIT for a
     * driver.xml that asks for it with {@code jit="1"} (host spec §1.4), when LuaJIT can run here.
     */
    private synchronized LuaEngine engineFor(DriverPackage driverPackage) {
        if (!autoEngine || !"1".equals(driverPackage.manifest().jit()) || engine.name().equals("luajit")) {
            return engine;
        }
        if (jitEngine == null) {
            try {
                // An injector of its own: a child of ours could not bind LuaEngine a second time.
                jitEngine = Guice.createInjector(Engines.module("luajit")).getInstance(LuaEngine.class);
            } catch (RuntimeException e) {
                output.message(driverPackage.name(), DriverOutput.Kind.WARNING, "driver.xml asks for LuaJIT, which cannot run here; using "
                        + engine.name());
                jitEngine = engine;
            }
        }
        return jitEngine;
    }

    private Driver start(DriverPackage driverPackage, Map<String, String> properties, LuaEngine luaEngine)
            throws LuaSyntaxException {
        Driver driver;
        String name = driverPackage.name();
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("runtime closed");
            }
            EgressPolicy egress = network == NetworkAccess.LOOPBACK
                    ? EgressPolicy.loopbackOnly(refusal -> output.message(name, DriverOutput.Kind.WARNING, refusal)) : EgressPolicy.ANY;
            DriverEnvironment environment = platform.open(name, clock, egress, addressMap, limits);
            try {
                driver = Driver.create(driverPackage, properties, luaEngine, environment, output, director);
            } catch (RuntimeException | Error e) {
                environment.close();
                throw e;
            }
            drivers.add(driver);
        }
        try {
            driver.start();
            return driver;
        } catch (LuaSyntaxException | RuntimeException | Error e) {
            forget(driver);
            try {
                driver.close();
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            }
            throwIfEngineUnavailable(e, engineName);
            throw e;
        }
    }

    /** Turns a failure that stems from an engine that cannot load into the user-facing {@link EngineException}. */
    private static void throwIfEngineUnavailable(Throwable e, String engineName) {
        EngineUnavailableException unavailable = causeOfType(e, EngineUnavailableException.class);
        if (unavailable != null) {
            throw EngineException.unavailable(engineName, unavailable);
        }
    }

    private synchronized void forget(Driver driver) {
        drivers.remove(driver);
    }

    /** The exception itself or its first cause of {@code type} (exceptions may arrive wrapped from the loop). */
    private static <T extends Throwable> T causeOfType(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /** Stops every driver started here (their {@code OnDriverDestroyed} runs), then the platform. Idempotent. */
    @Override
    public void close() {
        List<Driver> toStop;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            toStop = new ArrayList<>(drivers);
            drivers.clear();
        }
        RuntimeException failure = null;
        for (Driver driver : toStop) {
            try {
                driver.stop();
            } catch (RuntimeException e) { // one driver failing to stop must not keep the others running
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        platform.close();
        states.close();
        if (failure != null) {
            throw failure;
        }
    }

    /** Configures a {@link C4Runtime}; every setting has a default. */
    public static final class Builder {
        private String engine;
        private DriverClock clock = DriverClock.system();
        private DriverOutput output;
        private Module engineModule; // tests only: replaces the registry's module for the chosen name
        private Path stateDirectory;
        private ProjectSettings project = ProjectSettings.DEFAULT;
        private NetworkAccess network = NetworkAccess.ANY;
        private final Map<Integer, String> bindingAddresses = new LinkedHashMap<>();
        private final Map<String, String> addressMap = new LinkedHashMap<>();
        private DriverLimits limits = DriverLimits.DEFAULT;

        private Builder() {
        }

        /** Tests only: {@code module} binds the engine instead of the registry's module. */
        Builder engineModule(Module module) {
            this.engineModule = module;
            return this;
        }

        /**
         * The engine by name ({@link Engines#names()}), or {@link Engines#AUTO} to let each driver.xml choose. Unset: {@code c4.engine} system property, then
         * {@code C4_ENGINE}, then {@code c4.properties}, then {@link Engines#DEFAULT} ({@link EngineConfig}).
         */
        public Builder engine(String name) {
            this.engine = name;
            return this;
        }

        /** The clock of every driver's timers and {@code C4:GetTime}; default real time. */
        public Builder clock(DriverClock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Where prints and runtime messages go; default {@link StandardOutput}. */
        public Builder output(DriverOutput output) {
            this.output = Objects.requireNonNull(output, "output");
            return this;
        }

        /**
         * Keeps each driver's state (properties, variables, PersistData, Persist*Value, files) in
         * {@code directory/<driver name>/} across runs (host spec H11). Unset: state lives for the run only and every
         * start is {@code DIT_STARTUP}.
         */
        public Builder stateDirectory(Path directory) {
            this.stateDirectory = directory; // null: for the run only
            return this;
        }

        /** Which destinations drivers may connect to; default {@link NetworkAccess#ANY}. */
        public Builder network(NetworkAccess network) {
            this.network = Objects.requireNonNull(network, "network");
            return this;
        }

        /**
         * The installer's address of network binding {@code bindingId} (host spec §4.1, the runner's
         * {@code --binding 6001=192.168.1.20}) for every driver started here that has that binding; its auto-connect
         * ports connect right after {@code OnDriverLateInit}.
         */
        public Builder bindingAddress(int bindingId, String address) {
            bindingAddresses.put(bindingId, Objects.requireNonNull(address, "address"));
            return this;
        }

        /**
         * Sends every outbound connection to {@code from} ({@code host:port}) to {@code to} instead (host spec §4.5, the
         * runner's {@code --map-address}): for bindings whose port driver.xml fixes, TCP clients and UDP alike. The
         * network access rule judges {@code to}.
         *
         * @throws IllegalArgumentException when either is not {@code host:port}
         */
        public Builder mapAddress(String from, String to) {
            AddressMap.parse(from);
            AddressMap.parse(to);
            addressMap.put(from, to);
            return this;
        }

        /**
         * What each driver may use: Lua memory, buffered input, time per callback ({@link DriverLimits}, see
         * docs/limits.md); default {@link DriverLimits#DEFAULT}.
         */
        public Builder limits(DriverLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /** The simulated project's facts (device ids, room, OS version); default {@link ProjectSettings#DEFAULT}. */
        public Builder project(ProjectSettings project) {
            this.project = Objects.requireNonNull(project, "project");
            return this;
        }

        /** @throws EngineException the engine name is unknown */
        public C4Runtime build() {
            EngineConfig.Selection selection = EngineConfig.resolve(engine);
            boolean auto = selection.name().equals(Engines.AUTO) || "default".equals(selection.origin());
            String name = selection.name().equals(Engines.AUTO) ? Engines.DEFAULT : selection.name();
            if (!Engines.names().contains(name)) {
                throw EngineException.unknown(name, selection.origin());
            }
            Injector injector;
            LuaEngine luaEngine;
            try {
                injector = Guice.createInjector(new NetModule(), engineModule != null ? engineModule : Engines.module(name));
                luaEngine = injector.getInstance(LuaEngine.class); // before the platform starts any thread
            } catch (RuntimeException e) {
                throwIfEngineUnavailable(e, name);
                throw e;
            }
            return new C4Runtime(name, auto, injector, luaEngine, clock,
                    output != null ? output : new StandardOutput(), new DriverStates(stateDirectory), project, network,
                    bindingAddresses, AddressMap.of(addressMap), limits);
        }
    }
}
