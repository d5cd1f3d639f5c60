package dev.c4j.lua;

import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaRaise;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * lpack's {@code string.pack} and {@code string.unpack}, which the controller embeds instead of Lua 5.3's
 * functions of the same names (spec 7.6, rules L1–L7). Written here: no Java library implements lpack's format
 * letters, its argument order or its quiet stop at short data. Sizes are the controller's 32-bit C sizes (L5).
 */
final class Lpack {

    /** Where {@link #pack} takes its values: Lua's arguments, checked in Lua's words. */
    interface Values {
        double number(int argument);

        byte[] string(int argument);
    }

    private Lpack() {
    }

    /** {@code pack} and {@code unpack}, for the prelude to install into {@code string}. */
    static Map<String, LuaFunction> functions() {
        return Map.of(
                "pack", frame -> {
                    Args args = Args.function(frame, "pack");
                    return pack(args.checkByteArray(1), new Values() {
                        @Override
                        public double number(int argument) {
                            return args.checkNumber(argument);
                        }

                        @Override
                        public byte[] string(int argument) {
                            return args.checkByteArray(argument);
                        }
                    });
                },
                "unpack", frame -> {
                    Args args = Args.function(frame, "unpack");
                    byte[] data = args.checkByteArray(1);
                    byte[] format = args.checkByteArray(2);
                    Double init = args.optNumber(3);
                    long start = init == null ? 1 : Args.truncate(init);
                    if (start < 1) {
                        throw args.error(3, "initial position must be at least 1"); // [CHOICE] lpack does not check
                    }
                    return new LuaFunction.Results(unpack(data, format, start));
                });
    }

    /** L1: {@code pack(fmt, ...)}; a count repeats an item, each repetition taking the next argument (from 2 on). */
    static byte[] pack(byte[] format, Values values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean bigEndian = false;
        int argument = 2;
        for (Item item : Item.parse(format)) {
            if (item.letter == '<' || item.letter == '>' || item.letter == '=') {
                bigEndian = item.letter == '>';
                continue;
            }
            for (int n = 0; n < item.count; n++) {
                switch (item.letter) {
                    case 'A' -> out.writeBytes(values.string(argument++));
                    case 'z' -> {
                        out.writeBytes(values.string(argument++));
                        out.write(0);
                    }
                    case 'p', 'P', 'a' -> {
                        byte[] s = values.string(argument++);
                        writeInteger(out, s.length, lengthSize(item.letter), bigEndian); // L6: the prefix is cut to its width
                        out.writeBytes(s);
                    }
                    case 'f' -> writeInteger(out, Float.floatToRawIntBits((float) values.number(argument++)), 4, bigEndian);
                    case 'd', 'n' -> writeInteger(out, Double.doubleToRawLongBits(values.number(argument++)), 8, bigEndian);
                    default -> writeInteger(out, (long) values.number(argument++), integerSize(item.letter), bigEndian); // L6
                }
            }
        }
        return out.toByteArray();
    }

    /**
     * L2: {@code unpack(data, fmt[, init])} → {@code nextPos, v1, v2, ...}, positions 1-based. L4: the first item
     * that does not fit what is left stops the reading quietly, and {@code nextPos} is that item's position.
     */
    static List<Object> unpack(byte[] data, byte[] format, long init) {
        List<Object> results = new ArrayList<>();
        results.add(null); // nextPos, set at the end
        long at = init - 1;
        boolean bigEndian = false;
        reading:
        for (Item item : Item.parse(format)) {
            switch (item.letter) {
                case '<', '>', '=' -> bigEndian = item.letter == '>';
                case 'A' -> { // L3: the count is a length
                    if (at + item.count > data.length) {
                        break reading;
                    }
                    results.add(slice(data, at, item.count));
                    at += item.count;
                }
                default -> {
                    for (int n = 0; n < item.count; n++) {
                        long next = readOne(item.letter, data, at, bigEndian, results);
                        if (next < 0) {
                            break reading;
                        }
                        at = next;
                    }
                }
            }
        }
        results.set(0, (double) (at + 1));
        return results;
    }

