package dev.c4j.lua.spi.contract;

import dev.c4j.lua.spi.LuaEngine;
import dev.c4j.lua.spi.LuaState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The base of the engine SPI contracts: each test gets a fresh state of {@link #engine()} in {@link #h}; after it,
 * the engine's main stack must be back to its height between calls. Written once; every engine module runs each
 * contract through a subclass naming its engine.
 */
public abstract class EngineContract {

    /** The engine under test. */
    protected abstract LuaEngine engine();

    /** The height of the state's main stack between calls, where the adapter can tell (0 otherwise). Loop only. */
    protected int stackHeight(LuaState state) {
        return 0;
    }

    protected StateHarness<LuaState> h;
    /** Set by a test that closed the state itself: its stack can no longer be looked at. */
    protected boolean stateClosed;

    @BeforeEach
    void openState() throws Exception {
        h = new StateHarness<>(engine());
    }

    @AfterEach
    void closeState() throws Exception {
        try {
            assertStackEmpty();
        } finally {
            h.close();
        }
    }

    /** The main stack is back to its height between calls. */
    protected void assertStackEmpty() throws Exception {
        if (!stateClosed) {
            assertThat(h.onLoop(() -> stackHeight(h.state))).as("stack height").isZero();
        }
    }

    protected void setGlobal(String name, Object value) throws Exception {
        h.onLoop(() -> {
            h.state.setGlobal(name, value);
            return null;
        });
    }

    /** Runs a full collection on the loop, then the tasks it posted. */
    protected void collect() throws Exception {
        h.onLoop(() -> {
            h.state.collectGarbage();
            return null;
        });
        h.loop.sync();
    }

    /** What {@code capture(...)} received, as UTF-8 text. */
    protected List<String> capturedText() {
        List<String> texts = new ArrayList<>();
        for (byte[] bytes : h.captured) {
            texts.add(new String(bytes, StandardCharsets.UTF_8));
        }
        return texts;
    }

    protected static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Installs {@link TestObjects} in the test's state. */
    protected TestObjects installObjects() throws Exception {
        return TestObjects.install(h);
    }
}
