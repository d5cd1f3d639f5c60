package dev.c4j.runtime;

import com.google.inject.AbstractModule;
import dev.c4j.lua.spi.EngineUnavailableException;
import dev.c4j.lua.spi.LuaEngine;
import dev.c4j.lua.spi.LuaHost;
import dev.c4j.lua.spi.LuaState;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A native engine whose library does not load: one clear message, as for an unknown name. */
class EngineUnavailableTest {

    /** What a native engine does when its library cannot load on this platform. */
    private static final class EngineWithoutNatives implements LuaEngine {
        @Override
        public String name() {
            return "jnlua";
        }

        @Override
        public String version() {
            return "Lua 5.1";
        }

        @Override
        public LuaState open(LuaHost host) {
            throw new EngineUnavailableException("liblua51.so: cannot open shared object file", null);
        }
    }

    @Test
    void startingADriverOnAnEngineThatCannotLoadGivesTheEngineMessage() {
        RecordingOutput output = new RecordingOutput();
        C4Runtime.Builder builder = C4Runtime.builder().engine("jnlua").output(output)
                .engineModule(new AbstractModule() {
                    @Override
                    protected void configure() {
                        bind(LuaEngine.class).toInstance(new EngineWithoutNatives());
                    }
                });
        try (C4Runtime runtime = builder.build()) {
            assertThatThrownBy(() -> runtime.start("d", "print('ran')".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(EngineException.class)
                    .hasMessage("engine 'jnlua' cannot run on this platform: liblua51.so: cannot open shared "
                            + "object file; available engines: luaj, jnlua, luajit");
        }
        assertThat(output.lines()).isEmpty();
    }
}
