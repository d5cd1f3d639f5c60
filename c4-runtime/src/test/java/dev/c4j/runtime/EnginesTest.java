package dev.c4j.runtime;

import com.google.inject.Guice;
import dev.c4j.lua.spi.LuaEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EnginesTest {

    static Iterable<String> engines() {
        return Engines.names();
    }

    @Test
    void registryListsTheThreeEnginesDefaultFirst() {
        assertThat(Engines.names()).containsExactly("luaj", "jnlua", "luajit");
        assertThat(Engines.names().get(0)).isEqualTo(Engines.DEFAULT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void eachModuleBindsTheEngineOfItsName(String name) {
        LuaEngine engine = Guice.createInjector(Engines.module(name)).getInstance(LuaEngine.class);
        assertThat(engine.name()).isEqualTo(name);
    }

    @Test
    void unknownNameGivesOneMessageNamingTheAvailableEngines() {
        assertThatThrownBy(() -> Engines.module("lua54"))
                .isInstanceOf(EngineException.class)
                .hasMessage("unknown engine 'lua54'; available engines: luaj, jnlua, luajit");
    }

    @Test
    void builderRejectsAnUnknownEngineBeforeStartingAnything() {
        assertThatThrownBy(() -> C4Runtime.builder().engine("rhino").build())
                .isInstanceOf(EngineException.class)
                .hasMessage("unknown engine 'rhino'; available engines: luaj, jnlua, luajit");
    }

    @Test
    void messageSaysWhereAConfiguredNameCameFrom() {
        assertThat(EngineException.unknown("x", "environment variable C4_ENGINE").getMessage())
                .isEqualTo("unknown engine 'x' (from environment variable C4_ENGINE); "
                        + "available engines: luaj, jnlua, luajit");
    }

    @Test
    void unavailableEngineMessageHasTheSameStyle() {
        var cause = new dev.c4j.lua.spi.EngineUnavailableException("liblua51.so: cannot open shared object", null);
        assertThat(EngineException.unavailable("jnlua", cause).getMessage())
                .isEqualTo("engine 'jnlua' cannot run on this platform: liblua51.so: cannot open shared object; "
                        + "available engines: luaj, jnlua, luajit");
    }
}
