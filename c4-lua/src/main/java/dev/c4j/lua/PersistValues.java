package dev.c4j.lua;

import dev.c4j.api.OpaqueValue;

import java.util.Map;

/** What may be persisted (§3.7): strings, numbers, booleans and nested tables of these; nothing else. */
final class PersistValues {

    private PersistValues() {
    }

    /** Why {@code value} cannot be stored, or null when it can. */
    static String unstorable(Object value) {
        if (value instanceof OpaqueValue opaque) {
            return opaque == OpaqueValue.CYCLE ? "a table that contains itself" : "a " + opaque.name().toLowerCase()
                    + " cannot be stored";
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                String why = unstorable(entry.getValue());
                if (why != null) {
                    return why;
                }
            }
        }
        return null;
    }

    /** Removes, at any depth, what cannot be stored (for {@code PersistData}); true when something was removed. */
    static boolean dropUnstorable(Map<Object, Object> table) {
        boolean dropped = table.values().removeIf(v -> v instanceof OpaqueValue);
        for (Object v : table.values()) {
            if (v instanceof Map<?, ?> nested) {
                @SuppressWarnings("unchecked")
                Map<Object, Object> inner = (Map<Object, Object>) nested;
                dropped |= dropUnstorable(inner);
            }
        }
        return dropped;
    }
}
