package dev.c4j.engine.luaj.compat;

import java.util.Arrays;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code string.format} of C Lua 5.1.5 ({@code str_format} in lstrlib.c) over the bytes of the format and the
 * arguments. Each item is what glibc's {@code sprintf} prints for it, including two quirks a driver can see:
 * the result of %c and %s ends at a NUL byte (5.1 measures the item with {@code strlen}), except that %s without
 * precision copies a string of 100 bytes or more unchanged.
 */
final class StringFormat extends VarArgFunction {
    private static final String NAME = "format";
    private static final String FLAGS = "-+ #0";

    @Override
    public Varargs invoke(Varargs args) {
        LuaString format = LibArgs.checkString(args, 1, NAME);
        Cursor f = new Cursor(format);
        ByteSink out = new ByteSink(format.m_length + 16);
        int arg = 1;
        while (f.hasMore()) {
            int c = f.next();
            if (c != '%') {
                out.append(c);
            } else if (f.peek() == '%') {
                out.append(f.next());
            } else {
                if (++arg > args.narg()) {
                    throw LibArgs.argError(arg, NAME, "no value");
                }
                addItem(out, scan(f), args, arg);
            }
        }
        return out.toLuaString();
    }

    private static void addItem(ByteSink out, CFormat.Spec spec, Varargs args, int arg) {
        switch (spec.conversion()) {
            case 'c' -> {
                byte[] c = {(byte) LuaNumbers.toCInt(LibArgs.checkNumber(args, arg, NAME))};
                appendUpToNul(out, padBytes(spec, c, 0, 1));
            }
            case 'd', 'i' -> out.appendAscii(
                    CFormat.formatSigned(spec, LuaNumbers.toCLong(LibArgs.checkNumber(args, arg, NAME))));
            case 'o', 'u', 'x', 'X' -> out.appendAscii(
                    CFormat.formatUnsigned(spec, LuaNumbers.toCUnsignedLong(LibArgs.checkNumber(args, arg, NAME))));
            case 'e', 'E', 'f', 'g', 'G' -> out.appendAscii(
                    CFormat.formatDouble(spec, LibArgs.checkNumber(args, arg, NAME)));
            case 'q' -> addQuoted(out, LibArgs.checkString(args, arg, NAME));
            case 's' -> {
                LuaString s = LibArgs.checkString(args, arg, NAME);
                if (spec.precision() < 0 && s.m_length >= 100) {
                    out.append(s); // 5.1 keeps a long string whole, NULs included
                } else {
                    int length = cLength(s);
                    if (spec.precision() >= 0) {
                        length = Math.min(length, spec.precision());
                    }
                    byte[] item = padBytes(spec, s.m_bytes, s.m_offset, length);
                    out.append(item, 0, item.length);
                }
            }
            default -> {
                // 5.1 builds this message with %c, so a NUL conversion character adds nothing.
                ByteSink message = new ByteSink(32).appendAscii("invalid option '%");
                if (spec.conversion() != 0) {
                    message.append(spec.conversion());
                }
                throw new LuaError(message.appendAscii("' to 'format'").toLuaString());
            }
        }
    }

    /** {@code scanformat}: flags, width and precision of at most two digits, then the conversion character. */
    private static CFormat.Spec scan(Cursor f) {
        int flagsStart = f.position;
        boolean left = false, plus = false, space = false, alt = false, zero = false;
        for (int c; (c = f.peek()) != 0 && FLAGS.indexOf(c) >= 0; f.next()) {
            left |= c == '-';
            plus |= c == '+';
            space |= c == ' ';
            alt |= c == '#';
            zero |= c == '0';
        }
        if (f.position - flagsStart > FLAGS.length()) {
            throw new LuaError("invalid format (repeated flags)");
        }
        int width = f.twoDigits();
        int precision = -1;
        if (f.peek() == '.') {
            f.next();
            precision = Math.max(f.twoDigits(), 0);
        }
        if (isDigit(f.peek())) {
            throw new LuaError("invalid format (width or precision too long)");
        }
        return new CFormat.Spec(left, plus, space, alt, zero, Math.max(width, 0), precision, (char) f.next());
    }

    /** {@code addquoted} of 5.1: only '"', '\\', newline, '\r' and NUL are escaped. */
    private static void addQuoted(ByteSink out, LuaString s) {
        out.append('"');
        for (int i = 0; i < s.m_length; i++) {
            int c = s.m_bytes[s.m_offset + i] & 0xff;
            switch (c) {
                case '"', '\\', '\n' -> out.append('\\').append(c);
                case '\r' -> out.appendAscii("\\r");
                case 0 -> out.appendAscii("\\000");
                default -> out.append(c);
            }
        }
        out.append('"');
    }

    /** %c and %s: the bytes padded with spaces to the width ('0' does not apply to them in glibc). */
    private static byte[] padBytes(CFormat.Spec spec, byte[] source, int offset, int length) {
        int fill = Math.max(spec.width() - length, 0);
        byte[] padded = new byte[length + fill];
        Arrays.fill(padded, (byte) ' ');
        System.arraycopy(source, offset, padded, spec.left() ? 0 : fill, length);
        return padded;
    }

    private static void appendUpToNul(ByteSink out, byte[] item) {
        int n = 0;
        while (n < item.length && item[n] != 0) {
            n++;
        }
        out.append(item, 0, n);
    }

    private static int cLength(LuaString s) {
        int n = 0;
        while (n < s.m_length && s.m_bytes[s.m_offset + n] != 0) {
            n++;
        }
        return n;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    /** Reads the format like a C string: past the end (or at an embedded NUL) it sees 0. */
    private static final class Cursor {
        private final byte[] bytes;
        private final int end;
        private int position;

        Cursor(LuaString s) {
            bytes = s.m_bytes;
            position = s.m_offset;
            end = s.m_offset + s.m_length;
        }

        boolean hasMore() {
            return position < end;
        }

        int peek() {
            return position < end ? bytes[position] & 0xff : 0;
        }

        int next() {
            int c = peek();
            position++;
            return c;
        }

        /** Up to two decimal digits, or -1 if there are none. */
        int twoDigits() {
            if (!isDigit(peek())) {
                return -1;
            }
            int value = next() - '0';
            return isDigit(peek()) ? value * 10 + next() - '0' : value;
        }
    }
}
