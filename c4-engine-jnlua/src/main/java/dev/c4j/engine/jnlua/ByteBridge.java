package dev.c4j.engine.jnlua;

import java.nio.ByteBuffer;

/**
 * How Lua strings cross as exact bytes where LuaJava 4.0.2 cannot do it well: its {@code push(String)} goes
 * through JNI's modified UTF-8, and each of its reads makes a new direct buffer through an upcall. The JNI shim
 * ({@link ShimByteBridge}) calls the Lua library directly; where it cannot load, {@link PureJavaByteBridge}
 * pushes exactly (slowly) and reads go through LuaJava.
 */
interface ByteBridge {

    /** Pushes a string of exactly these bytes. */
    void push(long L, byte[] bytes, int offset, int length);

    /** Pushes a string of exactly these bytes of a direct buffer ({@code offset} absolute; position unused). */
    void push(long L, ByteBuffer direct, int offset, int length);

    /**
     * Copies the string or number (converted in place, as Lua does) at {@code index} into the direct buffer
     * {@code target} at {@code offset} when it fits in {@code room} bytes; returns its length either way, or -1
     * when this bridge cannot read (then nothing happened).
     */
    int copyString(long L, int index, ByteBuffer target, int offset, int room);
}
