package dev.c4j.engine.jnlua;

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
 * {@code Listen(host)} (raises like luaL_checkstring) and {@code Boom()} (throws a Java exception), and a
 * global {@code make()} that creates one.
 */
final class TestObjects {
    static final int ON_EVENT = 0;

    final ObjectType type;
    final List<Peer> peers = new ArrayList<>();

    /** A peer: its object, and how often (and on which thread) Lua's collection was reported. */
    static final class Peer implements Collectable {
        LuaObject object;
        final AtomicInteger collected = new AtomicInteger();
        volatile String collectedOn;

        @Override
        public void collected() {
            collectedOn = Thread.currentThread().getName();
            collected.incrementAndGet();
        }
    }

    TestObjects(LuaState state) {
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
        type = state.defineType("C4LuaTcpServer", methods);
        state.setGlobal("make", (LuaFunction) frame -> create(state));
    }

    LuaObject create(LuaState state) {
        Peer peer = new Peer();
        peer.object = state.newObject(type, peer);
        peers.add(peer);
        return peer.object;
    }

    static TestObjects install(Harness h) throws Exception {
        return h.onLoop(() -> new TestObjects(h.state));
    }
}
