package dev.c4j.lua.spi.contract;

import dev.c4j.lua.spi.Collectable;
import dev.c4j.lua.spi.LuaFrame;
import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaObject;
import dev.c4j.lua.spi.LuaType;
import dev.c4j.lua.spi.LuaValueRef;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.c4j.lua.spi.contract.TestObjects.ON_EVENT;
import static org.assertj.core.api.Assertions.assertThat;

/** The engine SPI contract for our userdata: identity, tostring, handlers, pinning, collection, the nursery. */
public abstract class ObjectsContract extends EngineContract {

    @Test
    void objectsKeepTheirPeerAndMethodsTellOursFromOthers() throws Exception {
        TestObjects objects = installObjects();
        LuaObject object = h.onLoop(() -> objects.create(h.state));
        assertThat(object.peer()).isSameAs(objects.peers.get(0));
        setGlobal("obj", object);
        h.exec("capture(obj:Peer(), obj.Peer({}), tostring(obj == obj), tostring(obj:OnEvent(nil) == obj))");
        assertThat(capturedText()).containsExactly("ours", "not ours", "true", "true");
    }

    @Test
    void callbacksReceiveTheVeryObjectTheDriverHolds() throws Exception {
        TestObjects objects = installObjects();
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
        assertThat(capturedText()).containsExactly("one", "two");
    }

    @Test
    void tostringIsTypeAndUniqueIdAndMetatablesAreProtected() throws Exception {
        installObjects();
        h.exec("""
                keep = {}
                for i = 1, 100 do keep[i] = make() capture(tostring(keep[i])) end
                capture(tostring(keep[1]))
                """);
        Set<String> names = new HashSet<>();
        for (String name : capturedText().subList(0, 100)) {
            assertThat(name).matches("C4LuaTcpServer: 0x[0-9a-f]{8}");
            names.add(name);
        }
        assertThat(names).hasSize(100);
        assertThat(h.captured.get(100)).isEqualTo(h.captured.get(0));
        assertThat(h.exec("""
                local o = keep[1]
                return getmetatable(o), type(o) == 'userdata', (pcall(setmetatable, o, {})), (pcall(function() o.x = 1 end))
                """)).containsExactly(false, true, false, false);
    }

