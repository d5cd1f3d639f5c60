package dev.c4j.engine.luaj;

import dev.c4j.api.DriverClock;
import dev.c4j.api.DriverLoop;
import dev.c4j.lua.spi.Collectable;
import dev.c4j.lua.spi.LuaException;
import dev.c4j.lua.spi.LuaFrame;
import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaHost;
import dev.c4j.lua.spi.LuaObject;
import dev.c4j.lua.spi.LuaRaise;
import dev.c4j.lua.spi.LuaState;
import dev.c4j.lua.spi.LuaSyntaxException;
import dev.c4j.lua.spi.LuaType;
import dev.c4j.lua.spi.LuaValueRef;
import dev.c4j.lua.spi.ObjectType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The LuaJ adapter alone, against the SPI contract: values, objects, handlers, errors, collection. */
class LuajStateTest {

    private final Queue<Runnable> posted = new ConcurrentLinkedQueue<>();
    private final List<String> luaErrors = new ArrayList<>();
    private final List<String> internalErrors = new ArrayList<>();
    private final LuaState state = new LuajEngine().open(new LuaHost() {
        @Override
        public DriverLoop loop() {
            return new StubLoop();
        }

        @Override
        public String driverName() {
            return "unit";
        }

        @Override
        public void reportLuaError(String messageWithTraceback) {
            luaErrors.add(messageWithTraceback);
        }

        @Override
        public void reportInternalError(String functionName, Throwable error) {
            internalErrors.add(functionName + ": " + error.getMessage());
        }
    });

    @AfterEach
    void close() {
        state.close();
    }

    private Object[] run(String lua) throws LuaException {
        LuaValueRef chunk = state.load(lua.getBytes(StandardCharsets.ISO_8859_1), "=unit");
        try {
            return state.call(chunk);
        } finally {
            chunk.release();
        }
    }

    private void runPosted() {
        for (Runnable task; (task = posted.poll()) != null; ) {
            task.run();
        }
    }

    @Test
    void bytesCrossExactlyAndLuaStringsNeverChange() throws Exception {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        ByteBuffer source = ByteBuffer.wrap(all);
        state.setGlobal("data", source);
        all[0] = 42; // the Lua string is a copy
        AtomicReference<byte[]> back = new AtomicReference<>();
        state.setGlobal("give", (LuaFunction) frame -> {
            ByteBuffer bytes = frame.toBytes(1);
            byte[] copy = new byte[bytes.remaining()];
            bytes.duplicate().get(copy);
            back.set(copy);
            return null;
        });
        Object[] results = run("give(data .. '') return #data, data:byte(1), data:byte(256), data:byte(129)");
        assertThat(results).containsExactly(256.0, 0.0, 255.0, 128.0);
        all[0] = 0;
        assertThat(back.get()).isEqualTo(all);
    }

    @Test
    void framesSeeTypesNumbersAndStringsAsLuaDoes() throws Exception {
        List<String> seen = new ArrayList<>();
        state.setGlobal("inspect", (LuaFunction) frame -> {
            for (int i = 1; i <= frame.count() + 1; i++) {
                ByteBuffer bytes = frame.toBytes(i);
                seen.add(frame.typeName(i) + " " + frame.toNumber(i) + " "
                        + (bytes == null ? null : StandardCharsets.ISO_8859_1.decode(bytes)) + " " + frame.toBoolean(i));
            }
            return LuaFunction.Results.NONE;
        });
        run("inspect(nil, 80, 2.5, ' 0x10 ', '0x', 'abc', false, {})");
        assertThat(seen).containsExactly(
                "nil null null false",
                "number 80.0 80 true",
                "number 2.5 2.5 true",
                "string 16.0  0x10  true",
                "string null 0x true",
                "string null abc true",
                "boolean null null false",
                "table null null true",
                "no value null null false");
    }