    /** Reads one item at {@code at} into {@code results}; the position after it, or -1 when it does not fit. */
    private static long readOne(char letter, byte[] data, long at, boolean bigEndian, List<Object> results) {
        switch (letter) {
            case 'z' -> {
                int zero = at < data.length ? indexOfZero(data, (int) at) : -1;
                if (zero < 0) {
                    return -1; // [CHOICE] no terminator: the string does not fit
                }
                results.add(slice(data, at, zero - at));
                return zero + 1;
            }
            case 'p', 'P', 'a' -> {
                int width = lengthSize(letter);
                if (at + width > data.length) {
                    return -1;
                }
                long length = readInteger(data, (int) at, width, bigEndian, false);
                if (at + width + length > data.length) {
                    return -1;
                }
                results.add(slice(data, at + width, length));
                return at + width + length;
            }
            default -> {
                int size = numberSize(letter);
                if (at + size > data.length) {
                    return -1;
                }
                long bits = readInteger(data, (int) at, size, bigEndian, isSigned(letter));
                results.add(switch (letter) {
                    case 'f' -> (double) Float.intBitsToFloat((int) bits);
                    case 'd', 'n' -> Double.longBitsToDouble(bits);
                    default -> (double) bits;
                });
                return at + size;
            }
        }
    }

    /** One letter of a format with its count; spaces and commas are not items (L1), an unknown letter fails (L7). */
    private record Item(char letter, int count) {

        static List<Item> parse(byte[] format) {
            List<Item> items = new ArrayList<>();
            int i = 0;
            while (i < format.length) {
                char letter = (char) (format[i++] & 0xFF);
                int count = 1;
                if (i < format.length && isDigit(format[i])) {
                    count = 0;
                    while (i < format.length && isDigit(format[i])) {
                        count = count * 10 + (format[i++] - '0');
                    }
                }
                if (letter == ' ' || letter == ',') {
                    continue;
                }
                if ("<>=AzpPafdnbchHiIlL".indexOf(letter) < 0) {
                    throw new LuaRaise("bad code `" + letter + "' in template"); // lpack's own words
                }
                items.add(new Item(letter, count));
            }
            return items;
        }

        private static boolean isDigit(byte b) {
            return b >= '0' && b <= '9';
        }
    }

    private static int lengthSize(char letter) {
        return switch (letter) {
            case 'p' -> 1;
            case 'P' -> 2;
            default -> 4; // 'a': size_t, 4 on the controller (L5)
        };
    }

    private static int integerSize(char letter) {
        return switch (letter) {
            case 'b', 'c' -> 1;
            case 'h', 'H' -> 2;
            default -> 4; // i I l L: int and long are 4 (L5)
        };
    }

    private static int numberSize(char letter) {
        return switch (letter) {
            case 'f' -> 4;
            case 'd', 'n' -> 8;
            default -> integerSize(letter);
        };
    }

    /** {@code c} is signed (L5), as are {@code h}, {@code i} and {@code l}. */
    private static boolean isSigned(char letter) {
        return letter == 'c' || letter == 'h' || letter == 'i' || letter == 'l';
    }

    private static void writeInteger(ByteArrayOutputStream out, long bits, int size, boolean bigEndian) {
        for (int i = 0; i < size; i++) {
            int shift = 8 * (bigEndian ? size - 1 - i : i);
            out.write((int) (bits >>> shift));
        }
    }

    private static long readInteger(byte[] data, int at, int size, boolean bigEndian, boolean signed) {
        long value = 0;
        for (int i = 0; i < size; i++) {
            int b = data[at + (bigEndian ? i : size - 1 - i)] & 0xFF;
            value = value << 8 | b;
        }
        int unused = 64 - 8 * size;
        return signed ? value << unused >> unused : value;
    }

    private static int indexOfZero(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (data[i] == 0) {
                return i;
            }
        }
        return -1;
    }

    private static byte[] slice(byte[] data, long from, long length) {
        return Arrays.copyOfRange(data, (int) from, (int) (from + length));
    }
}
