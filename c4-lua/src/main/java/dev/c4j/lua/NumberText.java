package dev.c4j.lua;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Numbers as text where the host, not the engine, turns a number into a string (spec H8): Lua 5.1's
 * {@code tostring}, that is C's {@code "%.14g"}: {@code 80}, {@code 0.5}, {@code 1e+15}.
 */
final class NumberText {

    private static final int SIGNIFICANT_DIGITS = 14;

    private NumberText() {
    }

    /** {@code sprintf("%.14g", value)} as glibc prints it. */
    static String lua51(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        // glibc rounds the exact binary value, ties to even: BigDecimal(double) is that exact value
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN));
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
