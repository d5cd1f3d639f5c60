package dev.c4j.lua;

import dev.c4j.lua.spi.LuaFunction;

import java.util.HashMap;
import java.util.Map;
import java.util.function.IntBinaryOperator;
import java.util.function.IntUnaryOperator;

/**
 * The {@code bit} library drivers use (LuaBitOp's API plus {@code bit.mod}, spec section 9), for engines that lack
 * one (the prelude installs it only where {@code bit} is nil; LuaJIT has its own). Results are signed 32-bit:
 * {@code bit.lshift(0xc0, 24) == -1073741824}.
 */
final class BitLib {

    private BitLib() {
    }

    static Map<String, LuaFunction> functions() {
        Map<String, LuaFunction> bit = new HashMap<>();
        bit.put("tobit", unary("tobit", x -> x));
        bit.put("bnot", unary("bnot", x -> ~x));
        bit.put("bswap", unary("bswap", Integer::reverseBytes));
        bit.put("band", fold("band", (a, b) -> a & b));
        bit.put("bor", fold("bor", (a, b) -> a | b));
        bit.put("bxor", fold("bxor", (a, b) -> a ^ b));
        bit.put("lshift", shift("lshift", (x, n) -> x << n));
        bit.put("rshift", shift("rshift", (x, n) -> x >>> n));
        bit.put("arshift", shift("arshift", (x, n) -> x >> n));
        bit.put("rol", shift("rol", Integer::rotateLeft));
        bit.put("ror", shift("ror", Integer::rotateRight));
        bit.put("tohex", frame -> tohex(Args.function(frame, "tohex")));
        bit.put("mod", frame -> mod(Args.function(frame, "mod")));
        return bit;
    }

    /**
     * A Lua number as BitOp normalizes it: rounded to an integer (ties to even), then taken modulo 2^32 as a
     * signed 32-bit value.
     */
    static int toBit(double x) {
        return (int) (long) Math.rint(x);
    }

    private static int arg(Args args, int n) {
        return toBit(args.checkNumber(n));
    }

    private static LuaFunction unary(String name, IntUnaryOperator op) {
        return frame -> op.applyAsInt(arg(Args.function(frame, name), 1));
    }

    private static LuaFunction fold(String name, IntBinaryOperator op) {
        return frame -> {
            Args args = Args.function(frame, name);
            int result = arg(args, 1);
            for (int n = 2; n <= frame.count(); n++) {
                result = op.applyAsInt(result, arg(args, n));
            }
            return result;
        };
    }

    private static LuaFunction shift(String name, IntBinaryOperator op) {
        return frame -> {
            Args args = Args.function(frame, name);
            int x = arg(args, 1);
            return op.applyAsInt(x, arg(args, 2) & 31);
        };
    }

    /** {@code bit.tohex(x[, n])}: the low {@code |n|} hex digits (default 8, at most 8), uppercase when n < 0. */
    private static Object tohex(Args args) {
        int x = arg(args, 1);
        int n = args.isNoneOrNil(2) ? 8 : arg(args, 2);
        String digits = "0123456789abcdef";
        if (n < 0) {
            n = -n;
            digits = "0123456789ABCDEF";
        }
        n = Math.min(n, 8);
        char[] out = new char[Math.max(n, 0)];
        for (int i = out.length - 1; i >= 0; i--) {
            out[i] = digits.charAt(x & 15);
            x >>>= 4;
        }
        return new String(out);
    }

    /**
     * {@code bit.mod(a, b)}: the remainder of the 32-bit integers, truncated toward zero as C's {@code %} in the
     * bitlib the vendor's list stems from [CHOICE]; {@code b == 0} is an error.
     */
    private static Object mod(Args args) {
        int a = arg(args, 1);
        int b = arg(args, 2);
        if (b == 0) {
            throw args.error(2, "division by zero");
        }
        return a % b;
    }
}
