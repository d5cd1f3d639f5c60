package dev.c4j.console;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** Numbers as text the way the host writes them (rule H8): Lua 5.1's {@code tostring}, C's {@code %.14g}. */
final class LuaNumbers {

    private static final int PRECISION = 14;
    private static final MathContext FOURTEEN_DIGITS = new MathContext(PRECISION, RoundingMode.HALF_EVEN);

    private LuaNumbers() {
    }

    /** {@code 80}, {@code 0.5}, {@code 1e+15}, {@code 0.33333333333333}, {@code -0}, {@code inf}, {@code nan}. */
    static String toText(double value) {
        if (Double.isNaN(value)) {
            return "nan";
        }
        if (Double.isInfinite(value)) {
            return value > 0 ? "inf" : "-inf";
        }
        if (value == 0) {
            return 1 / value < 0 ? "-0" : "0";
        }
        // new BigDecimal(double) is the exact binary value, so rounding it half-even is what glibc's printf does
        BigDecimal rounded = new BigDecimal(value).round(FOURTEEN_DIGITS).stripTrailingZeros();
        int exponent = rounded.precision() - rounded.scale() - 1;
        if (exponent < -4 || exponent >= PRECISION) {
            String digits = rounded.unscaledValue().abs().toString();
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String sign = rounded.signum() < 0 ? "-" : "";
            return sign + mantissa + "e" + (exponent < 0 ? "-" : "+") + String.format("%02d", Math.abs(exponent));
        }
        return rounded.toPlainString();
    }
}
