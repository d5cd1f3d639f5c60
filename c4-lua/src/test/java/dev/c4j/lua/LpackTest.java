package dev.c4j.lua;

import dev.c4j.lua.spi.LuaRaise;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** lpack (spec 7.6): the docs' example and rules L1–L7. */
class LpackTest {

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** pack(format, values...): values are Java numbers or strings, as Lua arguments 2, 3, ... */
    private static byte[] pack(String format, Object... values) {
        return Lpack.pack(ascii(format), new Lpack.Values() {
            @Override
            public double number(int argument) {
                return ((Number) values[argument - 2]).doubleValue();
            }

            @Override
            public byte[] string(int argument) {
                return ascii((String) values[argument - 2]);
            }
        });
    }

    /** unpack's results with strings shown as Java strings (one char per byte). */
    private static List<Object> unpack(byte[] data, String format, long init) {
        List<Object> shown = new ArrayList<>();
        for (Object value : Lpack.unpack(data, ascii(format), init)) {
            shown.add(value instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : value);
        }
        return shown;
    }

    @Test
    void theDocsExample() {
        assertThat(pack("b>l", 22, 16909060)).isEqualTo(bytes(22, 1, 2, 3, 4));
        assertThat(unpack(bytes(22, 1, 2, 3, 4), "b>l", 1)).containsExactly(6.0, 22.0, 16909060.0);
    }

    @Test
    void l1CountsRepeatAndSpacesAndCommasAreIgnored() {
        assertThat(pack("b3", 1, 2, 3)).isEqualTo(bytes(1, 2, 3));
        assertThat(pack("b, h b", 1, 2, 3)).isEqualTo(bytes(1, 2, 0, 3));
        assertThat(pack("A2", "ab", "cd")).isEqualTo(ascii("abcd"));
        assertThat(pack("b12", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12)).hasSize(12);
    }

    @Test
    void l2UnpackTakesDataThenFormatAndAOneBasedStart() {
        byte[] data = bytes(9, 9, 7, 0, 8);
        assertThat(unpack(data, "bh", 3)).containsExactly(6.0, 7.0, 8 * 256.0);
        assertThat(unpack(data, "", 1)).containsExactly(1.0);
    }

    @Test
    void l3WithATheCountIsALengthInUnpackOnly() {
        assertThat(unpack(ascii("hello world"), "A5", 1)).containsExactly(6.0, "hello");
        assertThat(unpack(ascii("hello"), "A", 1)).containsExactly(2.0, "h");
        assertThat(unpack(ascii("hello"), "A0b", 1)).containsExactly(2.0, "", (double) 'h');
    }

    @Test
    void l4UnpackStopsQuietlyAtTheFirstItemThatDoesNotFit() {
        assertThat(unpack(bytes(1, 2), "bbb", 1)).containsExactly(3.0, 1.0, 2.0);
        assertThat(unpack(bytes(1, 2, 3), "b>i", 1)).containsExactly(2.0, 1.0);
        assertThat(unpack(ascii("\u0005abc"), "p", 1)).containsExactly(1.0);
        assertThat(unpack(ascii("abc"), "A5", 1)).containsExactly(1.0);
        assertThat(unpack(ascii("abc"), "z", 1)).containsExactly(1.0);
        assertThat(unpack(bytes(1), "b", 5)).containsExactly(5.0);
    }

    @Test
    void l5SizesAreThirtyTwoBitCAndLittleEndianByDefault() {
        assertThat(pack("hil", 1, 2, 3)).isEqualTo(bytes(1, 0, 2, 0, 0, 0, 3, 0, 0, 0));
        assertThat(pack("=H>H<H", 1, 1, 1)).isEqualTo(bytes(1, 0, 0, 1, 1, 0));
        assertThat(pack("a", "xy")).isEqualTo(bytes(2, 0, 0, 0, 'x', 'y'));
        assertThat(pack(">P", "xy")).isEqualTo(bytes(0, 2, 'x', 'y'));
        assertThat(unpack(bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), "cbhH", 1))
                .containsExactly(7.0, -1.0, 255.0, -1.0, 65535.0);
        assertThat(unpack(bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), "iI", 1))
                .containsExactly(9.0, -1.0, 4294967295.0);
        assertThat(unpack(bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), "lL", 1))
                .containsExactly(9.0, -1.0, 4294967295.0);
    }

    @Test
    void l6NumbersAreTruncatedToTheirLowBitsAndLengthPrefixesCut() {
        assertThat(pack("b", 256)).isEqualTo(bytes(0));
        assertThat(pack("b", -1)).isEqualTo(bytes(255));
        assertThat(pack("b", 2.9)).isEqualTo(bytes(2));
        assertThat(pack("b", -2.9)).isEqualTo(bytes(254));
        assertThat(pack(">i", 4294967296.0 + 5)).isEqualTo(bytes(0, 0, 0, 5));
        byte[] packed = pack("p", "x".repeat(300));
        assertThat(packed).hasSize(301);
        assertThat(packed[0]).isEqualTo((byte) 44); // 300 mod 256
    }

    @Test
    void l7AnUnknownLetterFailsNamingIt() {
        assertThatThrownBy(() -> pack("bq", 1, 2)).isInstanceOf(LuaRaise.class).hasMessage("bad code `q' in template");
        assertThatThrownBy(() -> unpack(bytes(1), "x", 1)).isInstanceOf(LuaRaise.class).hasMessage("bad code `x' in template");
    }

    @Test
    void stringsAndFloatsRoundTrip() {
        byte[] packed = pack("zpPaAfdn", "zero", "byte", "word", "size", "bare", 1.5, Math.PI, -0.25);
        assertThat(unpack(packed, "zpPaA4fdn", 1))
                .containsExactly((double) packed.length + 1, "zero", "byte", "word", "size", "bare", 1.5, Math.PI, -0.25);
        assertThat(pack("z", "a")).isEqualTo(bytes('a', 0));
        assertThat(pack(">d", 1.0)).isEqualTo(bytes(0x3f, 0xf0, 0, 0, 0, 0, 0, 0));
    }
}
