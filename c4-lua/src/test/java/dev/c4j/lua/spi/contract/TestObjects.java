package dev.c4j.lua.spi.contract;

import dev.c4j.lua.spi.Collectable;
import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaObject;
import dev.c4j.lua.spi.LuaRaise;
import dev.c4j.lua.spi.LuaState;
import dev.c4j.lua.spi.ObjectType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test object type {@code C4LuaTcpServer} with methods {@code OnEvent(fn)} (handler slot 0, returns self),
 * {@code Listen(host)} (raises like luaL_checkstring), {@code Boom()} (throws a Java exception) and
 * {@code Peer(x)} (whether {@code x} is one of ours), and a global {@code make()} that creates one.
 */
public final class TestObjects {
    public static final int ON_EVENT = 0;

    public final ObjectType type;
    public final List<Peer> peers = new ArrayList<>();

    /** A peer: its object, and how often (and on which thread) Lua's collection was reported. */
    public static final class Peer implements Collectable {
        public LuaObject object;
        public final AtomicInteger collected = new AtomicInteger();
        public volatile String collectedOn;

        @Override
        public void collected() {
            collectedOn = Thread.currentThread().getName();
            collected.incrementAndGet();
        }
    }

    public TestObjects(LuaState state) {
        Map<String, LuaFunction> methods = new LinkedHashMap<>();
        methods.put("OnEvent", frame -> {
            Peer peer = (Peer) frame.toPeer(1);
            peer.object.setHandler(ON_EVENT, frame, 2);
            return peer.object;
        });
        methods.put("Listen", frame -> {
            if (frame.type(2).isNoneOrNil()) {
                throw new LuaRaise("bad argument #1 to 'Listen' (string expected, got nil)");
            }
            return true;
        });
        methods.put("Boom", frame -> {
            throw new IllegalStateException("a bug of ours");
        });
        methods.put("Peer", frame -> frame.toPeer(1) != null ? "ours" : "not ours");
        type = state.defineType("C4LuaTcpServer", methods);
        state.setGlobal("make", (LuaFunction) frame -> create(state));
    }

    public LuaObject create(LuaState state) {
        Peer peer = new Peer();
        peer.object = state.newObject(type, peer);
        peers.add(peer);
        return peer.object;
    }

    /** Installs them in the harness's state. */
    public static TestObjects install(StateHarness<?> h) throws Exception {
        return h.onLoop(() -> new TestObjects(h.state));
    }
}
