package dev.c4j.engine.luaj.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CFormatTest {

    /** %.Ne from the exact binary value, the slow way: the reference for the fast path through Double.toString. */
    private static String reference(double v, int precision) {
        BigDecimal rounded = new BigDecimal(v).round(new MathContext(precision + 1, RoundingMode.HALF_EVEN));
        String digits = rounded.unscaledValue().toString();
        int exponent = digits.length() - 1 - rounded.scale();
        digits = digits + "0".repeat(precision + 1 - digits.length());
        String mantissa = precision == 0 ? digits : digits.charAt(0) + "." + digits.substring(1);
        return mantissa + (exponent < 0 ? "e-" : "e+") + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
    }

    @Test
    void shortDecimalsRoundLikeTheirExactBinaryValue() {
        Random random = new Random(20240601);
        for (int i = 0; i < 4_000; i++) {
            int digits = 1 + random.nextInt(15);
            long mantissa = Math.floorMod(random.nextLong(), (long) Math.pow(10, digits));
            double v = Double.parseDouble(mantissa + "e" + (random.nextInt(600) - 300));
            if (v < Double.MIN_NORMAL || Double.isInfinite(v)) {
                continue;
            }
            for (int precision = 0; precision <= 16; precision++) {
                CFormat.Spec spec = new CFormat.Spec(false, false, false, false, false, 0, precision, 'e');
                assertThat(CFormat.formatDouble(spec, v)).as("%%.%de of %s", precision, v)
                        .isEqualTo(reference(v, precision));
            }
        }
    }

    @Test
    void negativeZeroKeepsItsSign() {
        // LuaJ turns -0.0 into the integer 0, so only Java callers can reach this; C prints "-0".
        assertThat(LuaNumbers.toString(-0.0)).isEqualTo("-0");
        assertThat(LuaNumbers.toString(0.0)).isEqualTo("0");
    }
}
