package dev.c4j.engine.jnlua;

import dev.c4j.lua.spi.LuaObject;
import dev.c4j.lua.spi.LuaValueRef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.c4j.engine.jnlua.TestObjects.ON_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

/** Our userdata: identity, tostring, handlers, lifetime. */
class ObjectsTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void callbacksReceiveTheVeryObjectTheDriverHolds(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            TestObjects objects = TestObjects.install(h);
            h.exec("""
                    srv = make()
                    seen, same = {}, 0
                    srv:OnEvent(function(self, data)
                      if self == srv then same = same + 1 end
                      seen[self] = (seen[self] or 0) + 1
                      capture(data)
                    end)
                    """);
            LuaObject srv = objects.peers.get(0).object;
            assertThat(h.onLoop(() -> srv.invoke(ON_EVENT, "one".getBytes()))).isTrue();
            assertThat(h.onLoop(() -> srv.invoke(ON_EVENT, new Object[] {"two".getBytes()}))).isTrue();
            assertThat(h.exec("return same, seen[srv], rawequal(srv, make()), srv:OnEvent(nil) == srv"))
                    .containsExactly(2.0, 2.0, false, true);
            assertThat(h.captured).extracting(String::new).containsExactly("one", "two");
            assertThat(h.stackTop()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void tostringIsTypeAndUniqueIdAndMetatablesAreProtected(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            TestObjects.install(h);
            h.exec("""
                    keep = {}
                    for i = 1, 100 do keep[i] = make() capture(tostring(keep[i])) end
                    capture(tostring(keep[1]))
                    """);
            Set<String> names = new HashSet<>();
            for (byte[] name : h.captured.subList(0, 100)) {
                String text = new String(name, StandardCharsets.UTF_8);
                assertThat(text).matches("C4LuaTcpServer: 0x[0-9a-f]{8}");
                names.add(text);
            }
            assertThat(names).hasSize(100);
            assertThat(h.captured.get(100)).isEqualTo(h.captured.get(0));
            assertThat(h.exec("""
                    local o = keep[1]
                    return getmetatable(o), type(o) == 'userdata', (pcall(setmetatable, o, {})), (pcall(function() o.x = 1 end))
                    """)).containsExactly(false, true, false, false);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void handlersAreSetAndCleared(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            TestObjects objects = TestObjects.install(h);
            h.exec("srv = make() calls = 0");
            LuaObject srv = objects.peers.get(0).object;
            assertThat(h.onLoop(() -> srv.hasHandler(ON_EVENT))).isFalse();
            assertThat(h.onLoop(() -> srv.invoke(ON_EVENT, (Object) null))).isFalse();
            assertThat(h.onLoop(() -> srv.handlerParams(ON_EVENT))).isEqualTo(-2);
            h.exec("srv:OnEvent(function() calls = calls + 1 end)");
            assertThat(h.onLoop(() -> srv.hasHandler(ON_EVENT))).isTrue();
            assertThat(h.onLoop(() -> srv.invoke(ON_EVENT, (Object) null))).isTrue();
            h.exec("srv:OnEvent(nil)");
            assertThat(h.onLoop(() -> srv.hasHandler(ON_EVENT))).isFalse();
            assertThat(h.onLoop(() -> srv.invoke(ON_EVENT, (Object) null))).isFalse();
            h.exec("srv:OnEvent(function() calls = calls + 10 end)");
            h.onLoop(() -> {
                srv.clearHandler(ON_EVENT);
                return null;
            });
            assertThat(h.onLoop(() -> srv.invoke(ON_EVENT))).isFalse();
            assertThat(h.exec("return calls")).containsExactly(1.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void handlerParamsCountsFixedParametersOfLuaFunctions(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            TestObjects objects = TestObjects.install(h);
            h.exec("srv = make()");
            LuaObject srv = objects.peers.get(0).object;
            String[] handlers = {
                    "function(a, b) end", "function(a, b, c) local x = a end", "function(...) end",
                    "function(a, ...) return arg end", "function() end", "print", "make",
                    "function(a, b, c, d, e, f, g, h, i, j) end"};
            int[] expected = {2, 3, -1, -1, 0, -1, -1, 10};
            for (int i = 0; i < handlers.length; i++) {
                h.exec("srv:OnEvent(" + handlers[i] + ")");
                assertThat(h.onLoop(() -> srv.handlerParams(ON_EVENT))).as(handlers[i]).isEqualTo(expected[i]);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void onlyUnpinnedUnreachableObjectsAreCollectedAndTheNotificationIsPosted(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            TestObjects objects = TestObjects.install(h);
            h.exec("make() make() kept = make()"); // 0: pinned below, 1: garbage, 2: referenced
            TestObjects.Peer pinned = objects.peers.get(0);
            TestObjects.Peer garbage = objects.peers.get(1);
            TestObjects.Peer kept = objects.peers.get(2);
            int postedDuringCollection = h.onLoop(() -> {
                pinned.object.pin();
                pinned.object.pin(); // idempotent
                h.state.collectGarbage();
                return garbage.collected.get(); // collected() runs on a later turn, never inside __gc
            });
            assertThat(postedDuringCollection).isZero();
            h.loop.sync();
            assertThat(garbage.collected).hasValue(1);
            assertThat(garbage.collectedOn).isEqualTo("loop-" + engine.name());
            assertThat(pinned.collected).hasValue(0);
            assertThat(kept.collected).hasValue(0);
            assertThat(h.onLoop(() -> garbage.object.invoke(ON_EVENT, (Object) null))).isFalse();

            h.onLoop(() -> {
                pinned.object.unpin();
                h.state.collectGarbage();
                return null;
            });
            h.loop.sync();
            assertThat(pinned.collected).hasValue(1);
            assertThat(kept.collected).hasValue(0);
            assertThat(garbage.collected).hasValue(1);

            h.exec("kept = nil");
            h.onLoop(() -> {
                h.state.collectGarbage();
                h.state.collectGarbage();
                return null;
            });
            h.loop.sync();
            assertThat(kept.collected).hasValue(1);
            assertThat(h.stackTop()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void aHandlerCapturingItsOwnObjectDoesNotKeepItAlive(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            TestObjects objects = TestObjects.install(h);
            h.exec("""
                    local srv = make()
                    srv:OnEvent(function(self) capture(tostring(srv == self)) end)
                    """);
            TestObjects.Peer peer = objects.peers.get(0);
            assertThat(h.onLoop(() -> peer.object.invoke(ON_EVENT))).isTrue();
            assertThat(h.captured).extracting(String::new).containsExactly("true");
            h.onLoop(() -> {
                h.state.collectGarbage();
                return null;
            });
            h.loop.sync();
            assertThat(peer.collected).hasValue(1);
            assertThat(h.onLoop(() -> peer.object.invoke(ON_EVENT))).isFalse();
            assertThat(h.onLoop(() -> peer.object.hasHandler(ON_EVENT))).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void aNewObjectSurvivesCollectionsUntilLuaHasSeenIt(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            TestObjects objects = TestObjects.install(h);
            h.onLoop(() -> {
                h.state.setGlobal("makeAfterCollecting", (dev.c4j.lua.spi.LuaFunction) frame -> {
                    LuaObject fresh = objects.create(h.state);
                    h.state.collectGarbage(); // inside a call: the fresh object is not yet referenced by Lua
                    return fresh;
                });
                return null;
            });
            h.exec("held = makeAfterCollecting()");
            h.loop.sync();
            assertThat(objects.peers.get(0).collected).hasValue(0);
            assertThat(h.exec("return tostring(held) == tostring(held) and held ~= nil")).containsExactly(true);

            // Made from Java and never handed to Lua: left to Lua at the next top-level collection.
            LuaObject orphan = h.onLoop(() -> objects.create(h.state));
            h.onLoop(() -> {
                h.state.collectGarbage();
                return null;
            });
            h.loop.sync();
            assertThat(objects.peers.get(1).collected).hasValue(1);
            assertThat(h.onLoop(() -> orphan.invoke(ON_EVENT))).isFalse();
            assertThat(objects.peers.get(0).collected).hasValue(0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void aLuaErrorInAHandlerIsReportedWithItsTracebackAndTheDriverCarriesOn(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            TestObjects objects = TestObjects.install(h);
            h.exec("""
                    srv = make()
                    calls = 0
                    local function inner(x) local t = nil; return t.field end
                    srv:OnEvent(function(self, x)
                      calls = calls + 1
                      if x == 'fail' then inner(x) end
                    end)
                    """);
            LuaObject srv = objects.peers.get(0).object;
            assertThat(h.onLoop(() -> srv.invoke(ON_EVENT, "fail"))).isTrue();
            assertThat(h.luaErrors).hasSize(1);
            String report = h.luaErrors.get(0);
            assertThat(report).startsWith("test:3: attempt to index local 't' (a nil value)\nstack traceback:\n");
            assertThat(report).contains("test:3: in function 'inner'").doesNotContain("c4j-runtime");
            assertThat(h.onLoop(() -> srv.invoke(ON_EVENT, "ok"))).isTrue();
            assertThat(h.exec("return calls")).containsExactly(2.0);
            assertThat(h.luaErrors).hasSize(1);
            assertThat(h.stackTop()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void invokeForResultsConvertsUpToMaxResults(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            TestObjects objects = TestObjects.install(h);
            h.exec("srv = make() srv:OnEvent(function(self, a, b) return a + b, true, nil, 'text', {} end)");
            LuaObject srv = objects.peers.get(0).object;
            Object[] results = h.onLoop(() -> srv.invokeForResults(ON_EVENT, 4, 1, 2));
            assertThat(results).hasSize(4);
            assertThat(results[0]).isEqualTo(3.0);
            assertThat(results[1]).isEqualTo(true);
            assertThat(results[2]).isNull();
            assertThat(results[3]).isInstanceOf(LuaValueRef.class);
            assertThat(((LuaValueRef) results[3]).type()).isEqualTo(dev.c4j.lua.spi.LuaType.STRING);
            assertThat(h.exec("capture(...)", results[3])).isEmpty();
            assertThat(h.captured).extracting(String::new).containsExactly("text");
            h.onLoop(() -> {
                ((LuaValueRef) results[3]).release();
                ((LuaValueRef) results[3]).release(); // harmless
                return null;
            });
            h.exec("srv:OnEvent(function() error('no') end)");
            assertThat(h.onLoop(() -> srv.invokeForResults(ON_EVENT, 1))).isNull();
            assertThat(h.luaErrors).hasSize(1);
            h.exec("srv:OnEvent(nil)");
            assertThat(h.onLoop(() -> srv.invokeForResults(ON_EVENT, 1))).isNull();
            assertThat(h.stackTop()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void objectsPassedAsArgumentsKeepTheirIdentity(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            TestObjects objects = TestObjects.install(h);
            h.exec("srv = make() client = make() srv:OnEvent(function(self, c, list) "
                    + "capture(tostring(c == client and list[1] == client and list[2] == self)) end)");
            LuaObject srv = objects.peers.get(0).object;
            LuaObject client = objects.peers.get(1).object;
            h.onLoop(() -> srv.invoke(ON_EVENT, client, List.of(client, srv)));
            assertThat(h.captured).extracting(String::new).containsExactly("true");
        }
    }
}
