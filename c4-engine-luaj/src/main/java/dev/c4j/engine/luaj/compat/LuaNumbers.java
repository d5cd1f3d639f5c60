package dev.c4j.engine.luaj.compat;

/**
 * Numbers as C Lua 5.1 converts them: to text with {@code LUAI_NUMFFORMAT "%.14g"}, from text with glibc's
 * {@code strtod} (decimal and hexadecimal) or {@code strtoul} (with a base), and to C integers the way an x86-64
 * build of 5.1 casts a double.
 *
 * <p>{@link #toString(double)}, {@link #parse(byte[], int, int)}, {@link #parse(byte[], int, int, int)} and
 * {@link #HARDWARE_NAN} are called from LuaJ's own classes once {@link LuaJPatcher} has rewritten them at build
 * time; keep their names and signatures stable. This class must not touch LuaJ classes in its static initializer:
 * it is initialized from inside {@code LuaDouble}'s.
 */
public final class LuaNumbers {

    /**
     * The NaN the processor produces for 0/0 (negative on x86-64, positive on ARM64), which C Lua 5.1 prints as
     * {@code -nan} or {@code nan}. LuaJ's own NaN constant is Java's canonical positive NaN; the patched
     * {@code LuaDouble} uses this one so that {@code 0/0} prints like C Lua on the same machine.
     */
    public static final double HARDWARE_NAN;

    static {
        double zero = 0.0; // a variable, so that javac does not fold 0.0/0.0 into the canonical NaN constant
        HARDWARE_NAN = zero / zero;
    }

    private LuaNumbers() {
    }

    /** {@code tostring(n)} of C Lua 5.1: {@code sprintf("%.14g", n)}. */
    public static String toString(double v) {
        if (v == (long) v && Math.abs(v) < 1e14 && (v != 0 || 1 / v > 0)) {
            return Long.toString((long) v); // fast path; %.14g prints these exactly
        }
        return CFormat.formatDouble(CFormat.Spec.G14, v);
    }

    /**
     * The number C Lua 5.1 reads from a string ({@code luaO_str2d} over glibc {@code strtod}): surrounding C
     * whitespace allowed, decimal or {@code 0x} hexadecimal (with optional fraction and {@code p} exponent), an
     * optional sign, {@code inf}/{@code infinity}; the string ends at its first NUL as a C string does.
     *
     * @return the number, or NaN when the text is not a number (LuaJ's convention; so glibc's "nan" is not one)
     */
    public static double parse(byte[] b, int offset, int length) {
        int end = cStringEnd(b, offset, length);
        int i = skipSpace(b, offset, end);
        int start = i;
        if (i < end && (b[i] == '+' || b[i] == '-')) {
            i++;
        }
        int numberEnd;
        String javaSyntax;
        if (i + 1 < end && b[i] == '0' && (b[i + 1] | 0x20) == 'x' && startsHexMantissa(b, i + 2, end)) {
            int mantissa = i + 2;
            int j = skipHexDigits(b, mantissa, end);
            if (j < end && b[j] == '.') {
                j = skipHexDigits(b, j + 1, end);
            }
            int mantissaEnd = j;
            String exponent = "p0"; // Java's hexadecimal syntax requires the binary exponent
            if (j < end && (b[j] | 0x20) == 'p' && hasExponentDigits(b, j + 1, end)) {
                int e = j + 1;
                j = skipDecimalDigits(b, e + (isSign(b[e]) ? 1 : 0), end);
                exponent = "p" + ascii(b, e, j);
            }
            numberEnd = j;
            javaSyntax = ascii(b, start, i) + "0x" + ascii(b, mantissa, mantissaEnd) + exponent;
        } else {
            int intEnd = skipDecimalDigits(b, i, end);
            int j = intEnd;
            int fracDigits = 0;
            if (j < end && b[j] == '.') {
                int fracEnd = skipDecimalDigits(b, j + 1, end);
                fracDigits = fracEnd - (j + 1);
                j = fracEnd;
            }
            if (intEnd == i && fracDigits == 0) {
                return parseInfinity(b, start, i, end);
            }
            if (j < end && (b[j] | 0x20) == 'e' && hasExponentDigits(b, j + 1, end)) {
                j = skipDecimalDigits(b, j + 1 + (isSign(b[j + 1]) ? 1 : 0), end);
            }
            numberEnd = j;
            if (numberEnd == intEnd && intEnd - i <= 15 && skipSpace(b, numberEnd, end) == end) {
                return integer(b, start, i, intEnd); // fast path for the common "42": exact, no parser needed
            }
            javaSyntax = ascii(b, start, numberEnd);
        }
        if (skipSpace(b, numberEnd, end) != end) {
            return Double.NaN;
        }
        return Double.parseDouble(javaSyntax);
    }