    @Test
    void resultsConvertBothWays() throws Exception {
        state.setGlobal("several", (LuaFunction) frame -> LuaFunction.Results.of(1, "two", null, true, List.of(5, 6),
                Map.of("k", "v")));
        Object[] results = run("""
                local a, b, c, d, e, f = several()
                return select('#', several()), a, b, c, d, e[2], f.k, nil, {}
                """);
        assertThat(results).hasSize(9);
        assertThat(results[0]).isEqualTo(6.0);
        assertThat(results[1]).isEqualTo(1.0);
        assertThat(((LuaValueRef) results[2]).type()).isEqualTo(LuaType.STRING);
        assertThat(results[3]).isNull();
        assertThat(results[4]).isEqualTo(true);
        assertThat(results[5]).isEqualTo(6.0);
        assertThat(((LuaValueRef) results[6]).type()).isEqualTo(LuaType.STRING);
        assertThat(results[7]).isNull();
        assertThat(((LuaValueRef) results[8]).type()).isEqualTo(LuaType.TABLE);
    }

    @Test
    void luaRaiseGivesExactlyItsMessage() throws Exception {
        state.setGlobal("check", (LuaFunction) frame -> {
            throw new LuaRaise("bad argument #1 to 'Check' (string expected, got nil)");
        });
        Object[] results = run("""
                local direct = select(2, pcall(check))
                local nested = select(2, pcall(function() check() end))
                return direct == "bad argument #1 to 'Check' (string expected, got nil)", direct == nested
                """);
        assertThat(results).containsExactly(true, true);
    }

    @Test
    void javaExceptionsAreReportedAndLuaGetsAShortError() throws Exception {
        state.setGlobal("buggy", (LuaFunction) frame -> {
            throw new IllegalStateException("a bug of ours");
        });
        Object[] results = run("local ok, e = pcall(buggy) return ok, e == \"internal error in 'buggy'\"");
        assertThat(results).containsExactly(false, true);
        assertThat(internalErrors).containsExactly("buggy: a bug of ours");
    }

    @Test
    void loadAndCallReportLuasMessages() {
        assertThatThrownBy(() -> state.load("x = = 1".getBytes(), "=chunk")).isInstanceOf(LuaSyntaxException.class)
                .hasMessageStartingWith("chunk:1:");
        assertThatThrownBy(() -> run("local t = nil\nreturn t.x"))
                .isInstanceOfSatisfying(LuaException.class, e -> {
                    assertThat(e.luaMessage()).startsWith("unit:2: ");
                    assertThat(e.getMessage()).startsWith(e.luaMessage() + "\nstack traceback:\n\tunit:2:");
                });
        state.setGlobal("notAFunction", 5);
        assertThat(state.globalFunction("notAFunction")).isNull();
        assertThat(state.globalFunction("missing")).isNull();
    }

    /** A peer that counts its collection. */
    private static final class Peer implements Collectable {
        int collected;

        @Override
        public void collected() {
            collected++;
        }
    }

    private ObjectType typeWithHandlerSetter(AtomicReference<LuaObject> object) {
        return state.defineType("Thing", Map.of(
                "On", frame -> {
                    object.get().setHandler(0, frame, 2);
                    return object.get();
                },
                "Peer", frame -> frame.toPeer(1) != null ? "ours" : "not ours"));
    }

    @Test
    void objectsKeepTheirIdentityAndCallTheirHandlers() throws Exception {
        AtomicReference<LuaObject> ref = new AtomicReference<>();
        ObjectType type = typeWithHandlerSetter(ref);
        Peer peer = new Peer();
        LuaObject object = state.newObject(type, peer);
        ref.set(object);
        assertThat(object.peer()).isSameAs(peer);
        assertThat(object.hasHandler(0)).isFalse();
        assertThat(object.handlerParams(0)).isEqualTo(-2);
        assertThat(object.invoke(0, "x")).isFalse();
        state.setGlobal("obj", object);
        Object[] results = run("""
                return tostring(obj):match('^Thing: 0x%x%x%x%x%x%x%x%x$') ~= nil, obj:Peer(), obj.Peer({}), obj == obj,
                  obj:On(function(self, a, b) seen = {self == obj, a, b} ; return 'result', 2 end) == obj
                """);
        assertThat(results[0]).isEqualTo(true);
        assertThat(results[3]).isEqualTo(true);
        assertThat(results[4]).isEqualTo(true);
        assertThat(object.handlerParams(0)).isEqualTo(3);
        assertThat(object.invoke(0, "a", 7)).isTrue();
        assertThat(run("return seen[1], seen[2] == 'a', seen[3]")).containsExactly(true, true, 7.0);
        Object[] handlerResults = object.invokeForResults(0, 1);
        assertThat(handlerResults).hasSize(1);
        assertThat(((LuaValueRef) handlerResults[0]).type()).isEqualTo(LuaType.STRING);

        run("obj:On(function(...) end)");
        assertThat(object.handlerParams(0)).isEqualTo(-1);
        run("obj:On(function(a, ...) end)");
        assertThat(object.handlerParams(0)).isEqualTo(-1);
        run("obj:On(tostring)");
        assertThat(object.handlerParams(0)).isEqualTo(-1);
        run("obj:On(nil)");
        assertThat(object.hasHandler(0)).isFalse();
    }

