package dev.c4j.engine.luaj.compat;

import java.util.Arrays;
import org.luaj.vm2.LuaString;

/** A growable byte buffer that builds Lua strings without ever going through a Java String. */
final class ByteSink {
    private byte[] bytes;
    private int length;

    ByteSink(int capacity) {
        bytes = new byte[Math.max(capacity, 16)];
    }

    ByteSink append(int b) {
        ensure(1);
        bytes[length++] = (byte) b;
        return this;
    }

    ByteSink append(byte[] source, int offset, int count) {
        ensure(count);
        System.arraycopy(source, offset, bytes, length, count);
        length += count;
        return this;
    }

    ByteSink append(LuaString s) {
        return append(s.m_bytes, s.m_offset, s.m_length);
    }

    /** Appends ASCII text (the output of the numeric conversions). */
    ByteSink appendAscii(String ascii) {
        ensure(ascii.length());
        for (int i = 0; i < ascii.length(); i++) {
            bytes[length++] = (byte) ascii.charAt(i);
        }
        return this;
    }

    LuaString toLuaString() {
        return LuaString.valueOf(Arrays.copyOf(bytes, length));
    }

    private void ensure(int more) {
        if (more > bytes.length - length) {
            long wanted = Math.max((long) length + more, 2L * bytes.length);
            if ((long) length + more > Integer.MAX_VALUE - 8) {
                throw new org.luaj.vm2.LuaError("not enough memory");
            }
            bytes = Arrays.copyOf(bytes, (int) Math.min(wanted, Integer.MAX_VALUE - 8));
        }
    }
}
