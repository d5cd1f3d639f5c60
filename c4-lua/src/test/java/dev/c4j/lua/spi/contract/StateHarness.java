package dev.c4j.lua.spi.contract;

import dev.c4j.api.DriverLoop;
import dev.c4j.lua.spi.LuaEngine;
import dev.c4j.lua.spi.LuaException;
import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaHost;
import dev.c4j.lua.spi.LuaState;
import dev.c4j.lua.spi.LuaValueRef;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One state of one engine on its own {@link TestLoop}, with a host that records what it is told, and a global
 * {@code capture(...)} that copies the bytes of its arguments into {@link #captured}. {@code S} is the adapter's
 * own state class, for tests inside the adapter's module.
 */
public class StateHarness<S extends LuaState> implements LuaHost, AutoCloseable {
    public final LuaEngine engine;
    public final TestLoop loop;
    public final S state;
    public final List<String> luaErrors = new CopyOnWriteArrayList<>();
    public final List<String> internalErrors = new CopyOnWriteArrayList<>();
    public final List<Throwable> internalExceptions = new CopyOnWriteArrayList<>();
    public final List<byte[]> captured = new CopyOnWriteArrayList<>();

    @SuppressWarnings("unchecked") // the engine's states are its adapter's S
    public StateHarness(LuaEngine engine) throws Exception {
        this.engine = engine;
        this.loop = new TestLoop(engine.name());
        this.state = loop.call(() -> (S) engine.open(this));
        onLoop(() -> {
            state.setGlobal("capture", (LuaFunction) frame -> {
                for (int i = 1; i <= frame.count(); i++) {
                    captured.add(copy(frame.toBytes(i)));
                }
                return LuaFunction.Results.NONE;
            });
            return null;
        });
    }

    public static byte[] copy(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    public <T> T onLoop(Callable<T> task) throws Exception {
        return loop.call(task);
    }

    /** Runs a chunk on the loop with arguments ({@code ...}); returns its results. */
    public Object[] exec(String lua, Object... args) throws Exception {
        return onLoop(() -> execHere(lua, args));
    }

    /** {@link #exec} when already on the loop. */
    public Object[] execHere(String lua, Object... args) throws LuaException {
        LuaValueRef chunk = state.load(lua.getBytes(StandardCharsets.UTF_8), "=test");
        try {
            return state.call(chunk, args);
        } finally {
            chunk.release();
        }
    }

    @Override
    public DriverLoop loop() {
        return loop;
    }

    @Override
    public String driverName() {
        return "test-" + engine.name();
    }

    @Override
    public void reportLuaError(String messageWithTraceback) {
        luaErrors.add(messageWithTraceback);
    }

    @Override
    public void reportInternalError(String functionName, Throwable error) {
        internalErrors.add(functionName);
        internalExceptions.add(error);
    }

    @Override
    public void close() throws Exception {
        try {
            onLoop(() -> {
                state.close();
                return null;
            });
        } finally {
            loop.close();
        }
    }
}
