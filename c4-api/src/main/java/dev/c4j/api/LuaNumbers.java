package dev.c4j.api;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as text wherever the host, not the engine, turns a number into a string (host spec rule H8): as Lua 5.1's
 * {@code tostring} writes them, that is C's {@code "%.14g"}: {@code 80}, {@code 0.5}, {@code 1e+15}, {@code -0},
 * {@code nan}, {@code inf}.
 */
public final class LuaNumbers {

    private static final int SIGNIFICANT_DIGITS = 14;
    private static final MathContext ROUNDING = new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN);

    private LuaNumbers() {
    }

    /** {@code sprintf("%.14g", value)} as glibc prints it. */
    public static String format(double value) {
        if (value == (long) value && Math.abs(value) < 1e14 && (value != 0 || 1 / value > 0)) {
            return Long.toString((long) value); // the common case; %.14g prints these exactly
        }
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return "-0";
        }
        // glibc rounds the exact binary value, ties to even: BigDecimal(double) is that exact value.
        BigDecimal rounded = new BigDecimal(value).round(ROUNDING);
        int exponent = rounded.precision() - rounded.scale() - 1;
        BigDecimal digits = rounded.stripTrailingZeros();
        if (exponent < -4 || exponent >= SIGNIFICANT_DIGITS) {
            String mantissa = digits.movePointLeft(exponent).toPlainString();
            String sign = exponent < 0 ? "-" : "+";
            int magnitude = Math.abs(exponent);
            return mantissa + "e" + sign + (magnitude < 10 ? "0" : "") + magnitude;
        }
        return digits.toPlainString();
    }
}
