package dev.c4j.lua.spi.contract;

import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaRaise;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine SPI contract for bytes: Lua strings are bytes, exact in both directions. */
public abstract class BytesContract extends EngineContract {

    /** A Lua function that returns true when its argument is exactly the bytes 0..255 repeated. */
    public static final String IS_ALL_BYTES = """
            local s, times = ...
            if type(s) ~= "string" or #s ~= 256 * times then return false end
            for i = 1, #s do
              if s:byte(i) ~= (i - 1) % 256 then return false end
            end
            return true
            """;

    public static byte[] allBytes(int times) {
        byte[] bytes = new byte[256 * times];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    @Test
    void everyByteValueFromJavaToLua() throws Exception {
        assertThat(h.exec(IS_ALL_BYTES, allBytes(1), 1)).containsExactly(true);
        assertThat(h.exec(IS_ALL_BYTES, ByteBuffer.wrap(allBytes(3)), 3)).containsExactly(true);
        ByteBuffer direct = ByteBuffer.allocateDirect(256 * 2).put(allBytes(2)).flip();
        assertThat(h.exec(IS_ALL_BYTES, direct, 2)).containsExactly(true);
        assertThat(direct.position()).isZero();
        assertStackEmpty();
    }

    @Test
    void everyByteValueFromLuaToJava() throws Exception {
        h.exec("""
                local t = {}
                for i = 0, 255 do t[#t + 1] = string.char(i) end
                capture(table.concat(t))
                """);
        assertThat(h.captured).hasSize(1);
        assertThat(h.captured.get(0)).isEqualTo(allBytes(1));
    }

    @Test
    void roundTripsNulsInvalidUtf8AndLargeStrings() throws Exception {
        byte[] nuls = {0, 0, 'a', 0, 'b', 0};
        byte[] invalidUtf8 = {(byte) 0xC0, (byte) 0x80, (byte) 0xFF, (byte) 0xFE, (byte) 0xED, (byte) 0xA0,
                (byte) 0x80, (byte) 0xF4, (byte) 0x90, '"', '\\', '\n', '\r', 0};
        byte[] large = new byte[1 << 20];
        new Random(42).nextBytes(large);
        h.exec("capture(...)", nuls, invalidUtf8, large, new byte[0]);
        assertThat(h.captured).hasSize(4);
        assertThat(h.captured.get(0)).isEqualTo(nuls);
        assertThat(h.captured.get(1)).isEqualTo(invalidUtf8);
        assertThat(h.captured.get(2)).isEqualTo(large);
        assertThat(h.captured.get(3)).isEmpty();
        assertThat(h.exec("return #(...)", large)).containsExactly((double) large.length);
    }

    @Test
    void byteBuffersPushTheirRemainingBytesAndKeepTheirPosition() throws Exception {
        byte[] bytes = allBytes(1);
        ByteBuffer heapSlice = ByteBuffer.wrap(bytes, 10, 20).slice(); // array offset 10
        heapSlice.position(5);
        ByteBuffer direct = ByteBuffer.allocateDirect(256).put(bytes).position(100).limit(110);
        ByteBuffer readOnlyHeap = ByteBuffer.wrap(bytes).asReadOnlyBuffer().position(250);
        ByteBuffer readOnlyDirect = ByteBuffer.allocateDirect(256).put(bytes).flip().asReadOnlyBuffer().position(3);
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

    @Test
    void javaStringsBecomeTheirUtf8Bytes() throws Exception {
        String text = "Grüße \u0000 € \uD83D\uDE00";
        h.exec("capture(...)", text, "plain ascii");
        assertThat(h.captured.get(0)).isEqualTo(text.getBytes(StandardCharsets.UTF_8));
        assertThat(h.captured.get(1)).isEqualTo("plain ascii".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void raisedMessagesKeepTheirBytes() throws Exception {
        String message = "bad argument #1 to 'Wörter' (string expected, got nil)";
        h.onLoop(() -> {
            h.state.setGlobal("raise", (LuaFunction) frame -> {
                throw new LuaRaise(message);
            });
            return null;
        });
        h.exec("local ok, msg = pcall(raise) capture(msg)");
        assertThat(h.captured.get(0)).isEqualTo(message.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] slice(byte[] bytes, int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(bytes, from, out, 0, length);
        return out;
    }
}
