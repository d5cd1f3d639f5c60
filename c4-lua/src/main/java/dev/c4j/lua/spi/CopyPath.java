package dev.c4j.lua.spi;

import java.util.Arrays;

/**
 * The tables one plain copy is inside, outermost first (see the package documentation, "Lua values in Java"): a
 * table met again on this path is a cycle, and a table inside {@link LuaFrame#MAX_COPY_DEPTH} others is too deep;
 * either copies to {@link dev.c4j.api.OpaqueValue#CYCLE}. A table met twice on different paths is simply copied
 * twice. One per copy, used by the adapters as they walk their own tables.
 */
public final class CopyPath {

    private Object[] tables = new Object[8];
    private int depth;

    /**
     * Goes down into a table, known by anything whose {@code equals} tells tables apart (the table object itself,
     * or its address). False, and nothing entered, when the table is a cycle or too deep.
     */
    public boolean enter(Object table) {
        if (depth == LuaFrame.MAX_COPY_DEPTH) {
            return false;
        }
        for (int i = 0; i < depth; i++) {
            if (tables[i].equals(table)) {
                return false;
            }
        }
        if (depth == tables.length) {
            tables = Arrays.copyOf(tables, Math.min(2 * depth, LuaFrame.MAX_COPY_DEPTH));
        }
        tables[depth++] = table;
        return true;
    }

    /** Comes back up from the table last entered. */
    public void leave() {
        tables[--depth] = null;
    }
}
