package dev.c4j.lua.spi;

import dev.c4j.api.OpaqueValue;

/**
 * The table rules of the package documentation that do not depend on the engine, written once so that every
 * adapter applies them alike: which entries of a Java {@link java.util.Map} go into a Lua table, and which entries
 * of a Lua table stay in its plain copy. How deep a copy goes is {@link CopyPath}'s.
 */
public final class TableRules {

    private TableRules() {
    }

    /** Java → Lua: an entry is left out when its key or its value is an {@link OpaqueValue}, or its key is NaN. */
    public static boolean keepsMapEntry(Object key, Object value) {
        return !(key instanceof OpaqueValue || value instanceof OpaqueValue
                || key instanceof Number number && Double.isNaN(number.doubleValue()));
    }

    /**
     * Lua → Java: an entry is left out when its key copied to an {@link OpaqueValue}. (A table used as a key is left
     * out before it is copied.)
     */
    public static boolean keepsCopiedKey(Object key) {
        return !(key instanceof OpaqueValue);
    }
}
