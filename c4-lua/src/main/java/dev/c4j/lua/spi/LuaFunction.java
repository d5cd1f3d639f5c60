package dev.c4j.lua.spi;

import java.util.List;

/**
 * A Java function callable from Lua. Arguments arrive in a {@link LuaFrame} (index 1 is {@code self} for
 * methods called with {@code :}); the result converts as the package documentation says.
 * Throw {@link LuaRaise} to raise a Lua error.
 */
@FunctionalInterface
public interface LuaFunction {

    Object call(LuaFrame args);

    /** Several results, or none at all ({@link #NONE}), as a {@link LuaFunction}'s return value. */
    record Results(List<Object> values) {
        public static final Results NONE = new Results(List.of());

        public static Results of(Object... values) {
            return new Results(java.util.Arrays.asList(values));
        }
    }
}
