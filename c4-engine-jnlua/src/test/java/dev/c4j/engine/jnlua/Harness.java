package dev.c4j.engine.jnlua;

import dev.c4j.api.DriverLoop;
import dev.c4j.lua.spi.LuaEngine;
import dev.c4j.lua.spi.LuaException;
import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaHost;
import dev.c4j.lua.spi.LuaValueRef;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * One state of one engine on its own {@link TestLoop}, with a host that records what it is told, and a global
 * {@code capture(...)} that copies the bytes of its arguments into {@link #captured}.
 */
final class Harness implements LuaHost, AutoCloseable {
    final NativeLuaEngine engine;
    final TestLoop loop;
    final NativeLuaState state;
    final List<String> luaErrors = new CopyOnWriteArrayList<>();
    final List<String> internalErrors = new CopyOnWriteArrayList<>();
    final List<Throwable> internalExceptions = new CopyOnWriteArrayList<>();
    final List<byte[]> captured = new CopyOnWriteArrayList<>();

    Harness(NativeLuaEngine engine) throws Exception {
        this.engine = engine;
        this.loop = new TestLoop(engine.name());
        this.state = loop.call(() -> (NativeLuaState) engine.open(this));
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

    static byte[] copy(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    <T> T onLoop(Callable<T> task) throws Exception {
        return loop.call(task);
    }

    /** Runs a chunk on the loop with arguments ({@code ...}); returns its results. */
    Object[] exec(String lua, Object... args) throws Exception {
        return onLoop(() -> execHere(lua, args));
    }

    /** {@link #exec} when already on the loop. */
    Object[] execHere(String lua, Object... args) throws LuaException {
        LuaValueRef chunk = state.load(lua.getBytes(StandardCharsets.UTF_8), "=test");
        try {
            return state.call(chunk, args);
        } finally {
            chunk.release();
        }
    }

    /** The Lua stack of the main thread is back to empty (checked on the loop). */
    int stackTop() throws Exception {
        return onLoop(state::stackTop);
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
