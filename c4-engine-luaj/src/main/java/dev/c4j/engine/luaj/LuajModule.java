package dev.c4j.engine.luaj;

import com.google.inject.AbstractModule;
import dev.c4j.lua.spi.LuaEngine;

/** Binds {@link LuaEngine} to {@link LuajEngine}. */
public final class LuajModule extends AbstractModule {

    @Override
    protected void configure() {
        bind(LuaEngine.class).to(LuajEngine.class);
    }
}
