package dev.c4j.engine.jnlua;

import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaRaise;
import dev.c4j.lua.spi.LuaValueRef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** Lua strings are bytes: exact in both directions, on both engines and both push paths. */
class BytesTest {

    /** A Lua function that returns true when its argument is exactly the bytes 0..255 repeated. */
    private static final String IS_ALL_BYTES = """
            local s, times = ...
            if type(s) ~= "string" or #s ~= 256 * times then return false end
            for i = 1, #s do
              if s:byte(i) ~= (i - 1) % 256 then return false end
            end
            return true
            """;

    static byte[] allBytes(int times) {
        byte[] bytes = new byte[256 * times];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    @ParameterizedTest(name = "{0} shim={1}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#pushPaths")
    void thePushPathIsTheOneAskedFor(NativeLuaEngine engine, boolean shim) throws Exception {
        try (Harness h = new Harness(engine)) {
            boolean shimBuilt = ByteShim.class.getResource(ByteShim.RESOURCE) != null;
            assertThat(engine.usesByteShim()).isEqualTo(shim && shimBuilt);
            if (System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64")
                    && gccOnPath()) {
                assertThat(shimBuilt).as("the build compiles the shim on linux-x86_64 where gcc is").isTrue();
            }
        }
    }

    private static boolean gccOnPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, "gcc"))) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest(name = "{0} shim={1}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#pushPaths")
    void everyByteValueFromJavaToLua(NativeLuaEngine engine, boolean shim) throws Exception {
        try (Harness h = new Harness(engine)) {
            assertThat(h.exec(IS_ALL_BYTES, allBytes(1), 1)).containsExactly(true);
            assertThat(h.exec(IS_ALL_BYTES, ByteBuffer.wrap(allBytes(3)), 3)).containsExactly(true);
            ByteBuffer direct = ByteBuffer.allocateDirect(256 * 2).put(allBytes(2)).flip();
            assertThat(h.exec(IS_ALL_BYTES, direct, 2)).containsExactly(true);
            assertThat(direct.position()).isZero();
            assertThat(h.stackTop()).isZero();
        }
    }

    @ParameterizedTest(name = "{0} shim={1}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#pushPaths")
    void everyByteValueFromLuaToJava(NativeLuaEngine engine, boolean shim) throws Exception {
        try (Harness h = new Harness(engine)) {
            h.exec("""
                    local t = {}
                    for i = 0, 255 do t[#t + 1] = string.char(i) end
                    capture(table.concat(t))
                    """);
            assertThat(h.captured).hasSize(1);
            assertThat(h.captured.get(0)).isEqualTo(allBytes(1));
        }
    }

    @ParameterizedTest(name = "{0} shim={1}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#pushPaths")
    void roundTripsNulsInvalidUtf8AndLargeStrings(NativeLuaEngine engine, boolean shim) throws Exception {
        byte[] nuls = {0, 0, 'a', 0, 'b', 0};
        byte[] invalidUtf8 = {(byte) 0xC0, (byte) 0x80, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0,
                (byte) 0x80, (byte) 0xF4, (byte) 0x90, '"', '\\', '\n', '\r', 0};
        byte[] large = new byte[1 << 20];
        new Random(42).nextBytes(large);
        try (Harness h = new Harness(engine)) {
            h.exec("capture(...)", nuls, invalidUtf8, large, new byte[0]);
            assertThat(h.captured).hasSize(4);
            assertThat(h.captured.get(0)).isEqualTo(nuls);
            assertThat(h.captured.get(1)).isEqualTo(invalidUtf8);
            assertThat(h.captured.get(2)).isEqualTo(large);
            assertThat(h.captured.get(3)).isEmpty();
            assertThat(h.exec("return #(...)", large)).containsExactly((double) large.length);
        }
    }

    @ParameterizedTest(name = "{0} shim={1}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#pushPaths")
    void byteBuffersPushTheirRemainingBytesAndKeepTheirPosition(NativeLuaEngine engine, boolean shim) throws Exception {
        byte[] bytes = allBytes(1);
        ByteBuffer heapSlice = ByteBuffer.wrap(bytes, 10, 20).slice(); // array offset 10
        heapSlice.position(5);
        ByteBuffer direct = ByteBuffer.allocateDirect(256).put(bytes).position(100).limit(110);
        ByteBuffer readOnlyHeap = ByteBuffer.wrap(bytes).asReadOnlyBuffer().position(250);
        ByteBuffer readOnlyDirect = ByteBuffer.allocateDirect(256).put(bytes).flip().asReadOnlyBuffer().position(3);
        try (Harness h = new Harness(engine)) {
            h.exec("capture(...)", heapSlice, direct, readOnlyHeap, readOnlyDirect);
            assertThat(h.captured.get(0)).isEqualTo(slice(bytes, 15, 15));
            assertThat(h.captured.get(1)).isEqualTo(slice(bytes, 100, 10));
            assertThat(h.captured.get(2)).isEqualTo(slice(bytes, 250, 6));
            assertThat(h.captured.get(3)).isEqualTo(slice(bytes, 3, 253));
            assertThat(heapSlice.position()).isEqualTo(5);
            assertThat(direct.position()).isEqualTo(100);
            assertThat(readOnlyHeap.position()).isEqualTo(250);
            assertThat(readOnlyDirect.position()).isEqualTo(3);
        }
    }

    private static byte[] slice(byte[] bytes, int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(bytes, from, out, 0, length);
        return out;
    }

    @ParameterizedTest(name = "{0} shim={1}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#pushPaths")
    void javaStringsBecomeTheirUtf8Bytes(NativeLuaEngine engine, boolean shim) throws Exception {
        String text = "Grüße \u0000 € \uD83D\uDE00";
        try (Harness h = new Harness(engine)) {
            h.exec("capture(...)", text, "plain ascii");
            assertThat(h.captured.get(0)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
            assertThat(h.captured.get(1)).isEqualTo("plain ascii".getBytes(StandardCharsets.US_ASCII));
        }
    }

    @ParameterizedTest(name = "{0} shim={1}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#pushPaths")
    void raisedMessagesKeepTheirBytes(NativeLuaEngine engine, boolean shim) throws Exception {
        String message = "bad argument #1 to 'Wörter' (string expected, got nil)";
        try (Harness h = new Harness(engine)) {
            h.onLoop(() -> {
                h.state.setGlobal("raise", (LuaFunction) frame -> {
                    throw new LuaRaise(message);
                });
                return null;
            });
            h.exec("local ok, msg = pcall(raise) capture(msg)");
            assertThat(h.captured.get(0)).isEqualTo(message.getBytes(StandardCharsets.UTF_8));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void chunkSourcesLoadAsBytes(NativeLuaEngine engine) throws Exception {
        // A string literal holding the raw bytes 0x80..0xFF, invalid UTF-8 as source text.
        byte[] high = new byte[128];
        for (int i = 0; i < high.length; i++) {
            high[i] = (byte) (0x80 + i);
        }
        byte[] head = "capture(\"".getBytes(StandardCharsets.US_ASCII);
        byte[] source = new byte[head.length + high.length + 2];
        System.arraycopy(head, 0, source, 0, head.length);
        System.arraycopy(high, 0, source, head.length, high.length);
        source[source.length - 2] = '"';
        source[source.length - 1] = ')';
        try (Harness h = new Harness(engine)) {
            h.onLoop(() -> {
                LuaValueRef chunk = h.state.load(source, "=bytes.lua");
                h.state.call(chunk);
                chunk.release();
                return null;
            });
            assertThat(h.captured.get(0)).isEqualTo(high);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void numbersReadAsBytesAreConvertedAsLuaDoes(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            h.exec("capture(12.5, 3, -0.25, 1e100)");
            assertThat(h.captured).extracting(b -> new String(b, StandardCharsets.US_ASCII))
                    .containsExactly("12.5", "3", "-0.25", "1e+100");
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jnlua", "luajit"})
    void theSystemPropertyForcesThePureJavaBridge(String name) throws Exception {
        String before = System.getProperty(ByteShim.PROPERTY);
        System.setProperty(ByteShim.PROPERTY, "false");
        NativeLuaEngine engine;
        try {
            engine = name.equals("jnlua") ? new Lua51Engine() : new LuajitEngine();
        } finally {
            if (before == null) {
                System.clearProperty(ByteShim.PROPERTY);
            } else {
                System.setProperty(ByteShim.PROPERTY, before);
            }
        }
        try (Harness h = new Harness(engine)) {
            assertThat(engine.usesByteShim()).isFalse();
            assertThat(h.exec(IS_ALL_BYTES, allBytes(2), 2)).containsExactly(true);
        }
    }
}
