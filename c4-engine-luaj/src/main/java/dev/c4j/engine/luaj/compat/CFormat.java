package dev.c4j.engine.luaj.compat;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;

/**
 * The numeric conversions of glibc's {@code printf} that Lua 5.1's {@code string.format} passes through. Java's
 * {@code Formatter} differs in %g, exponent digits, rounding and inf/nan, so this follows C: decimal digits come from
 * the exact binary value rounded half-even (what glibc does in the default rounding mode), exponents have at least
 * two digits, and NaN prints as {@code nan} or {@code -nan} by its sign bit.
 */
final class CFormat {

    /**
     * One conversion as {@code lstrlib.c}'s {@code scanformat} lets it through: flags {@code -+ #0}, a width and a
     * precision of at most two digits each ({@code precision} -1 when there is no '.').
     */
    record Spec(boolean left, boolean plus, boolean space, boolean alt, boolean zero, int width, int precision,
                char conversion) {
        /** {@code LUAI_NUMFFORMAT}, the format of {@code tostring(number)}. */
        static final Spec G14 = new Spec(false, false, false, false, false, 0, 14, 'g');
    }

    private CFormat() {
    }

    /** %e %E %f %g %G. */
    static String formatDouble(Spec spec, double v) {
        boolean negative = Double.doubleToRawLongBits(v) < 0;
        String sign = negative ? "-" : spec.plus() ? "+" : spec.space() ? " " : "";
        boolean upper = Character.isUpperCase(spec.conversion());
        if (!Double.isFinite(v)) {
            String body = Double.isNaN(v) ? "nan" : "inf";
            return pad(spec, sign, upper ? body.toUpperCase(Locale.ROOT) : body, false);
        }
        double abs = Math.abs(v);
        int precision = spec.precision() < 0 ? 6 : spec.precision();
        String body = switch (Character.toLowerCase(spec.conversion())) {
            case 'e' -> exponential(abs, precision, spec.alt());
            case 'f' -> fixed(abs, precision, spec.alt());
            case 'g' -> general(abs, precision == 0 ? 1 : precision, spec.alt());
            default -> throw new IllegalArgumentException("not a floating-point conversion: " + spec.conversion());
        };
        return pad(spec, sign, upper ? body.toUpperCase(Locale.ROOT) : body, true);
    }

    /** %d %i of a C {@code long}. */
    static String formatSigned(Spec spec, long v) {
        boolean negative = v < 0;
        String digits = withPrecision(spec, Long.toUnsignedString(negative ? -v : v), v == 0);
        String sign = negative ? "-" : spec.plus() ? "+" : spec.space() ? " " : "";
        return pad(spec, sign, digits, spec.precision() < 0);
    }

    /** %o %u %x %X of a C {@code unsigned long}. */
    static String formatUnsigned(Spec spec, long v) {
        char conversion = spec.conversion();
        int radix = conversion == 'o' ? 8 : conversion == 'u' ? 10 : 16;
        String digits = withPrecision(spec, Long.toUnsignedString(v, radix), v == 0);
        if (conversion == 'X') {
            digits = digits.toUpperCase(Locale.ROOT);
        }
        String prefix = "";
        if (spec.alt()) {
            if (conversion == 'o' && !digits.startsWith("0")) {
                digits = "0" + digits;
            } else if ((conversion == 'x' || conversion == 'X') && v != 0) {
                prefix = conversion == 'x' ? "0x" : "0X";
            }
        }
        return pad(spec, prefix, digits, spec.precision() < 0);
    }

    /** Pads to the width: spaces after ('-'), zeros between sign/prefix and digits ('0'), or spaces before. */
    static String pad(Spec spec, String prefix, String body, boolean zeroPaddingAllowed) {
        int fill = spec.width() - prefix.length() - body.length();
        if (fill <= 0) {
            return prefix + body;
        }
        if (spec.left()) {
            return prefix + body + " ".repeat(fill);
        }
        if (spec.zero() && zeroPaddingAllowed) {
            return prefix + "0".repeat(fill) + body;
        }
        return " ".repeat(fill) + prefix + body;
    }

    private static String withPrecision(Spec spec, String digits, boolean zero) {
        int precision = spec.precision();
        if (precision == 0 && zero) {
            return "";
        }
        return digits.length() < precision ? "0".repeat(precision - digits.length()) + digits : digits;
    }

