package dev.c4j.lua;

import dev.c4j.api.ReadRequest;
import dev.c4j.api.ReadRequest.Match;
import dev.c4j.lua.spi.LuaValueRef;

import java.nio.ByteBuffer;

/**
 * {@code ReadUntil(fn)}: the driver's Lua function decides from the whole buffer (spec section 3.5).
 * {@code fn(data)} returns {@code done, n, replacement}: done removes the first {@code n} bytes (clamped; all of
 * them when {@code n} is missing) and delivers them, or {@code replacement} when that is not nil (false included);
 * not done discards the first {@code n} bytes when {@code n > 0}. A Lua error in {@code fn} is reported and
 * counts as "not yet".
 *
 * <p>The function is held for the life of its request only: the client releases it when the request is
 * finished, replaced or abandoned.
 */
final class LuaMatcher implements ReadRequest.Matcher {

    private final DriverContext ctx;
    private LuaValueRef function;

    LuaMatcher(DriverContext ctx, LuaValueRef function) {
        this.ctx = ctx;
        this.function = function;
    }

    @Override
    public Match match(ByteBuffer buffer) {
        if (function == null) {
            return Match.NOT_YET;
        }
        int length = buffer.remaining();
        Object[] results = ctx.call("a ReadUntil function", function, buffer);
        if (results == null) {
            return Match.NOT_YET;
        }
        Object done = result(results, 0);
        Object count = result(results, 1);
        Object replacement = result(results, 2);
        release(done);
        release(count);
        boolean isDone = done != null && !Boolean.FALSE.equals(done);
        if (!isDone) {
            release(replacement);
            long skip = count instanceof Double n ? Args.truncate(n) : 0;
            return skip > 0 ? new Match(false, (int) Math.min(skip, length), null) : Match.NOT_YET;
        }
        int consume = count instanceof Double n
                ? (int) Math.max(0, Math.min(Args.truncate(n), length))
                : Match.ALL_OR_NOTHING; // n missing: the whole buffer
        return new Match(true, consume, replacement);
    }

    void release() {
        if (function != null) {
            function.release();
            function = null;
        }
    }

    private static Object result(Object[] results, int index) {
        return index < results.length ? results[index] : null;
    }

    private static void release(Object value) {
        if (value instanceof LuaValueRef ref) {
            ref.release();
        }
    }
}
