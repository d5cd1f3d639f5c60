package dev.c4j.engine.jnlua;

import com.google.inject.Guice;
import dev.c4j.lua.spi.LuaEngine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What only the native engines do: their own thread check, their Guice modules, a library that does not load. */
class StateTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void anotherThreadIsRefusedInsteadOfCrashingTheJvm(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            assertThatThrownBy(() -> h.state.load("return 1".getBytes(StandardCharsets.UTF_8), "=x"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("belongs to thread");
        }
    }

    @Test
    void theGuiceModulesBindTheEngines() {
        LuaEngine jnlua = Guice.createInjector(new Lua51Module()).getInstance(LuaEngine.class);
        LuaEngine luajit = Guice.createInjector(new LuajitModule()).getInstance(LuaEngine.class);
        assertThat(jnlua).isInstanceOf(Lua51Engine.class);
        assertThat(jnlua.name()).isEqualTo("jnlua");
        assertThat(luajit).isInstanceOf(LuajitEngine.class);
        assertThat(luajit.name()).isEqualTo("luajit");
        var injector = Guice.createInjector(new LuajitModule());
        assertThat(injector.getInstance(LuaEngine.class)).isSameAs(injector.getInstance(LuaEngine.class));
    }

    @Test
    void aNativeLibraryThatDoesNotLoadMakesTheEngineUnavailable() {
        NativeLuaEngine broken = new NativeLuaEngine("broken", "Lua 5.1", true) {
            @Override
            party.iroiro.luajava.Lua newLua() {
                throw new UnsatisfiedLinkError("no liblua5164 in java.library.path");
            }
        };
        assertThatThrownBy(() -> broken.open(null))
                .isInstanceOf(dev.c4j.lua.spi.EngineUnavailableException.class)
                .hasMessageContaining("broken engine (Lua 5.1) cannot run here")
                .hasMessageContaining("no liblua5164")
                .hasCauseInstanceOf(UnsatisfiedLinkError.class);
        assertThat(broken.version()).isEqualTo("Lua 5.1");
    }
}
