package dev.c4j.lua;

import dev.c4j.api.ByteString;
import dev.c4j.api.OpaqueValue;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** C4:JsonEncode / C4:JsonDecode rules (spec 7.1), one by one, on plain Java copies of Lua values. */
class JsonCodecTest {

    private static final JsonCodec.EncodeOptions PLAIN = new JsonCodec.EncodeOptions(false, false, false);
    private static final JsonCodec.EncodeOptions ARRAYS = new JsonCodec.EncodeOptions(false, true, false);
    private static final JsonCodec.EncodeOptions FORMATTED = new JsonCodec.EncodeOptions(true, false, false);
    private static final JsonCodec.EncodeOptions SYMMETRIC = new JsonCodec.EncodeOptions(false, false, true);

    /** A Lua table as toValue copies it: keys and values given in pairs. */
    private static Map<Object, Object> table(Object... pairs) {
        Map<Object, Object> table = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            table.put(lua(pairs[i]), lua(pairs[i + 1]));
        }
        return table;
    }

    /** Java literals as toValue gives them: strings as ByteString, numbers as Double. */
    private static Object lua(Object value) {
        if (value instanceof String s) {
            return ByteString.utf8(s);
        }
        if (value instanceof Number n) {
            return n.doubleValue();
        }
        return value;
    }

    private static String encode(Object value, JsonCodec.EncodeOptions options) {
        return new String(JsonCodec.encode(lua(value), options), StandardCharsets.ISO_8859_1);
    }

    private static Object decode(String text) {
        return JsonCodec.decode(text.getBytes(StandardCharsets.UTF_8), LinkedHashMap::new);
    }

    @Test
    void topLevelPrimitivesAreWrappedWithTheirTypeName() {
        assertThat(encode("Bar", PLAIN)).isEqualTo("{\":string:\":\"Bar\"}");
        assertThat(encode(42, PLAIN)).isEqualTo("{\":number:\":42}");
        assertThat(encode(true, PLAIN)).isEqualTo("{\":boolean:\":true}");
    }

    @Test
    void tablesAreObjectsByDefaultWithNumberKeysAsStrings() {
        assertThat(encode(table(1, "One", 2, "Two"), PLAIN)).isEqualTo("{\"1\":\"One\",\"2\":\"Two\"}");
        assertThat(encode(table(), PLAIN)).isEqualTo("{}");
    }

    @Test
    void encodeArraysTurnsExactSequencesIntoArrays() {
        assertThat(encode(table(1, "One", 2, "Two"), ARRAYS)).isEqualTo("[\"One\",\"Two\"]");
        assertThat(encode(table(), ARRAYS)).isEqualTo("[]");
        assertThat(encode(table(1, "a", 3, "c"), ARRAYS)).isEqualTo("{\"1\":\"a\",\"3\":\"c\"}");
        assertThat(encode(table(1, "a", "x", "y"), ARRAYS)).isEqualTo("{\"1\":\"a\",\"x\":\"y\"}");
        assertThat(encode(table(1.5, "a"), ARRAYS)).isEqualTo("{\"1.5\":\"a\"}");
        assertThat(encode(table("list", table(1, 10, 2, table())), ARRAYS)).isEqualTo("{\"list\":[10,[]]}");
    }

    @Test
    void keysAreSortedByTheirBytes() {
        assertThat(encode(table("b", 1, "a", 2, 10, 3, 2, 4, "B", 5, "\u00e9", 6), PLAIN))
                .isEqualTo("{\"10\":3,\"2\":4,\"B\":5,\"a\":2,\"b\":1,\"\u00c3\u00a9\":6}");
    }

    @Test
    void keysAreStringsNumbersPerH8OrBooleans() {
        assertThat(encode(table(1e15, 1, 0.5, 2, true, 3, false, 4, -3, 5), PLAIN))
                .isEqualTo("{\"-3\":5,\"0.5\":2,\"1e+15\":1,\"false\":4,\"true\":3}");
        assertThat(encode(table("x", 1, 1, 2), PLAIN)).isEqualTo("{\"1\":2,\"x\":1}");
        assertThatThrownBy(() -> JsonCodec.encode(Map.of(JsonCodec.NULL, 1.0), PLAIN))
                .isInstanceOf(Failure.class).hasMessage("cannot encode a key of type userdata");
    }

    @Test
    void aStringKeyAndANumberKeyOfTheSameTextKeepAFixedOrder() {
        Map<Object, Object> numberFirst = table(1, "n", "1", "s");
        Map<Object, Object> stringFirst = table("1", "s", 1, "n");
        assertThat(encode(numberFirst, PLAIN)).isEqualTo(encode(stringFirst, PLAIN)).isEqualTo("{\"1\":\"s\",\"1\":\"n\"}");
    }

    @Test
    void integralNumbersBelow2To53HaveNoFractionOrExponent() {
        assertThat(encode(table("a", 80, "b", -7, "c", 9007199254740991.0, "d", -0.0), PLAIN))
                .isEqualTo("{\"a\":80,\"b\":-7,\"c\":9007199254740991,\"d\":0}");
    }

    @Test
    void otherNumbersAreTheShortestTextThatReadsBackEqual() {
        assertThat(JsonCodec.numberText(0.1)).isEqualTo("0.1");
        assertThat(JsonCodec.numberText(-2.5)).isEqualTo("-2.5");
        assertThat(JsonCodec.numberText(1.0 / 3)).isEqualTo("0.3333333333333333");
        assertThat(JsonCodec.numberText(0x1p53)).isEqualTo("9007199254740992");
        assertThat(JsonCodec.numberText(1e20)).isEqualTo("1e20");
        assertThat(JsonCodec.numberText(1e300)).isEqualTo("1e300");
        assertThat(JsonCodec.numberText(-1.5e-7)).isEqualTo("-1.5e-7");
        assertThat(JsonCodec.numberText(123456789.125)).isEqualTo("123456789.125");
        assertThat(JsonCodec.numberText(2e-3)).isEqualTo("2e-3"); // shorter than 0.002
        assertThat(JsonCodec.numberText(0.25)).isEqualTo("0.25");
        for (double d : new double[]{0.1, 1.0 / 3, 1e20, 5e-324, 123456789.125, Math.PI * 1e100, 2.2250738585072014E-308}) {
            assertThat(Double.parseDouble(JsonCodec.numberText(d))).isEqualTo(d);
        }
    }

    @Test
    void nanAndInfinitiesFail() {
        assertThatThrownBy(() -> encode(table("x", Double.NaN), PLAIN)).isInstanceOf(Failure.class).hasMessage("cannot encode nan");
        assertThatThrownBy(() -> encode(Double.POSITIVE_INFINITY, PLAIN)).isInstanceOf(Failure.class).hasMessage("cannot encode inf");
    }

    @Test
    void stringsEscapeQuoteBackslashAndControlBytesAndCopyTheRest() {
        byte[] raw = {'"', '\\', '/', '\n', '\r', '\t', '\b', '\f', 1, 0x1f, 0x7f, (byte) 0xe9, (byte) 0xff};
        String expected = "\"\\\"\\\\/\\n\\r\\t\\b\\f\\u0001\\u001F\u007f\u00e9\u00ff\"";
        Map<Object, Object> value = Map.of(ByteString.wrap(raw), ByteString.wrap(raw));
        assertThat(new String(JsonCodec.encode(value, PLAIN), StandardCharsets.ISO_8859_1))
                .isEqualTo("{" + expected + ":" + expected + "}");
    }

    @Test
    void c4jsonNullIsNull() {
        assertThat(encode(table("a", JsonCodec.NULL), PLAIN)).isEqualTo("{\"a\":null}");
        assertThat(encode(JsonCodec.NULL, PLAIN)).isEqualTo("null");
    }

    @Test
    void whatJsonCannotHoldFails() {
        assertThatThrownBy(() -> encode(null, PLAIN)).isInstanceOf(Failure.class).hasMessage("cannot encode nil");
        assertThatThrownBy(() -> encode(table("f", OpaqueValue.FUNCTION), PLAIN)).hasMessage("cannot encode function");
        assertThatThrownBy(() -> encode(table("u", OpaqueValue.USERDATA), PLAIN)).hasMessage("cannot encode userdata");
        assertThatThrownBy(() -> encode(OpaqueValue.THREAD, PLAIN)).hasMessage("cannot encode thread");
        assertThatThrownBy(() -> encode(table("self", OpaqueValue.CYCLE), PLAIN))
                .hasMessage("cannot encode a table that contains itself (or is nested too deep)");
        assertThatThrownBy(() -> encode(new Object(), PLAIN)).hasMessage("cannot encode userdata");
    }

    @Test
    void formattedPutsOneMemberPerLineWithTabs() {
        assertThat(encode(table("b", table(1, true, 2, table()), "a", "x", "e", table()), new JsonCodec.EncodeOptions(true, true, false)))
                .isEqualTo("{\n\t\"a\" : \"x\",\n\t\"b\" : [\n\t\ttrue,\n\t\t[]\n\t],\n\t\"e\" : []\n}");
        assertThat(encode(table("k", table()), FORMATTED)).isEqualTo("{\n\t\"k\" : {}\n}");
        assertThat(encode("s", FORMATTED)).isEqualTo("{\n\t\":string:\" : \"s\"\n}");
    }

    @Test
    void symmetricMarksNumberKeysSoThatDecodingRebuildsTheTable() {
        Map<Object, Object> value = table(1, "a", "1", "b", 2.5, table(3, true));
        String json = encode(value, SYMMETRIC);
        assertThat(json).isEqualTo("{\"1\":\"b\",\":index:1\":\"a\",\":index:2.5\":{\":index:3\":true}}");
        assertThat(decode(json)).isEqualTo(value);
        assertThat(decode(encode("text", SYMMETRIC))).isEqualTo(lua("text"));
    }

    @Test
    void decodesObjectsWithStringKeysAndArraysAsSequences() {
        assertThat(decode("{\"1\":\"One\",\"a\":[1,2.5,true,false,\"x\"],\"o\":{}}"))
                .isEqualTo(table("1", "One", "a", List.of(1.0, 2.5, true, false, lua("x")), "o", table()));
        assertThat(decode("{\"a\":1,\"a\":2}")).isEqualTo(table("a", 2));
        assertThat(decode(" [ ] ")).isEqualTo(List.of());
        assertThat(decode("-12.5e1")).isEqualTo(-125.0);
        assertThat(decode("\"plain\"")).isEqualTo(lua("plain"));
    }

    @Test
    void escapesIncludingSurrogatePairsBecomeUtf8() {
        assertThat(decode("\"\\u00e9\\n\\/\\ud83d\\ude00\"")).isEqualTo(ByteString.wrap(
                new byte[]{(byte) 0xc3, (byte) 0xa9, '\n', '/', (byte) 0xf0, (byte) 0x9f, (byte) 0x98, (byte) 0x80}));
        assertThat(decode("\"caf\u00e9\"")).isEqualTo(lua("caf\u00e9"));
        assertThatThrownBy(() -> decode("\"\\ud800\"")).isInstanceOf(Failure.class).hasMessageContaining("lone surrogate");
    }

    @Test
    void nullIsAFreshEmptyTableOrTheSentinel() {
        Object decoded = decode("[null,null]");
        assertThat(decoded).isEqualTo(List.of(Map.of(), Map.of()));
        List<?> list = (List<?>) decoded;
        assertThat(list.get(0)).isNotSameAs(list.get(1));
        assertThat(JsonCodec.decode("{\"a\":null}".getBytes(StandardCharsets.UTF_8), () -> JsonCodec.NULL))
                .isEqualTo(Map.of(ByteString.utf8("a"), JsonCodec.NULL));
    }

    @Test
    void markersDecodeToTheirPrimitive() {
        assertThat(decode("{\":string:\":\"Bar\"}")).isEqualTo(lua("Bar"));
        assertThat(decode("{\":number:\":42}")).isEqualTo(42.0);
        assertThat(decode("{\":boolean:\":false}")).isEqualTo(false);
        assertThat(decode("{\"x\":{\":number:\":1}}")).isEqualTo(table("x", 1));
        assertThat(decode("{\":number:\":1,\"y\":2}")).isEqualTo(table(":number:", 1, "y", 2));
        assertThat(decode("{\":index:7\":1,\":index:x\":2,\":index:-1.5e+2\":3}"))
                .isEqualTo(table(7, 1, ":index:x", 2, -150, 3));
    }

    @Test
    void badTextFailsWithAMessage() {
        assertThatThrownBy(() -> decode("")).isInstanceOf(Failure.class).hasMessage("no JSON value in the text");
        assertThatThrownBy(() -> decode("   ")).isInstanceOf(Failure.class).hasMessage("no JSON value in the text");
        assertThatThrownBy(() -> decode("{\"a\":1} x")).isInstanceOf(Failure.class).hasMessageContaining("Unrecognized token 'x'");
        assertThatThrownBy(() -> decode("1 2")).isInstanceOf(Failure.class)
                .hasMessage("unexpected text after the JSON value at line 1, column 3");
        assertThatThrownBy(() -> decode("{\"a\":}")).isInstanceOf(Failure.class).hasMessageContaining("line 1, column 6");
        assertThatThrownBy(() -> decode("[1,]")).isInstanceOf(Failure.class);
        assertThatThrownBy(() -> decode("{a:1}")).isInstanceOf(Failure.class);
        assertThatThrownBy(() -> decode("NaN")).isInstanceOf(Failure.class);
        assertThatThrownBy(() -> decode("01")).isInstanceOf(Failure.class);
        assertThatThrownBy(() -> decode("\"tab\there\"")).isInstanceOf(Failure.class);
        assertThatThrownBy(() -> JsonCodec.decode(new byte[]{'"', (byte) 0xe9, '"'}, LinkedHashMap::new))
                .isInstanceOf(Failure.class).hasMessageContaining("UTF-8");
    }

    @org.junit.jupiter.api.Test
    void decodeErrorsSayWhereWithoutJacksonsSourceNotes() {
        assertThatThrownBy(() -> decode("{")).isInstanceOf(Failure.class)
                .hasMessageNotContaining("Source").hasMessageNotContaining("REDACTED")
                .hasMessageStartingWith("Unexpected end-of-input").hasMessageContaining("at line 1");
    }
}
