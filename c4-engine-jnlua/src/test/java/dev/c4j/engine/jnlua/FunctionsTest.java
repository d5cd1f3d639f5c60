package dev.c4j.engine.jnlua;

import dev.c4j.lua.spi.Collectable;
import dev.c4j.lua.spi.LuaFrame;
import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaType;
import dev.c4j.lua.spi.LuaValueRef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Java functions called from Lua: frames, results, errors. */
class FunctionsTest {

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void luaRaiseGivesExactlyItsMessage(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            TestObjects.install(h);
            h.exec("""
                    local srv = make()
                    local ok, msg = pcall(srv.Listen, srv)
                    capture(tostring(ok), msg)
                    capture(tostring(srv:Listen('127.0.0.1')))
                    """);
            assertThat(h.captured).extracting(FunctionsTest::text).containsExactly(
                    "false", "bad argument #1 to 'Listen' (string expected, got nil)", "true");
            assertThat(h.internalErrors).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void aJavaExceptionIsReportedAndLuaGetsAShortErrorWithoutJavaStackTrace(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            TestObjects.install(h);
            h.exec("local srv = make() local ok, msg = pcall(srv.Boom, srv) capture(msg) return srv:Listen('x')");
            String message = text(h.captured.get(0));
            assertThat(message).isEqualTo("internal error in 'Boom'");
            assertThat(h.internalErrors).containsExactly("Boom");
            assertThat(h.internalExceptions.get(0)).hasMessage("a bug of ours");
            assertThat(h.stackTop()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void aCollectableFunctionIsToldWhenLuaCollectsIt(NativeLuaEngine engine) throws Exception {
        AtomicInteger calls = new AtomicInteger();
        AtomicInteger collected = new AtomicInteger();
        class Choose implements LuaFunction, Collectable {
            @Override
            public Object call(LuaFrame frame) {
                calls.incrementAndGet();
                return frame.toNumber(1);
            }

            @Override
            public void collected() {
                collected.incrementAndGet();
            }
        }
        try (Harness h = new Harness(engine)) {
            h.onLoop(() -> {
                h.state.setGlobal("choose", new Choose());
                h.state.setGlobal("handOut", (LuaFunction) frame -> new Choose());
                return null;
            });
            assertThat(h.exec("local f = handOut() return choose(3), type(choose) == 'function', f(4)"))
                    .containsExactly(3.0, true, 4.0);
            assertThat(calls).hasValue(2);
            h.onLoop(() -> {
                h.state.collectGarbage();
                return null;
            });
            h.loop.sync();
            assertThat(collected).hasValue(1); // the handed-out one; `choose` is still a global
            h.exec("choose = nil");
            h.onLoop(() -> {
                h.state.collectGarbage();
                return null;
            });
            h.loop.sync();
            assertThat(collected).hasValue(2);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void resultsGiveSeveralValuesOrNone(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            h.onLoop(() -> {
                h.state.setGlobal("none", (LuaFunction) frame -> LuaFunction.Results.NONE);
                h.state.setGlobal("three", (LuaFunction) frame -> LuaFunction.Results.of(1, null, "x"));
                h.state.setGlobal("nothing", (LuaFunction) frame -> null);
                List<Object> many = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    many.add(i);
                }
                h.state.setGlobal("many", (LuaFunction) frame -> new LuaFunction.Results(many));
                return null;
            });
            assertThat(h.exec("return select('#', none()), select('#', three()), select('#', nothing()), "
                    + "select(3, three()) == 'x', select('#', many()), select(100, many())"))
                    .containsExactly(0.0, 3.0, 1.0, true, 100.0, 99.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void theFrameReadsTheArguments(NativeLuaEngine engine) throws Exception {
        List<Object> seen = new ArrayList<>();
        try (Harness h = new Harness(engine)) {
            TestObjects objects = TestObjects.install(h);
            h.onLoop(() -> {
                h.state.setGlobal("inspect", (LuaFunction) frame -> {
                    seen.add(frame.count());
                    for (int i = 1; i <= frame.count() + 1; i++) {
                        seen.add(frame.type(i));
                    }
                    seen.add(frame.typeName(frame.count() + 1));
                    seen.add(frame.toBoolean(1));
                    seen.add(frame.toBoolean(2));
                    seen.add(frame.toBoolean(frame.count() + 1));
                    seen.add(frame.toNumber(3));
                    seen.add(frame.toNumber(4));
                    seen.add(frame.toNumber(5));
                    seen.add(Harness.copy(frame.toBytes(3)).length);
                    seen.add(frame.toBytes(6));
                    seen.add(frame.toPeer(7) == objects.peers.get(0));
                    seen.add(frame.toPeer(6));
                    seen.add(frame.toPeer(99));
                    LuaValueRef ref = frame.ref(6);
                    seen.add(ref.type());
                    return LuaFunction.Results.of(ref, frame.ref(99));
                });
                return null;
            });
            Object[] results = h.exec("""
                    local t = {}
                    local same, missing = inspect(false, nil, 42, '0x10', 'abc', t, make(), print, coroutine.create(function() end))
                    return same == t, missing == nil
                    """);
            assertThat(results).containsExactly(true, true);
            assertThat(seen).containsExactly(9,
                    LuaType.BOOLEAN, LuaType.NIL, LuaType.NUMBER, LuaType.STRING, LuaType.STRING, LuaType.TABLE,
                    LuaType.USERDATA, LuaType.FUNCTION, LuaType.THREAD, LuaType.NONE,
                    "no value", false, false, false, 42.0, 16.0, null, 2, null, true, null, null, LuaType.TABLE);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void javaFunctionsWorkInsideCoroutines(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            TestObjects objects = TestObjects.install(h);
            assertThat(h.exec("""
                    local srv = make()
                    local co = coroutine.create(function(s)
                      local again = s:OnEvent(function(self, x) capture(x) end)
                      coroutine.yield(again == s)
                      local ok, msg = pcall(s.Listen, s)
                      return msg
                    end)
                    local _, same = coroutine.resume(co, srv)
                    local _, msg = coroutine.resume(co)
                    keep = srv
                    return same, msg == "bad argument #1 to 'Listen' (string expected, got nil)"
                    """)).containsExactly(true, true);
            assertThat(h.onLoop(() -> objects.peers.get(0).object.invoke(TestObjects.ON_EVENT, "in"))).isTrue();
            assertThat(h.captured).extracting(FunctionsTest::text).containsExactly("in");
            assertThat(h.stackTop()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void finishedCoroutinesThatCalledJavaAreCollected(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            TestObjects.install(h);
            h.exec("""
                    weak = setmetatable({}, {__mode = 'k'})
                    for i = 1, 100 do
                      local co = coroutine.create(function() make() coroutine.yield() return make() end)
                      coroutine.resume(co)
                      if i % 2 == 0 then coroutine.resume(co) end -- half finish, half stay suspended
                      weak[co] = i
                      if i % 2 == 1 then suspended = suspended or {} suspended[i] = co end
                    end
                    """);
            h.onLoop(() -> {
                h.state.collectGarbage();
                return null;
            });
            assertThat(h.exec("local n = 0 for co, i in pairs(weak) do assert(i % 2 == 1) n = n + 1 end return n"))
                    .containsExactly(50.0);
            // still usable: a suspended one resumes and calls Java again
            assertThat(h.exec("local ok, made = coroutine.resume(suspended[1]) "
                    + "return ok, type(made) == 'userdata', coroutine.status(suspended[1]) == 'dead'"))
                    .containsExactly(true, true, true);
            assertThat(h.stackTop()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void bytesReadStayValidDuringTheirCallAcrossNestedCalls(NativeLuaEngine engine) throws Exception {
        List<String> seen = new ArrayList<>();
        try (Harness h = new Harness(engine)) {
            h.onLoop(() -> {
                h.state.setGlobal("outer", (LuaFunction) frame -> {
                    java.nio.ByteBuffer first = frame.toBytes(1);
                    LuaValueRef inner = frame.ref(2);
                    try {
                        h.state.call(inner, "inner argument that is read in the nested call");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    inner.release();
                    java.nio.ByteBuffer second = frame.toBytes(3);
                    seen.add(text(Harness.copy(first)));
                    seen.add(text(Harness.copy(second)));
                    return null;
                });
                return null;
            });
            h.exec("outer('first argument', function(s) capture(s, s .. '!') end, 'third argument')");
            assertThat(seen).containsExactly("first argument", "third argument");
            assertThat(h.captured).extracting(FunctionsTest::text).containsExactly(
                    "inner argument that is read in the nested call", "inner argument that is read in the nested call!");
        }
    }
}