    @Test
    void handlersAreSetAndCleared() throws Exception {
        TestObjects objects = installObjects();
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

    @Test
    void handlerParamsCountsFixedParametersOfLuaFunctions() throws Exception {
        TestObjects objects = installObjects();
        h.exec("srv = make()");
        LuaObject srv = objects.peers.get(0).object;
        String[] handlers = {
                "function(a, b) end", "function(a, b, c) local x = a end", "function(...) end",
                "function(a, ...) return arg end", "function() end", "print", "tostring", "make",
                "function(a, b, c, d, e, f, g, h, i, j) end"};
        int[] expected = {2, 3, -1, -1, 0, -1, -1, -1, 10};
        for (int i = 0; i < handlers.length; i++) {
            h.exec("srv:OnEvent(" + handlers[i] + ")");
            assertThat(h.onLoop(() -> srv.handlerParams(ON_EVENT))).as(handlers[i]).isEqualTo(expected[i]);
        }
    }

    @Test
    void invokeForResultsConvertsUpToMaxResults() throws Exception {
        TestObjects objects = installObjects();
        h.exec("srv = make() srv:OnEvent(function(self, a, b) return a + b, true, nil, 'text', {} end)");
        LuaObject srv = objects.peers.get(0).object;
        Object[] results = h.onLoop(() -> srv.invokeForResults(ON_EVENT, 4, 1, 2));
        assertThat(results).hasSize(4);
        assertThat(results[0]).isEqualTo(3.0);
        assertThat(results[1]).isEqualTo(true);
        assertThat(results[2]).isNull();
        assertThat(results[3]).isInstanceOf(LuaValueRef.class);
        assertThat(((LuaValueRef) results[3]).type()).isEqualTo(LuaType.STRING);
        assertThat(h.exec("capture(...)", results[3])).isEmpty();
        assertThat(capturedText()).containsExactly("text");
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
    }

    @Test
    void aLuaErrorInAHandlerIsReportedWithItsTracebackAndTheDriverCarriesOn() throws Exception {
        TestObjects objects = installObjects();
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
        assertThat(h.onLoop(() -> srv.invokeForResults(ON_EVENT, 1, "fail"))).isNull();
        assertThat(h.luaErrors).hasSize(2);
        assertThat(h.luaErrors.get(1)).startsWith("test:3: ").contains("\nstack traceback:\n\ttest:3:");
    }

    @Test
    void objectsPassedAsArgumentsKeepTheirIdentity() throws Exception {
        TestObjects objects = installObjects();
        h.exec("srv = make() client = make() srv:OnEvent(function(self, c, list) "
                + "capture(tostring(c == client and list[1] == client and list[2] == self)) end)");
        LuaObject srv = objects.peers.get(0).object;
        LuaObject client = objects.peers.get(1).object;
        h.onLoop(() -> srv.invoke(ON_EVENT, client, List.of(client, srv)));
        assertThat(capturedText()).containsExactly("true");
    }

    @Test
    void onlyUnpinnedUnreachableObjectsAreCollectedAndTheNotificationIsPosted() throws Exception {
        TestObjects objects = installObjects();
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
        assertThat(garbage.collectedOn).isEqualTo("loop-" + engine().name());
        assertThat(pinned.collected).hasValue(0);
        assertThat(kept.collected).hasValue(0);
        assertThat(h.onLoop(() -> garbage.object.invoke(ON_EVENT, (Object) null))).isFalse();

        h.onLoop(() -> {
            pinned.object.unpin();
            return null;
        });
        collect();
        assertThat(pinned.collected).hasValue(1);
        assertThat(kept.collected).hasValue(0);
        assertThat(garbage.collected).hasValue(1);

        h.exec("kept = nil");
        collect();
        collect();
        assertThat(kept.collected).hasValue(1);
    }

    @Test
    void aHandlerCapturingItsOwnObjectDoesNotKeepItAlive() throws Exception {
        TestObjects objects = installObjects();
        h.exec("""
                local srv = make()
                srv:OnEvent(function(self) capture(tostring(srv == self)) end)
                """);
        TestObjects.Peer peer = objects.peers.get(0);
        assertThat(h.onLoop(() -> peer.object.invoke(ON_EVENT))).isTrue();
        assertThat(capturedText()).containsExactly("true");
        collect();
        assertThat(peer.collected).hasValue(1);
        assertThat(h.onLoop(() -> peer.object.invoke(ON_EVENT))).isFalse();
        assertThat(h.onLoop(() -> peer.object.hasHandler(ON_EVENT))).isFalse();
    }

    @Test
    void aNewObjectSurvivesCollectionsUntilLuaHasSeenIt() throws Exception {
        TestObjects objects = installObjects();
        setGlobal("makeAfterCollecting", (LuaFunction) frame -> {
            LuaObject fresh = objects.create(h.state);
            h.state.collectGarbage(); // inside a call: the fresh object is not yet referenced by Lua
            return fresh;
        });
        h.exec("held = makeAfterCollecting()");
        h.loop.sync();
        assertThat(objects.peers.get(0).collected).hasValue(0);
        assertThat(h.exec("return tostring(held) == tostring(held) and held ~= nil")).containsExactly(true);
        collect();
        assertThat(objects.peers.get(0).collected).hasValue(0);
    }

    @Test
    void aCollectableFunctionIsToldWhenLuaCollectsIt() throws Exception {
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
        setGlobal("choose", new Choose());
        setGlobal("handOut", (LuaFunction) frame -> new Choose());
        assertThat(h.exec("local f = handOut() return choose(3), type(choose) == 'function', f(4)"))
                .containsExactly(3.0, true, 4.0);
        assertThat(calls).hasValue(2);
        h.exec("local f = ...", new Choose()); // passed as an argument and dropped
        collect();
        assertThat(collected).hasValue(2); // the handed-out one and the argument; `choose` is still a global
        h.exec("choose = nil");
        collect();
        assertThat(collected).hasValue(3);
    }

    @Test
    void finishedCoroutinesThatCalledJavaAreCollected() throws Exception {
        installObjects();
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
        collect();
        assertThat(h.exec("local n = 0 for co, i in pairs(weak) do assert(i % 2 == 1) n = n + 1 end return n"))
                .containsExactly(50.0);
        // still usable: a suspended one resumes and calls Java again
        assertThat(h.exec("local ok, made = coroutine.resume(suspended[1]) "
                + "return ok, type(made) == 'userdata', coroutine.status(suspended[1]) == 'dead'"))
                .containsExactly(true, true, true);
    }
}
