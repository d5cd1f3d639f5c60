package dev.c4j.runtime;

import com.google.inject.Module;
import dev.c4j.engine.jnlua.Lua51Module;
import dev.c4j.engine.jnlua.LuajitModule;
import dev.c4j.engine.luaj.LuajModule;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The Lua engines c4j can run drivers on, by configuration name, each with the Guice module that binds its
 * {@link dev.c4j.lua.spi.LuaEngine}. Adding an engine is one line here.
 */
public final class Engines {

    /** The engine used when nothing is configured: pure Java, runs everywhere. */
    public static final String DEFAULT = "luaj";

    /**
     * Not an engine: the engine option that lets each driver's package choose (host spec §1.4): LuaJIT for a
     * driver.xml with {@code jit="1"}, {@link #DEFAULT} for the others. Nothing configured means the same.
     */
    public static final String AUTO = "auto";

    private static final Map<String, Supplier<Module>> MODULES = new LinkedHashMap<>();

    static {
        MODULES.put("luaj", LuajModule::new);      // LuaJ 3.0.1, pure Java
        MODULES.put("jnlua", Lua51Module::new);    // PUC Lua 5.1 over JNI
        MODULES.put("luajit", LuajitModule::new);  // LuaJIT 2.1 over JNI
    }

    private Engines() {
    }

    /** Every engine name, the default first. */
    public static List<String> names() {
        return List.copyOf(MODULES.keySet());
    }

    /** A fresh Guice module binding the engine {@code name}; {@link EngineException} for an unknown name. */
    public static Module module(String name) {
        Supplier<Module> module = MODULES.get(name);
        if (module == null) {
            throw EngineException.unknown(name, null);
        }
        return module.get();
    }
}
