package dev.c4j.host.state;

import dev.c4j.api.ByteString;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small typed binary form of plain values (null, Boolean, Double, ByteString, String, List, Map), exact to the
 * byte and to the key type. Hand-written because the state must keep every byte of a Lua string and the type of
 * every key ({@code 1} and {@code "1"} are different keys), which JSON cannot say without an encoding of its own.
 */
final class PlainValues {

    private static final int NIL = 0, FALSE = 1, TRUE = 2, NUMBER = 3, BYTES = 4, TEXT = 5, LIST = 6, MAP = 7;
    private static final int MAX_DEPTH = 200;

    private PlainValues() {
    }

    static void write(DataOutputStream out, Object value) throws IOException {
        write(out, value, 0);
    }

    private static void write(DataOutputStream out, Object value, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("value nested too deep");
        }
        if (value == null) {
            out.writeByte(NIL);
        } else if (value instanceof Boolean b) {
            out.writeByte(b ? TRUE : FALSE);
        } else if (value instanceof Number n) {
            out.writeByte(NUMBER);
            out.writeDouble(n.doubleValue());
        } else if (value instanceof ByteString s) {
            out.writeByte(BYTES);
            out.writeInt(s.length());
            out.write(s.toByteArray());
        } else if (value instanceof byte[] bytes) {
            out.writeByte(BYTES);
            out.writeInt(bytes.length);
            out.write(bytes);
        } else if (value instanceof String text) {
            byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            out.writeByte(TEXT);
            out.writeInt(bytes.length);
            out.write(bytes);
        } else if (value instanceof List<?> list) {
            out.writeByte(LIST);
            out.writeInt(list.size());
            for (Object element : list) {
                write(out, element, depth + 1);
            }
        } else if (value instanceof Map<?, ?> map) {
            out.writeByte(MAP);
            out.writeInt(map.size());
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                write(out, entry.getKey(), depth + 1);
                write(out, entry.getValue(), depth + 1);
            }
        } else {
            throw new IOException("not a plain value: " + value.getClass().getName());
        }
    }

    static Object read(DataInputStream in) throws IOException {
        return read(in, 0);
    }

    private static Object read(DataInputStream in, int depth) throws IOException {
        if (depth > MAX_DEPTH) {
            throw new IOException("value nested too deep");
        }
        int tag = in.readUnsignedByte();
        return switch (tag) {
            case NIL -> null;
            case FALSE -> Boolean.FALSE;
            case TRUE -> Boolean.TRUE;
            case NUMBER -> in.readDouble();
            case BYTES -> ByteString.wrap(readBytes(in));
            case TEXT -> new String(readBytes(in), java.nio.charset.StandardCharsets.UTF_8);
            case LIST -> {
                int n = count(in);
                List<Object> list = new java.util.ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    list.add(read(in, depth + 1));
                }
                yield list;
            }
            case MAP -> {
                int n = count(in);
                Map<Object, Object> map = new LinkedHashMap<>();
                for (int i = 0; i < n; i++) {
                    Object key = read(in, depth + 1);
                    map.put(key, read(in, depth + 1));
                }
                yield map;
            }
            default -> throw new IOException("unknown value tag " + tag);
        };
    }

    private static byte[] readBytes(DataInputStream in) throws IOException {
        byte[] bytes = new byte[count(in)];
        in.readFully(bytes);
        return bytes;
    }

    private static int count(DataInputStream in) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > in.available()) { // a count larger than the rest of the file is corruption
            throw new IOException("bad length " + n);
        }
        return n;
    }
}
