package dev.c4j.lua;

import dev.c4j.api.DriverEnvironment;
import dev.c4j.api.DriverLimits;
import dev.c4j.api.DriverLoop;
import dev.c4j.api.host.Device;
import dev.c4j.api.host.Director;
import dev.c4j.api.host.DriverPackage;
import dev.c4j.api.host.DriverPort;
import dev.c4j.lua.spi.LuaEngine;
import dev.c4j.lua.spi.LuaException;
import dev.c4j.lua.spi.LuaHost;
import dev.c4j.lua.spi.LuaState;
import dev.c4j.lua.spi.LuaSyntaxException;
import dev.c4j.lua.spi.LuaValueRef;
import dev.c4j.lua.spi.ObjectType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the Lua face of one driver shares: its environment, output and Lua state, the driver lifecycle, and the
 * one place through which every call from Java into Lua goes ({@link #enter}/{@link #exit}).
 *
 * <p>Used on the driver's loop, or on a thread standing in for it while the loop waits (a LuaJ coroutine):
 * nothing here checks threads.
 */
final class DriverContext implements LuaHost {

    /** The most {@code OnDriverDestroyed} may take: a stop must end soon (SIGTERM: within two seconds). */
    static final Duration DESTROY_TIME = Duration.ofMillis(400);

    private static final String OUT_OF_MEMORY = "fatal: the Java heap is full (java.lang.OutOfMemoryError); the"
            + " driver is stopped. On the luaj engine a driver's Lua memory has no limit of its own: see"
            + " docs/limits.md";

    final String name;
    final DriverEnvironment environment;
    final DriverOutput output;
    /**
     * c4j's own log about this driver: an internal error's stack trace (the error also reaches {@link #output}).
     * {@code C4:DebugLog} / {@code C4:ErrorLog} do not come here: they are output of kind {@code LOG}.
     */
    final Logger log;
    final LegacyTimers legacyTimers = new LegacyTimers(this);
    /** The driver's files: {@code C4:File*}. */
    FileSandbox files;

    ObjectType serverType;
    ObjectType clientType;
    ObjectType timerType;

    private LuaState state;
    private DriverPackage driverPackage;
    private String engineName;
    /** The Director's side of this driver; null when no Director hosts it. */
    private Device device;
    final DriverPort port = new LuaDriverPort(this);
    final PersistDataSaver persistData = new PersistDataSaver(this);
    /** Set when a call into Lua returned: the PersistData check looks only after turns that ran driver code. */
    boolean ranDriverCode;
    /** The prelude's hidden {@code setEntry(table, key, value)}, for {@link #mirror}. */
    LuaValueRef setEntry;
    /** Asks the owner to stop this driver (from {@code OnDriverRemovedFromProject}). */
    Runnable stopRequest = () -> { };
    private boolean closed; // no more calls into Lua
    private boolean stateClosed;
    private int depth; // nesting of calls into Lua
    private final List<LuaPeer> touched = new ArrayList<>();
    private boolean inDriverInit;
    private final Set<String> initTimeWarnings = new HashSet<>();
    /** Interrupts calls into Lua that run too long; null until the state is open. */
    private RunawayGuard guard;
    /** What stopped the driver from inside (the Java heap ran out), or null. */
    private volatile Throwable failure;

    DriverContext(String name, DriverEnvironment environment, DriverOutput output, DriverFiles driverFiles) {
        this.name = name;
        this.environment = environment;
        this.output = output;
        this.log = LoggerFactory.getLogger("c4j.driver." + name);
        this.files = new FileSandbox(driverFiles, this::warn);
    }

    LuaState state() {
        return state;
    }

    Device device() {
        return device;
    }

    DriverPackage driverPackage() {
        return driverPackage;
    }

    String engineName() {
        return engineName;
    }

    /** The fatal error that stopped the driver from inside, or null. */
    Throwable failure() {
        return failure;
    }

    boolean closed() {
        return closed;
    }

    /**
     * Sets {@code table[key] = value} in the driver's global {@code Properties} or {@code Variables} (null removes),
     * through the prelude's helper so that the driver's own table object is updated, not replaced (H3).
     */
    void mirror(String table, String key, String value) {
        if (closed || setEntry == null || key == null) {
            return;
        }
        try {
            state.call(setEntry, table, key, value);
        } catch (LuaException e) {
            reportLuaError(e.getMessage());
        }
    }

    // ---- lifecycle (spec section 1), on the loop -------------------------------------------------------------

    /**
     * Opens the state, installs the API and the globals a driver finds before its first line (rule H10), hosts
     * the driver on {@code director} (when given), compiles and runs the main chunk, then the init entry points
     * with the init type the state store gives (rule H11).
     */
    void start(LuaEngine engine, DriverPackage driverPackage, Map<String, String> propertyOverrides,
               Director director) throws LuaSyntaxException {
        this.driverPackage = driverPackage;
        state = engine.open(this);
        guard = RunawayGuard.watch(state, limits().callbackTime());
        this.engineName = engine.name();
        LuaValueRef chunk;
        String initType = "DIT_STARTUP";
        try {
            // Compiled first: a driver that does not compile leaves no trace in the project or in its state (a
            // jit="1" driver LuaJIT rejects is retried on another engine, still DIT_ADDING on its first start).
            chunk = load(driverPackage);
            if (director != null) {
                device = director.attach(driverPackage, propertyOverrides, port);
                initType = device.initType();
                // A hosted driver's files live in its state (host spec 7.5); C4Z is its package folder, read-only.
                files = new FileSandbox(new DriverFiles(device.fileSandbox(), driverPackage.folder().orElse(null)),
                        this::warn);
            }
            C4Api.install(this);
            // CHOICE: Properties, Variables and PersistData are always tables (H10): drivers index them at chunk
            // level without checks.
            state.setGlobal("Properties", new HashMap<>(device != null ? device.properties() : propertyOverrides));
            state.setGlobal("Variables", new HashMap<>(device != null ? device.variables() : Map.of()));
            state.setGlobal("PersistData", device != null ? device.persistData() : new HashMap<>());
        } catch (LuaSyntaxException | RuntimeException | Error e) {
            closed = true;
            closeState();
            if (device != null) {
                device.detach();
            }
            throw e;
        }
        try {
            call("the main chunk", chunk);
        } finally {
            chunk.release();
        }
        inDriverInit = true;
        try {
            callGlobal("OnDriverInit", initType);
        } finally {
            inDriverInit = false;
        }
        if (device != null) {
            device.lateInitDone(); // events fired from OnDriverLateInit on are sent (H9, B51)
        }
        callGlobal("OnDriverLateInit", initType);
        if (device != null) {
            device.started();
            persistData.start();
        }
    }

    /** The main chunk, compiled. */
    private LuaValueRef load(DriverPackage driverPackage) throws LuaSyntaxException {
        try {
            return state.load(driverPackage.script(), driverPackage.scriptChunkName());
        } catch (LuaSyntaxException e) {
            if (driverPackage.manifest().encrypted()) { // §1.4: c4j never decrypts; a plain script under the flag runs
                throw new LuaSyntaxException(driverPackage.fileName() + ": encrypted driver: not supported");
            }
            throw e;
        }
    }

    /**
     * {@code OnDriverDestroyed("DIT_LOADED")}; then no timer fires and no socket calls back any more, and the state
     * is discarded.
     */
    void stop() {
        if (guard != null) {
            guard.stopping(DESTROY_TIME);
        }
        if (state != null && !closed) {
            callGlobal("OnDriverDestroyed", "DIT_LOADED");
            if (device != null) {
                persistData.save(); // saved again after OnDriverDestroyed returns (§3.7)
            }
        }
        closed = true;
        if (device != null) {
            device.detach();
        }
        legacyTimers.forgetAll();
        environment.timers().cancelAll();
        environment.network().abandonAll();
        files.close();
        touched.clear();
        closeState();
    }

    private void closeState() {
        if (guard != null) {
            guard.close();
        }
        if (state != null && !stateClosed) {
            stateClosed = true;
            state.close();
        }
    }

    /**
     * Whatever runs in Lua at {@code deadline} (System.nanoTime) or later is interrupted: the driver is stopping.
     * Any thread.
     */
    void stopBy(long deadline) {
        if (guard != null) {
            guard.stopBy(deadline);
        }
    }

    /** A full collection; the adapter posts the resulting {@code collected()} notifications to the loop. */
    void collectGarbage() {
        if (state != null && !closed) {
            state.collectGarbage();
        }
    }

    // ---- calls into Lua: the one place -------------------------------------------------------------------------

    /**
     * Marks the start of work on behalf of {@code peer} (an event or an API call): the peer is pinned until
     * the outermost call into Lua has returned, then {@linkplain LuaPeer#settle settled}.
     */
    void enter(LuaPeer peer) {
        if (depth++ == 0) {
            guard.started();
        }
        touch(peer);
    }

    /**
     * Ends what {@link #enter} began. When the outermost call into Lua returns: the socket work that Lua code
     * running on another thread (a LuaJ coroutine) queued runs now, then every object touched meanwhile is
     * pinned or unpinned by what it still has pending.
     */
    void exit() {
        if (--depth > 0) {
            return;
        }
        guard.finished();
        ranDriverCode = true;
        environment.loop().drain();
        for (int i = 0; i < touched.size(); i++) {
            LuaPeer peer = touched.get(i);
            peer.touched = false;
            if (!closed) {
                peer.settle();
            }
        }
        touched.clear();
    }

    /**
     * An API call or event changed what {@code peer} has pending. It stays pinned (alive even if Lua dropped it)
     * until the outermost call into Lua returns; {@link #exit} then decides.
     */
    void touch(LuaPeer peer) {
        if (peer == null || peer.touched || closed) {
            return;
        }
        peer.touched = true;
        touched.add(peer);
        peer.object.pin();
    }

    /** Calls handler {@code slot} of {@code peer} as {@code handler(self, args...)}; errors are reported. */
    boolean invoke(LuaPeer peer, int slot, Object... args) {
        if (closed) {
            return false;
        }
        calling(peer, slot);
        enter(peer);
        try {
            return peer.object.invoke(slot, args);
        } catch (OutOfMemoryError e) {
            outOfMemory(e);
            return false;
        } finally {
            exit();
        }
    }

    /** The one-argument form of {@link #invoke(LuaPeer, int, Object...)}: the hot path of {@code OnRead}. */
    boolean invoke(LuaPeer peer, int slot, Object arg) {
        if (closed) {
            return false;
        }
        calling(peer, slot);
        enter(peer);
        try {
            return peer.object.invoke(slot, arg);
        } catch (OutOfMemoryError e) {
            outOfMemory(e);
            return false;
        } finally {
            exit();
        }
    }

    /** Like {@link #invoke} with results (see {@code LuaObject.invokeForResults}); null after an error. */
    Object[] invokeForResults(LuaPeer peer, int slot, int maxResults, Object... args) {
        if (closed) {
            return null;
        }
        calling(peer, slot);
        enter(peer);
        try {
            return peer.object.invokeForResults(slot, maxResults, args);
        } catch (OutOfMemoryError e) {
            outOfMemory(e);
            return null;
        } finally {
            exit();
        }
    }

    /** Calls a Lua function, described by {@code what} should it run too long; a Lua error is reported and gives null. */
    Object[] call(String what, LuaValueRef function, Object... args) {
        if (closed) {
            return null;
        }
        calling(null, what);
        enter(null);
        try {
            return state.call(function, args);
        } catch (LuaException e) {
            reportLuaError(e.getMessage());
            return null;
        } catch (OutOfMemoryError e) {
            outOfMemory(e);
            return null;
        } finally {
            exit();
        }
    }

    /**
     * Calls {@code function} on a later loop turn, through {@link #call} (a Lua error is reported with its
     * traceback), then lets it go: {@code C4:CallAsync}.
     */
    void callLater(LuaValueRef function) {
        environment.loop().execute(() -> {
            try {
                call("a C4:CallAsync function", function);
            } finally {
                function.release();
            }
        });
    }

    /** Names what is called next, for the runaway guard's message: a handler slot of {@code peer}, or a name. */
    void calling(LuaPeer peer, Object what) {
        guard.calling(peer, what);
    }

    /**
     * The Java heap ran out while Lua ran (LuaJ, whose memory use has no cap): no more calls into this state, and
     * the driver stops so that its memory is freed. The owner learns of it through {@link #failure()}.
     */
    void outOfMemory(OutOfMemoryError error) {
        if (failure != null) {
            return;
        }
        failure = error;
        closed = true;
        try {
            output.message(name, DriverOutput.Kind.ERROR, OUT_OF_MEMORY);
            stopRequest.run();
        } catch (Throwable reportFailed) { // the heap may still be full: the failure itself is recorded
        }
    }

    /** Calls the global function {@code name} if the driver defines one (entry points, {@code OnTimerExpired}). */
    void callGlobal(String globalName, Object... args) {
        if (closed) {
            return;
        }
        LuaValueRef function = state.globalFunction(globalName);
        if (function == null) {
            return;
        }
        try {
            call(globalName, function, args);
        } finally {
            function.release();
        }
    }

    // ---- the init-time rule -------------------------------------------------------------------------------------

    /**
     * Networking and timer calls work during {@code OnDriverInit} but the vendor advises against them: one
     * warning per driver and API. Calls from the top-level chunk are silent (spec section 1, A25).
     */
    void checkInitTime(String api) {
        if (inDriverInit && initTimeWarnings.add(api)) {
            output.message(name, DriverOutput.Kind.WARNING, api + " called during OnDriverInit;"
                    + " DriverWorks advises to wait for OnDriverLateInit");
        }
    }

    /** A warning about the driver, among its runtime messages. */
    void warn(String text) {
        output.message(name, DriverOutput.Kind.WARNING, text);
    }

    // ---- LuaHost -------------------------------------------------------------------------------------------------

    @Override
    public DriverLoop loop() {
        return environment.loop();
    }

    @Override
    public String driverName() {
        return name;
    }

    @Override
    public DriverLimits limits() {
        return environment.limits();
    }

    @Override
    public void reportLuaError(String messageWithTraceback) {
        output.message(name, DriverOutput.Kind.ERROR, messageWithTraceback);
    }

    @Override
    public void reportInternalError(String functionName, Throwable error) {
        log.error("internal error in '{}'", functionName, error);
        output.message(name, DriverOutput.Kind.ERROR, "internal error in '" + functionName + "': " + error);
    }
}
