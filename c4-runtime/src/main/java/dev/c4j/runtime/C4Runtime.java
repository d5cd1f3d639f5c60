package dev.c4j.runtime;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import dev.c4j.api.DriverClock;
import dev.c4j.api.DriverEnvironment;
import dev.c4j.api.Platform;
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

    private final String engineName;
    private final Platform platform;
    private final LuaEngine engine;
    private final DriverClock clock;
    private final DriverOutput output;
    private final List<Driver> drivers = new ArrayList<>();
    private boolean closed;

    private C4Runtime(String engineName, LuaEngine engine, Platform platform, DriverClock clock,
                      DriverOutput output) {
        this.engineName = engineName;
        this.engine = engine;
        this.platform = platform;
        this.clock = clock;
        this.output = output;
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

    /** {@link #start(Path)} with the driver's DriverWorks {@code Properties} (name to value). */
    public Driver start(Path luaFile, Map<String, String> properties) throws IOException, LuaSyntaxException {
        byte[] source = Files.readAllBytes(luaFile);
        String fileName = luaFile.getFileName().toString();
        String name = fileName.endsWith(".lua") ? fileName.substring(0, fileName.length() - 4) : fileName;
        return start(name, source, "@" + luaFile, properties);
    }

    /** Starts a driver from source bytes; its chunk is named {@code "=" + name} in Lua messages. */
    public Driver start(String name, byte[] source) throws LuaSyntaxException {
        return start(name, source, Map.of());
    }

    /** {@link #start(String, byte[])} with the driver's DriverWorks {@code Properties} (name to value). */
    public Driver start(String name, byte[] source, Map<String, String> properties) throws LuaSyntaxException {
        return start(name, source, "=" + name, properties);
    }

    private Driver start(String name, byte[] source, String chunkName, Map<String, String> properties)
            throws LuaSyntaxException {
        Driver driver;
        synchronized (this) {
            if (closed) {
                throw new IllegalStateException("runtime closed");
            }
            DriverEnvironment environment = platform.open(name, clock);
            try {
                driver = Driver.create(name, source, chunkName, properties, engine, environment, output);
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

        private Builder() {
        }

        /** Tests only: {@code module} binds the engine instead of the registry's module. */
        Builder engineModule(Module module) {
            this.engineModule = module;
            return this;
        }

        /**
         * The engine by name ({@link Engines#names()}). Unset: {@code c4.engine} system property, then
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

        /** @throws EngineException the engine name is unknown */
        public C4Runtime build() {
            EngineConfig.Selection selection = EngineConfig.resolve(engine);
            if (!Engines.names().contains(selection.name())) {
                throw EngineException.unknown(selection.name(), selection.origin());
            }
            String name = selection.name();
            Injector injector;
            LuaEngine luaEngine;
            try {
                injector = Guice.createInjector(new NetModule(), engineModule != null ? engineModule : Engines.module(name));
                luaEngine = injector.getInstance(LuaEngine.class); // before the platform starts any thread
            } catch (RuntimeException e) {
                throwIfEngineUnavailable(e, name);
                throw e;
            }
            return new C4Runtime(name, luaEngine, injector.getInstance(Platform.class), clock,
                    output != null ? output : new StandardOutput());
        }
    }
}
