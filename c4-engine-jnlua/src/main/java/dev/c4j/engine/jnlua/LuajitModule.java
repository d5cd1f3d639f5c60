package dev.c4j.engine.jnlua;

import com.google.inject.AbstractModule;
import com.google.inject.Singleton;
import dev.c4j.lua.spi.LuaEngine;

/** Binds {@link LuaEngine} to LuaJIT ({@code luajit}). */
public final class LuajitModule extends AbstractModule {
    @Override
    protected void configure() {
        bind(LuaEngine.class).to(LuajitEngine.class).in(Singleton.class);
    }
}
