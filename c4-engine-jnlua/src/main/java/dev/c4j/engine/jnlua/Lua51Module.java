package dev.c4j.engine.jnlua;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import dev.c4j.lua.spi.LuaEngine;

/** Binds {@link LuaEngine} to native PUC Lua 5.1 ({@code jnlua}). */
public final class Lua51Module extends AbstractModule {
    @Override
    protected void configure() {
        bind(LuaEngine.class).to(Lua51Engine.class).in(Singleton.class);
    }
}
