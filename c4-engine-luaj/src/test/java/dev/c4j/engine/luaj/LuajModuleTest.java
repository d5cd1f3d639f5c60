package dev.c4j.engine.luaj;

import com.google.inject.Guice;
import dev.c4j.lua.spi.LuaEngine;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LuajModuleTest {

    @Test
    void bindsTheLuajEngine() {
        LuaEngine engine = Guice.createInjector(new LuajModule()).getInstance(LuaEngine.class);
        assertThat(engine).isInstanceOf(LuajEngine.class);
        assertThat(engine.name()).isEqualTo("luaj");
        assertThat(engine.version()).isEqualTo("LuaJ 3.0.1");
    }
}
