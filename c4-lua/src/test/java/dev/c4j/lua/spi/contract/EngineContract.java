package dev.c4j.lua.spi.contract;

import dev.c4j.lua.spi.Collectable;
import dev.c4j.lua.spi.LuaEngine;
import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaObject;
import dev.c4j.lua.spi.LuaRaise;
import dev.c4j.lua.spi.LuaState;
import dev.c4j.lua.spi.ObjectType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

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

    /**
     * A test object type {@code C4LuaTcpServer} with methods {@code OnEvent(fn)} (handler slot 0, returns self),
     * {@code Listen(host)} (raises like luaL_checkstring), {@code Boom()} (throws a Java exception) and
     * {@code Peer(x)} (whether {@code x} is one of ours), and a global {@code make()} that creates one.
     */
    protected static final class TestObjects {
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
    }

    /** Installs {@link TestObjects} in the test's state. */
    protected TestObjects installObjects() throws Exception {
        return h.onLoop(() -> new TestObjects(h.state));
    }
}