    /**
     * {@code tonumber(s, base)} of C Lua 5.1: glibc {@code strtoul} (whitespace, optional sign, {@code 0x} allowed
     * in base 16, wraps negatives modulo 2^64, saturates on overflow) then trailing whitespace; base 10 is the
     * standard conversion as in 5.1.
     *
     * @return the number, or NaN when the text is not a number in that base
     */
    public static double parse(byte[] b, int offset, int length, int base) {
        if (base == 10) {
            return parse(b, offset, length);
        }
        if (base < 2 || base > 36) {
            return Double.NaN;
        }
        int end = cStringEnd(b, offset, length);
        int i = skipSpace(b, offset, end);
        boolean negative = false;
        if (i < end && (b[i] == '+' || b[i] == '-')) {
            negative = b[i] == '-';
            i++;
        }
        if (base == 16 && i + 2 < end && b[i] == '0' && (b[i + 1] | 0x20) == 'x' && digitValue(b[i + 2]) < 16) {
            i += 2;
        }
        int digitsStart = i;
        long value = 0;
        boolean overflow = false;
        for (int d; i < end && (d = digitValue(b[i])) < base; i++) {
            long next = value * base + d;
            if (Long.compareUnsigned(value, Long.divideUnsigned(-1L - d, base)) > 0) {
                overflow = true;
            }
            value = next;
        }
        if (i == digitsStart || skipSpace(b, i, end) != end) {
            return Double.NaN;
        }
        if (overflow) {
            value = -1L; // ULONG_MAX, sign ignored as glibc does
        } else if (negative) {
            value = -value;
        }
        return unsignedToDouble(value);
    }

    private static double integer(byte[] b, int start, int digits, int end) {
        long value = 0;
        for (int i = digits; i < end; i++) {
            value = value * 10 + (b[i] - '0');
        }
        return b[start] == '-' ? -(double) value : value;
    }

    /** {@code (long) d} as x86-64 C code does it (cvttsd2si): NaN and out-of-range values give LONG_MIN. */
    static long toCLong(double d) {
        return d >= -0x1p63 && d < 0x1p63 ? (long) d : Long.MIN_VALUE;
    }

    /** {@code (int) d} as x86-64 C code does it: NaN and out-of-range values give INT_MIN. */
    static int toCInt(double d) {
        return d > -0x1p31 - 1 && d < 0x1p31 ? (int) d : Integer.MIN_VALUE;
    }

    /** {@code (unsigned long) d} as gcc compiles it for x86-64 (measured with Debian's lua5.1). */
    static long toCUnsignedLong(double d) {
        return d >= 0x1p63 ? toCLong(d - 0x1p63) ^ Long.MIN_VALUE : toCLong(d);
    }

    static double unsignedToDouble(long v) {
        return v >= 0 ? v : ((v >>> 1) | (v & 1)) * 2.0;
    }

    private static double parseInfinity(byte[] b, int start, int i, int end) {
        int j = matchWordIgnoreCase(b, i, end, "infinity");
        if (j < 0) {
            j = matchWordIgnoreCase(b, i, end, "inf");
        }
        if (j < 0 || skipSpace(b, j, end) != end) {
            return Double.NaN;
        }
        return b[start] == '-' ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    private static int matchWordIgnoreCase(byte[] b, int i, int end, String word) {
        if (end - i < word.length()) {
            return -1;
        }
        for (int k = 0; k < word.length(); k++) {
            if ((b[i + k] | 0x20) != word.charAt(k)) {
                return -1;
            }
        }
        return i + word.length();
    }

    private static boolean startsHexMantissa(byte[] b, int i, int end) {
        return i < end && (digitValue(b[i]) < 16 || (b[i] == '.' && i + 1 < end && digitValue(b[i + 1]) < 16));
    }

    private static boolean hasExponentDigits(byte[] b, int i, int end) {
        if (i < end && isSign(b[i])) {
            i++;
        }
        return i < end && b[i] >= '0' && b[i] <= '9';
    }

    private static boolean isSign(byte c) {
        return c == '+' || c == '-';
    }

    private static int cStringEnd(byte[] b, int offset, int length) {
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (b[i] == 0) {
                return i;
            }
        }
        return end;
    }

    private static int skipSpace(byte[] b, int i, int end) {
        while (i < end && CType.isSpace(b[i])) {
            i++;
        }
        return i;
    }

    private static int skipDecimalDigits(byte[] b, int i, int end) {
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i;
    }

    private static int skipHexDigits(byte[] b, int i, int end) {
        while (i < end && digitValue(b[i]) < 16) {
            i++;
        }
        return i;
    }

    /** 0-35 for [0-9a-zA-Z], 99 for anything else. */
    private static int digitValue(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int lower = c | 0x20;
        return lower >= 'a' && lower <= 'z' ? lower - 'a' + 10 : 99;
    }

    private static String ascii(byte[] b, int from, int to) {
        return new String(b, from, to - from, java.nio.charset.StandardCharsets.ISO_8859_1);
    }
}
