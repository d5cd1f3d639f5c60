package dev.c4j.engine.jnlua;

import party.iroiro.luajava.LuaNatives;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The portable exact bridge, used when the JNI shim is not available. Pushes by loading the chunk
 * {@code return "..."} through {@code luaL_loadbuffer} (which takes bytes as they are) and running it: inside the
 * quotes every byte stands for itself except the four the lexer reads specially ({@code \ " LF CR}) and NUL,
 * which are escaped. Reads are left to LuaJava's direct-buffer views. One state only: it owns a scratch buffer.
 */
final class PureJavaByteBridge implements ByteBridge {
    private static final byte[] OPEN = "return \"".getBytes(StandardCharsets.US_ASCII);
    private static final int WORST_CASE_PER_BYTE = 4; // NUL becomes \000

    private final LuaNatives C;
    private byte[] source = new byte[1024];
    private ByteBuffer chunk = ByteBuffer.allocateDirect(1024);

    PureJavaByteBridge(LuaNatives natives) {
        this.C = natives;
    }

    @Override
    public void push(long L, byte[] bytes, int offset, int length) {
        int n = open(length);
        for (int i = offset, end = offset + length; i < end; i++) {
            n = escape(bytes[i], n);
        }
        run(L, n);
    }

    @Override
    public void push(long L, ByteBuffer direct, int offset, int length) {
        int n = open(length);
        for (int i = offset, end = offset + length; i < end; i++) {
            n = escape(direct.get(i), n);
        }
        run(L, n);
    }

    @Override
    public int copyString(long L, int index, ByteBuffer target, int offset, int room) {
        return -1;
    }

    private int open(int length) {
        int worst = OPEN.length + WORST_CASE_PER_BYTE * length + 1;
        if (source.length < worst) {
            source = new byte[Math.max(worst, 2 * source.length)];
            chunk = ByteBuffer.allocateDirect(source.length);
        }
        System.arraycopy(OPEN, 0, source, 0, OPEN.length);
        return OPEN.length;
    }

    private int escape(byte b, int n) {
        byte[] s = source;
        switch (b) {
            case '\\', '"' -> { s[n++] = '\\'; s[n++] = b; }
            case '\n' -> { s[n++] = '\\'; s[n++] = 'n'; }
            case '\r' -> { s[n++] = '\\'; s[n++] = 'r'; }
            case 0 -> { s[n++] = '\\'; s[n++] = '0'; s[n++] = '0'; s[n++] = '0'; }
            default -> s[n++] = b;
        }
        return n;
    }

    private void run(long L, int n) {
        source[n++] = '"';
        chunk.clear();
        chunk.put(source, 0, n);
        if (C.luaJ_loadbuffer(L, chunk, n, "=bytes") != 0 || C.lua_pcall(L, 0, 1, 0) != 0) {
            String message = C.lua_tostring(L, -1);
            C.lua_pop(L, 1);
            throw new IllegalStateException("c4j: the pure-Java byte push failed: " + message);
        }
    }
}
