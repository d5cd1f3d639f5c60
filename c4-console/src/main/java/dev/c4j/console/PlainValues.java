package dev.c4j.console;

import dev.c4j.api.LuaNumbers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Plain copies of Lua values (an entry point's result, the record's arguments) as JSON, written as
 * {@code C4:JsonEncode} with {@code encodeArrays} writes them: a table keyed exactly 1..n is an array, any other
 * table an object whose keys are text (numbers per rule H8); integral numbers below 2^53 have no fraction.
 */
final class PlainValues {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final double EXACT_INTEGERS = 0x1p53;

    private PlainValues() {
    }

    static JsonNode toJson(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String text) {
            return NODES.textNode(text);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return NODES.numberNode(((Number) value).longValue());
        }
        if (value instanceof BigInteger big) {
            return NODES.numberNode(big);
        }
        if (value instanceof Number number) {
            return number(number.doubleValue());
        }
        if (value instanceof Map<?, ?> table) {
            return isSequence(table) ? array(table) : object(table);
        }
        if (value instanceof List<?> list) {
            ArrayNode array = NODES.arrayNode();
            list.forEach(element -> array.add(toJson(element)));
            return array;
        }
        // dev.c4j.api.ByteString reads as its UTF-8 text, OpaqueValue as "<function>", ...: both are their toString()
        return NODES.textNode(value.toString());
    }

    /** A table key as text: strings as they are, numbers per H8, booleans {@code true}/{@code false}. */
    static String keyText(Object key) {
        return key instanceof Number number ? LuaNumbers.format(number.doubleValue()) : String.valueOf(key);
    }

    private static JsonNode number(double value) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return NODES.textNode(LuaNumbers.format(value)); // JSON has no such numbers: their Lua text
        }
        if (value == Math.rint(value) && Math.abs(value) < EXACT_INTEGERS) {
            return NODES.numberNode((long) value);
        }
        return NODES.numberNode(value);
    }

    /** Whether the keys are exactly the numbers 1..n (n at least 1). */
    private static boolean isSequence(Map<?, ?> table) {
        int size = table.size();
        if (size == 0) {
            return false;
        }
        boolean[] seen = new boolean[size + 1];
        for (Object key : table.keySet()) {
            int index = index(key, size);
            if (index == 0 || seen[index]) {
                return false;
            }
            seen[index] = true;
        }
        return true;
    }

    /** The key as an index 1..size, or 0 when it is none. */
    private static int index(Object key, int size) {
        if (!(key instanceof Number number)) {
            return 0;
        }
        double value = number.doubleValue();
        return value >= 1 && value <= size && value == Math.rint(value) ? (int) value : 0;
    }

    private static ArrayNode array(Map<?, ?> sequence) {
        Object[] elements = new Object[sequence.size()];
        sequence.forEach((key, element) -> elements[index(key, elements.length) - 1] = element);
        ArrayNode array = NODES.arrayNode();
        for (Object element : elements) {
            array.add(toJson(element));
        }
        return array;
    }

    private static ObjectNode object(Map<?, ?> table) {
        ObjectNode object = NODES.objectNode();
        table.forEach((key, element) -> object.set(keyText(key), toJson(element)));
        return object;
    }
}
