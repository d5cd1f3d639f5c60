package dev.c4j.engine.jnlua;

import java.nio.ByteBuffer;

/** The guard's half of the JNI shim ({@code src/main/c/c4j_guard.c}), in the library {@link ByteShim} loads. */
final class GuardShim {

    private GuardShim() {
    }

    /**
     * Guards the state {@code L} on the calling thread (the one that will use it): {@code api} holds the addresses
     * of {@link NativeGuard#API_FUNCTIONS} in order. Returns the guard, or 0.
     */
    static native long install(long L, long[] api, long memoryLimit, int hookCount);

    /** The part of the guard Java reads and writes. */
    static native ByteBuffer shared(long guard);

    /** After {@code lua_close}. */
    static native void free(long guard);
}
