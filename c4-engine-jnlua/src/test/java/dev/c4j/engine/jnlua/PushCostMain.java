package dev.c4j.engine.jnlua;

import dev.c4j.api.DriverLoop;
import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaHost;
import dev.c4j.lua.spi.LuaObject;
import dev.c4j.lua.spi.LuaState;
import dev.c4j.lua.spi.contract.TestLoop;
import party.iroiro.luajava.Lua;
import party.iroiro.luajava.LuaNatives;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Not a test (unit tests assert no timings): prints what the byte pushes, the Lua-to-Java read and the
 * callback round trip cost on this machine. Run with the test class path, e.g.
 * {@code java -cp target/classes:target/test-classes:<deps> dev.c4j.engine.jnlua.PushCostMain}.
 */
public final class PushCostMain {
    private static final long BUDGET_NANOS = 300_000_000L;

    public static void main(String[] args) throws Exception {
        for (NativeLuaEngine engine : new NativeLuaEngine[] {new Lua51Engine(true), new LuajitEngine(true)}) {
            pushes(engine);
            roundTrip(engine);
        }
    }

    private static void pushes(NativeLuaEngine engine) {
        Lua lua = engine.newLua();
        LuaNatives C = lua.getLuaNatives();
        long L = lua.getPointer();
        ByteBridge shim = ByteShim.resolve(C).bridge();
        ByteBridge pureJava = new PureJavaByteBridge(C);
        ByteBuffer scratch = ByteBuffer.allocateDirect(64 * 1024);
        for (int size : new int[] {64, 1024, 64 * 1024}) {
            byte[] data = new byte[size];
            for (int i = 0; i < size; i++) {
                data[i] = (byte) (i * 31);
            }
            ByteBuffer direct = ByteBuffer.allocateDirect(size).put(data).flip();
            int n = Math.max(20, 2_000_000 / size);
            double shimArray = shim == null ? Double.NaN : perKb(size, n, () -> {
                shim.push(L, data, 0, size);
                C.lua_settop(L, 0);
            });
            double shimDirect = shim == null ? Double.NaN : perKb(size, n, () -> {
                shim.push(L, direct, 0, size);
                C.lua_settop(L, 0);
            });
            double chunk = perKb(size, Math.max(5, n / 20), () -> {
                pureJava.push(L, data, 0, size);
                C.lua_settop(L, 0);
            });
            pureJava.push(L, data, 0, size);
            byte[] out = new byte[size];
            double view = perKb(size, n, () -> ((ByteBuffer) C.luaJ_todirectbuffer(L, 1)).get(out));
            double copy = shim == null ? Double.NaN : perKb(size, n, () -> {
                int length = shim.copyString(L, 1, scratch, 0, scratch.capacity());
                scratch.slice(0, length).get(out);
            });
            C.lua_settop(L, 0);
            System.out.printf("%-6s %6d B: Java->Lua: shim byte[] %5.0f ns/KB, shim direct %5.0f ns/KB, "
                    + "pure-Java %5.0f ns/KB; Lua->Java: LuaJava view %5.0f ns/KB, shim copy %5.0f ns/KB%n",
                    engine.name(), size, shimArray, shimDirect, chunk, view, copy);
        }
        lua.close();
    }

    /** Best of several rounds of n runs, in ns per KB. */
    private static double perKb(int size, int n, Runnable run) {
        long best = Long.MAX_VALUE;
        long start = System.nanoTime();
        for (int round = 0; round < 3 || System.nanoTime() - start < BUDGET_NANOS; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < n; i++) {
                run.run();
            }
            best = Math.min(best, (System.nanoTime() - t0) / n);
        }
        return best * 1024.0 / size;
    }

    /** Java invokes OnRead(self, 64 bytes); the handler calls self:Write(data), which copies the bytes out. */
    private static void roundTrip(NativeLuaEngine engine) throws Exception {
        try (TestLoop loop = new TestLoop(engine.name())) {
            double nanos = loop.call(() -> {
                LuaState state = engine.open(new LuaHost() {
                    @Override public DriverLoop loop() { return loop; }
                    @Override public String driverName() { return "bench"; }
                    @Override public void reportLuaError(String message) { System.out.println(message); }
                    @Override public void reportInternalError(String name, Throwable e) { e.printStackTrace(); }
                });
                LuaObject[] client = new LuaObject[1];
                byte[] sink = new byte[256];
                LuaFunction write = frame -> {
                    frame.toPeer(1);
                    ByteBuffer data = frame.toBytes(2);
                    data.get(sink, 0, data.remaining());
                    return client[0];
                };
                LuaFunction onRead = frame -> {
                    client[0].setHandler(0, frame, 2);
                    return client[0];
                };
                var type = state.defineType("C4LuaTcpClient", Map.of("Write", write, "OnRead", onRead));
                client[0] = state.newObject(type, "peer");
                state.setGlobal("client", client[0]);
                state.call(state.load("client:OnRead(function(self, data) self:Write(data) end)".getBytes(), "=x"));
                byte[] line = new byte[64];
                int n = 200_000;
                LongSupplier run = () -> {
                    long t0 = System.nanoTime();
                    for (int i = 0; i < n; i++) {
                        client[0].invoke(0, line);
                    }
                    return (System.nanoTime() - t0) / n;
                };
                long best = Long.MAX_VALUE;
                for (int round = 0; round < 8; round++) {
                    best = Math.min(best, run.getAsLong());
                }
                state.close();
                return (double) best;
            });
            System.out.printf("%-6s OnRead(self, 64 B) -> self:Write(data) round trip: %.0f ns%n", engine.name(), nanos);
        }
    }

    private PushCostMain() {
    }
}
