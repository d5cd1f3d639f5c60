package dev.c4j.engine.jnlua;

import dev.c4j.lua.spi.EngineUnavailableException;
import dev.c4j.lua.spi.LuaEngine;
import dev.c4j.lua.spi.LuaHost;
import dev.c4j.lua.spi.LuaState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import party.iroiro.luajava.Lua;

/**
 * A native Lua engine through LuaJava. The SPI is implemented once, over LuaJava's common {@link Lua} and
 * {@link party.iroiro.luajava.LuaNatives} interfaces; an engine only says which native library to load.
 */
public abstract class NativeLuaEngine implements LuaEngine {
    private static final Logger log = LoggerFactory.getLogger(NativeLuaEngine.class);

    private final String name;
    private final String baseVersion;
    private final boolean shimAllowed;
    private boolean shimChosen; // once the native library is loaded (first open)
    private ShimByteBridge shim; // null: pure-Java bridge
    private String version;
    private boolean guardMissingReported;

    NativeLuaEngine(String name, String baseVersion, boolean shimAllowed) {
        this.name = name;
        this.baseVersion = baseVersion;
        this.shimAllowed = shimAllowed;
    }

    /** A raw LuaJava state; loads the native library on first use. */
    abstract Lua newLua();

    @Override
    public final String name() {
        return name;
    }

    /** The engine's own text ({@code _VERSION}, or {@code jit.version}); the base text if it cannot load. */
    @Override
    public final synchronized String version() {
        if (version == null) {
            try {
                Lua lua = newRawLua();
                try {
                    long L = lua.getPointer();
                    lua.getLuaNatives().luaL_openlibs(L);
                    lua.getLuaNatives().luaL_dostring(L, "return jit and jit.version or _VERSION");
                    version = lua.getLuaNatives().lua_tostring(L, -1);
                } finally {
                    lua.close();
                }
            } catch (EngineUnavailableException e) {
                return baseVersion;
            }
        }
        return version;
    }

    @Override
    public final LuaState open(LuaHost host) {
        Lua lua = newRawLua();
        NativeGuard guard = null;
        try {
            guard = guard(lua, host);
            return new NativeLuaState(lua, host, byteBridge(lua), guard);
        } catch (RuntimeException | Error e) {
            lua.close();
            if (guard != null) {
                guard.free();
            }
            throw e;
        }
    }

    /** The state's guard, or null without the JNI shim (said once per engine). */
    private NativeGuard guard(Lua lua, LuaHost host) {
        NativeGuard guard = NativeGuard.install(lua.getLuaNatives(), lua.getPointer(), host.limits().luaMemory());
        if (guard == null) {
            synchronized (this) {
                if (!guardMissingReported) {
                    guardMissingReported = true;
                    log.warn("{}: no JNI shim ({}): Lua memory is not capped, native recursion is not checked and"
                            + " long callbacks cannot be interrupted", name,
                            ByteShim.loadFailure() != null ? ByteShim.loadFailure() : "Lua functions not found");
                }
            }
        }
        return guard;
    }

    private Lua newRawLua() {
        try {
            return newLua();
        } catch (RuntimeException | LinkageError e) {
            throw new EngineUnavailableException("The " + name + " engine (" + baseVersion
                    + ") cannot run here: LuaJava's native library did not load: " + e, e);
        }
    }

    private ByteBridge byteBridge(Lua lua) {
        ShimByteBridge shim;
        synchronized (this) {
            if (!shimChosen) {
                shim = chooseShim(lua);
                shimChosen = true;
                this.shim = shim;
            }
            shim = this.shim;
        }
        return shim != null ? shim : new PureJavaByteBridge(lua.getLuaNatives());
    }

    private ShimByteBridge chooseShim(Lua lua) {
        if (!shimAllowed) {
            log.info("{}: exact bytes between Java and Lua: pure-Java bridge ({}=false)", name, ByteShim.PROPERTY);
            return null;
        }
        ByteShim.Resolution found = ByteShim.resolve(lua.getLuaNatives());
        log.info("{}: exact bytes between Java and Lua: {}", name,
                found.bridge() != null ? found.description() : "pure-Java bridge (" + found.description() + ")");
        return found.bridge();
    }

    /** True when this engine's states use the JNI shim (known after the first {@link #open}). */
    final synchronized boolean usesByteShim() {
        return shim != null;
    }

    @Override
    public String toString() {
        return name;
    }
}