    private static String exponential(double abs, int precision, boolean alt) {
        Decimal d = Decimal.of(abs, precision + 1);
        StringBuilder sb = new StringBuilder(precision + 8).append(d.digits.charAt(0));
        if (precision > 0 || alt) {
            sb.append('.');
        }
        return sb.append(d.digits, 1, d.digits.length()).append(exponentSuffix(d.exponent)).toString();
    }

    private static String fixed(double abs, int precision, boolean alt) {
        String text = new BigDecimal(abs).setScale(precision, RoundingMode.HALF_EVEN).toPlainString();
        return precision == 0 && alt ? text + "." : text;
    }

    /** %g: %e or %f by the exponent after rounding to P significant digits, trailing zeros dropped unless '#'. */
    private static String general(double abs, int significant, boolean alt) {
        Decimal d = Decimal.of(abs, significant);
        int x = d.exponent;
        String integer;
        String fraction;
        String suffix = "";
        if (x >= -4 && x < significant) {
            integer = x >= 0 ? d.digits.substring(0, x + 1) : "0";
            fraction = x >= 0 ? d.digits.substring(x + 1) : "0".repeat(-x - 1) + d.digits;
        } else {
            integer = d.digits.substring(0, 1);
            // glibc quirk: when rounding up turns the %f form into the %e form (999999.5 with P=6), it keeps the
            // fraction length of the %f form, none; visible only with '#' ("1.e+06").
            fraction = x == significant && d.roundedUp ? "" : d.digits.substring(1);
            suffix = exponentSuffix(x);
        }
        if (!alt) {
            fraction = stripTrailingZeros(fraction);
        }
        return fraction.isEmpty() && !alt ? integer + suffix : integer + "." + fraction + suffix;
    }

    private static String exponentSuffix(int exponent) {
        int abs = Math.abs(exponent);
        return (exponent < 0 ? "e-" : "e+") + (abs < 10 ? "0" : "") + abs;
    }

    private static String stripTrailingZeros(String s) {
        int end = s.length();
        while (end > 0 && s.charAt(end - 1) == '0') {
            end--;
        }
        return s.substring(0, end);
    }

    /**
     * {@code digits} (exactly the requested count) of a non-negative finite value d.ddd × 10^exponent;
     * {@code roundedUp} when rounding carried into a new leading digit (9.99 → 10.0).
     */
    private record Decimal(String digits, int exponent, boolean roundedUp) {
        static Decimal of(double abs, int count) {
            if (abs == 0) {
                return new Decimal("0".repeat(count), 0, false);
            }
            Decimal shortest = count <= 15 && abs >= Double.MIN_NORMAL ? fromShortest(abs, count) : null;
            if (shortest != null) {
                return shortest;
            }
            BigDecimal exact = new BigDecimal(abs);
            BigDecimal rounded = exact.round(new MathContext(count, RoundingMode.HALF_EVEN));
            String unscaled = rounded.unscaledValue().toString();
            int exponent = unscaled.length() - 1 - rounded.scale();
            boolean roundedUp = exponent != exact.precision() - 1 - exact.scale();
            return new Decimal(unscaled + "0".repeat(count - unscaled.length()), exponent, roundedUp);
        }

        /**
         * Fast path: when {@code Double.toString} needs at most {@code count} digits, those digits are the rounded
         * ones. It round-trips, so it lies within half an ulp of the exact value, while for up to 15 digits the
         * nearest rounding boundary is several ulps away (not so for subnormals, whose ulp is relatively larger).
         */
        private static Decimal fromShortest(double abs, int count) {
            String text = Double.toString(abs); // "123.45", "1.0E-5", "1.2345E10"
            int e = text.indexOf('E');
            String mantissa = e < 0 ? text : text.substring(0, e);
            int dot = mantissa.indexOf('.');
            String digits = mantissa.substring(0, dot) + mantissa.substring(dot + 1);
            int first = 0;
            while (digits.charAt(first) == '0') {
                first++;
            }
            int last = digits.length();
            while (digits.charAt(last - 1) == '0') {
                last--;
            }
            if (last - first > count) {
                return null;
            }
            int exponent = dot - 1 - first + (e < 0 ? 0 : Integer.parseInt(text.substring(e + 1)));
            return new Decimal(digits.substring(first, last) + "0".repeat(count - (last - first)), exponent, false);
        }
    }
}
