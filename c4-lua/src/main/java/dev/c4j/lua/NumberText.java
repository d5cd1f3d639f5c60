package dev.c4j.lua;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Numbers as text the way Lua 5.1's {@code tostring} writes them: C's {@code %.14g} (rule H8). */
final class NumberText {

    private static final MathContext FOURTEEN_DIGITS = new MathContext(14, RoundingMode.HALF_EVEN);

    private NumberText() {
    }

    static String of(double v) {
        if (v == (long) v && Math.abs(v) < 1e14) {
            return v == 0 && 1 / v < 0 ? "-0" : Long.toString((long) v);
        }
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        // BigDecimal(v) is the exact binary value, so HALF_EVEN rounding matches glibc's printf.
        BigDecimal rounded = new BigDecimal(v).round(FOURTEEN_DIGITS);
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= 14) {
            BigDecimal mantissa = rounded.movePointLeft(exponent).stripTrailingZeros();
            String sign = exponent < 0 ? "-" : "+";
            int magnitude = Math.abs(exponent);
            return mantissa.toPlainString() + "e" + sign + (magnitude < 10 ? "0" : "") + magnitude;
        }
        return rounded.stripTrailingZeros().toPlainString();
    }
}
