package dev.c4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlainValuesTest {

    private static String json(Object value) {
        return PlainValues.toJson(value).toString();
    }

    /** A Lua table as a plain copy holds it: keys of any type, in the engine's order. */
    private static Map<Object, Object> table(Object... keysAndValues) {
        Map<Object, Object> table = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            table.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return table;
    }

    @Test
    void scalarsAreTheirJson() {
        assertThat(json(null)).isEqualTo("null");
        assertThat(json("a \"quoted\" text")).isEqualTo("\"a \\\"quoted\\\" text\"");
        assertThat(json(true)).isEqualTo("true");
        assertThat(json(42)).isEqualTo("42");
    }

    @Test
    void integralNumbersHaveNoFraction() {
        assertThat(json(80.0)).isEqualTo("80");
        assertThat(json(-3.0)).isEqualTo("-3");
        assertThat(json(0.5)).isEqualTo("0.5");
        assertThat(json(0x1p53)).isEqualTo("9.007199254740992E15");
    }

    @Test
    void numbersJsonCannotHoldAreTheirLuaText() {
        assertThat(json(Double.NaN)).isEqualTo("\"nan\"");
        assertThat(json(Double.NEGATIVE_INFINITY)).isEqualTo("\"-inf\"");
    }

    @Test
    void aTableKeyedOneToNIsAnArrayInKeyOrder() {
        assertThat(json(table(2.0, "b", 1.0, "a", 3.0, "c"))).isEqualTo("[\"a\",\"b\",\"c\"]");
    }

    @Test
    void anyOtherTableIsAnObjectWithTextKeys() {
        assertThat(json(table(1.0, "a", 3.0, "c"))).isEqualTo("{\"1\":\"a\",\"3\":\"c\"}");
        assertThat(json(table("name", "x", 0.5, 1.0, true, false))).isEqualTo("{\"name\":\"x\",\"0.5\":1,\"true\":false}");
        assertThat(json(table())).isEqualTo("{}");
    }

    @Test
    void nestedTablesAndListsKeepNils() {
        List<Object> args = new ArrayList<>(Arrays.asList("Port", null, table("k", table(1.0, 2.0))));
        assertThat(json(args)).isEqualTo("[\"Port\",null,{\"k\":[2]}]");
    }

    @Test
    void otherValuesAreTheirText() {
        Object byteString = new Object() {
            @Override
            public String toString() {
                return "caf\u00e9"; // as dev.c4j.api.ByteString.toString() reads its bytes: UTF-8
            }
        };
        assertThat(json(table("data", byteString))).isEqualTo("{\"data\":\"caf\u00e9\"}");
    }
}
