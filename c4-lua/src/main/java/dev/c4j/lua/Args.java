package dev.c4j.lua;

import dev.c4j.lua.spi.LuaFrame;
import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaRaise;
import dev.c4j.lua.spi.LuaType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The arguments of one call from Lua, checked in Lua 5.1's style: {@code bad argument #1 to 'Listen' (string
 * expected, got nil)}. Arguments are numbered as Lua shows them: for methods ({@code obj:Name(...)}, and the
 * {@code C4:Name(...)} functions) {@code self} is not counted, so argument {@code n} is frame index {@code n + 1}.
 * Numbers and numeric strings coerce as {@code luaL_checknumber}/{@code luaL_checklstring} do.
 */
final class Args {

    private final LuaFrame frame;
    private final String name;
    private final int selfOffset; // 1 for methods (self at frame index 1), 0 for plain functions

    private Args(LuaFrame frame, String name, int selfOffset) {
        this.frame = frame;
        this.name = name;
        this.selfOffset = selfOffset;
    }

    /** The arguments of {@code self:name(...)}. */
    static Args method(LuaFrame frame, String name) {
        return new Args(frame, name, 1);
    }

    /** The arguments of a plain function {@code name(...)}. */
    static Args function(LuaFrame frame, String name) {
        return new Args(frame, name, 0);
    }

    /**
     * {@code body} for a call whose failures are results (spec H7): an argument error or a {@link Failure} gives
     * {@code nil, message} instead of a Lua error; the message keeps Lua's wording
     * ({@code bad argument #1 to 'Hash' (string expected, got nil)}).
     */
    static LuaFunction failSoftly(LuaFunction body) {
        return frame -> {
            try {
                return body.call(frame);
            } catch (LuaRaise | Failure e) {
                return LuaFunction.Results.of(null, e.getMessage());
            }
        };
    }

    String name() {
        return name;
    }

    LuaFrame frame() {
        return frame;
    }

    /** The frame index of argument {@code n}. */
    int index(int n) {
        return n + selfOffset;
    }

    /** The peer of {@code self} if it is an object of {@code peerType}, else a Lua error. */
    <T> T self(Class<T> peerType, String luaTypeName) {
        Object peer = frame.toPeer(1);
        if (peerType.isInstance(peer)) {
            return peerType.cast(peer);
        }
        throw new LuaRaise("calling '" + name + "' on bad self (" + luaTypeName + " expected, got "
                + frame.typeName(1) + ")");
    }

    LuaType type(int n) {
        return frame.type(index(n));
    }

    boolean isNoneOrNil(int n) {
        return type(n).isNoneOrNil();
    }

    /** A string's bytes (numbers converted); valid during the call only. */
    ByteBuffer checkBytes(int n) {
        ByteBuffer bytes = frame.toBytes(index(n));
        if (bytes == null) {
            throw typeError(n, "string");
        }
        return bytes;
    }

    /** A string's bytes (numbers converted), copied: for data kept or handed beyond the call. */
    byte[] checkByteArray(int n) {
        return copy(checkBytes(n));
    }

    /** A string as text (host names, option names, units): its bytes read as UTF-8. */
    String checkString(int n) {
        return text(checkBytes(n));
    }

    double checkNumber(int n) {
        Double value = frame.toNumber(index(n));
        if (value == null) {
            throw typeError(n, "number");
        }
        return value;
    }

    /** A number, or null when the argument is nil or absent. */
    Double optNumber(int n) {
        return isNoneOrNil(n) ? null : checkNumber(n);
    }

    boolean checkBoolean(int n) {
        if (type(n) != LuaType.BOOLEAN) {
            throw typeError(n, "boolean");
        }
        return frame.toBoolean(index(n));
    }

    /** Lua truthiness: false only for nil, false and an absent argument. */
    boolean toBoolean(int n) {
        return frame.toBoolean(index(n));
    }

    void checkFunction(int n) {
        if (type(n) != LuaType.FUNCTION) {
            throw typeError(n, "function");
        }
    }

    /** True for a function, false for nil or an absent argument; anything else is a Lua error. */
    boolean checkFunctionOrNil(int n) {
        if (isNoneOrNil(n)) {
            return false;
        }
        checkFunction(n);
        return true;
    }

    LuaRaise typeError(int n, String expected) {
        return error(n, expected + " expected, got " + frame.typeName(index(n)));
    }

    /** {@code bad argument #n to 'name' (detail)}. */
    LuaRaise error(int n, String detail) {
        return new LuaRaise("bad argument #" + n + " to '" + name + "' (" + detail + ")");
    }

    /**
     * A size or count as {@code lua_tointeger} gives it: fractions truncated toward zero, NaN as 0, beyond the
     * long range saturated. Callers validate the range.
     */
    static long truncate(double value) {
        return (long) value;
    }

    static String text(ByteBuffer bytes) {
        return StandardCharsets.UTF_8.decode(bytes.duplicate()).toString();
    }

    /** True if {@code bytes} holds exactly the bytes of {@code array} (compared in place, nothing copied). */
    static boolean equal(ByteBuffer bytes, byte[] array) {
        if (bytes.remaining() != array.length) {
            return false;
        }
        int position = bytes.position();
        for (int i = 0; i < array.length; i++) {
            if (bytes.get(position + i) != array[i]) {
                return false;
            }
        }
        return true;
    }

    static byte[] copy(ByteBuffer bytes) {
        byte[] copy = new byte[bytes.remaining()];
        bytes.duplicate().get(copy);
        return copy;
    }
}
