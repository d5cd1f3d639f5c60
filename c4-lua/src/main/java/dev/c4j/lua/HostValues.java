package dev.c4j.lua;

import dev.c4j.api.LuaNumbers;
import dev.c4j.api.ByteString;
import dev.c4j.api.OpaqueValue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Plain copies of Lua values turned into what Director deals in (rules H6-H8): text, numbers, tables. */
final class HostValues {

    private HostValues() {
    }

    /** A scalar as text per H7/H8: strings as UTF-8, numbers as {@code %.14g}, booleans {@code "true"}/{@code "false"}. */
    static String text(Object value) {
        if (value instanceof ByteString s) {
            return s.utf8();
        }
        if (value instanceof Double d) {
            return LuaNumbers.format(d);
        }
        if (value instanceof Number n) {
            return LuaNumbers.format(n.doubleValue());
        }
        return String.valueOf(value);
    }

    /**
     * A parameter table the driver sends (H7): keys and values as text, {@code ""} values left out unless
     * {@code allowEmpty}; nested tables and functions are left out. Sorted by key for a stable record.
     */
    static Map<String, String> params(Object table, boolean allowEmpty) {
        Map<String, String> params = new TreeMap<>();
        if (table instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if (value instanceof Map || value instanceof OpaqueValue || value == null) {
                    return;
                }
                String text = text(value);
                if (allowEmpty || !text.isEmpty()) {
                    params.put(text(key), text);
                }
            });
        }
        return params;
    }

    /** An argument as the record shows it (H1): strings as text, tables as maps, functions as {@code "<function>"}. */
    static Object forRecord(Object value) {
        if (value instanceof ByteString s) {
            return s.utf8();
        }
        if (value instanceof OpaqueValue opaque) {
            return opaque.toString();
        }
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(forRecord(k), forRecord(v)));
            return copy;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            list.forEach(v -> copy.add(forRecord(v)));
            return copy;
        }
        return value;
    }

    /** A Java result as a record entry: the same rules as {@link #forRecord}. */
    static List<Object> forRecord(List<Object> values) {
        List<Object> copy = new ArrayList<>(values.size());
        values.forEach(v -> copy.add(forRecord(v)));
        return copy;
    }
}