    @Test
    void handlerErrorsAreReportedWithTheirTraceback() throws Exception {
        AtomicReference<LuaObject> ref = new AtomicReference<>();
        LuaObject object = state.newObject(typeWithHandlerSetter(ref), new Peer());
        ref.set(object);
        state.setGlobal("obj", object);
        run("obj:On(function(self) local t = nil\n return t.x end)");
        assertThat(object.invoke(0)).isTrue();
        assertThat(object.invokeForResults(0, 1)).isNull();
        assertThat(luaErrors).hasSize(2).allSatisfy(e -> assertThat(e).startsWith("unit:2: ").contains("\nstack traceback:\n\tunit:2:"));
    }

    @Test
    void unpinnedObjectsLuaDroppedAreCollectedPinnedOnesAreNot() throws Exception {
        AtomicReference<LuaObject> ref = new AtomicReference<>();
        ObjectType type = typeWithHandlerSetter(ref);
        Peer dropped = new Peer();
        Peer pinned = new Peer();
        Peer referenced = new Peer();
        LuaObject droppedObject = state.newObject(type, dropped);
        ref.set(droppedObject);
        state.setGlobal("tmp", droppedObject);
        run("tmp:On(function() return tmp end); tmp = nil"); // a handler capturing its object is no reference
        LuaObject pinnedObject = state.newObject(type, pinned);
        pinnedObject.pin();
        state.setGlobal("kept", state.newObject(type, referenced));
        state.collectGarbage();
        runPosted();
        assertThat(dropped.collected).isEqualTo(1);
        assertThat(pinned.collected).isZero();
        assertThat(referenced.collected).isZero();
        assertThat(droppedObject.invoke(0)).isFalse();

        pinnedObject.unpin();
        state.collectGarbage();
        runPosted();
        assertThat(pinned.collected).isEqualTo(1);
    }

    @Test
    void aNewObjectLivesUntilLuaHasSeenIt() throws Exception {
        LuaObject object = state.newObject(typeWithHandlerSetter(new AtomicReference<>()), new Peer());
        state.collectGarbage();
        state.setGlobal("late", object);
        assertThat(run("return type(late)")).hasSize(1);
        assertThat(((LuaValueRef) run("return late")[0]).type()).isEqualTo(LuaType.USERDATA);
    }

    @Test
    void collectableFunctionsAreToldWhenLuaDropsThem() throws Exception {
        final class Choose implements LuaFunction, Collectable {
            int collected;

            @Override
            public Object call(LuaFrame args) {
                return null;
            }

            @Override
            public void collected() {
                collected++;
            }
        }
        Choose kept = new Choose();
        Choose dropped = new Choose();
        state.setGlobal("keep", kept);
        LuaValueRef takeAndDrop = state.load("local f = ...".getBytes(), "=take");
        state.call(takeAndDrop, dropped);
        takeAndDrop.release();
        state.collectGarbage();
        runPosted();
        assertThat(dropped.collected).isEqualTo(1);
        assertThat(kept.collected).isZero();
    }

    /** Runs posted tasks when the test says so. */
    private final class StubLoop implements DriverLoop {
        @Override
        public String name() {
            return "unit";
        }

        @Override
        public DriverClock clock() {
            return DriverClock.system();
        }

        @Override
        public boolean inLoop() {
            return true;
        }

        @Override
        public void execute(Runnable task) {
            posted.add(task);
        }

        @Override
        public void io(Runnable work) {
            work.run();
        }

        @Override
        public void drain() {
        }
    }
}
