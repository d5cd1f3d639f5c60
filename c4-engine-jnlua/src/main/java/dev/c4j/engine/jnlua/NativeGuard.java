package dev.c4j.engine.jnlua;

import party.iroiro.luajava.LuaNatives;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * The guard of one native state ({@code src/main/c/c4j_guard.c}): a cap on its Lua memory, a check that stops native
 * recursion before the end of the thread's stack, and the interrupts of the runaway guard. Java talks to it through
 * memory shared with the C side, never through a JNI call on the hot path.
 *
 * <p>The memory cap applies only while {@link #enforce enforced}: while driver code runs under {@code lua_pcall}.
 * While Java works the stack itself (pushing a callback's arguments, inside a Java function called from Lua) a
 * failed allocation would be a Lua error outside any protected call, which ends the process; so Java's own
 * allocations always succeed, and may take the state a little past its cap.
 */
final class NativeGuard {

    /** The Lua C API functions the C side calls, in the order it expects them. */
    static final String[] API_FUNCTIONS = {"lua_getallocf", "lua_setallocf", "lua_sethook", "lua_gethookcount",
            "lua_getinfo", "lua_pushlstring", "lua_error", "lua_gc"};

    /**
     * Instructions between two runs of the count hook. Small enough that C recursion between two stack checks
     * stays well inside the quarter of the stack kept in reserve; large enough to cost nothing measurable.
     */
    static final int HOOK_COUNT = 1000;

    // the layout of struct shared in c4j_guard.c
    private static final int RUNNING = 0;
    private static final int INTERRUPT = 8;
    private static final int ENFORCE = 32;
    private static final int REFUSED = 36;
    private static final int MESSAGE_LENGTH = 40;
    private static final int MESSAGE = 48;
    private static final int MESSAGE_CAPACITY = 464;

    private static final VarHandle LONGS = MethodHandles.byteBufferViewVarHandle(long[].class, ByteOrder.nativeOrder());
    private static final VarHandle INTS = MethodHandles.byteBufferViewVarHandle(int[].class, ByteOrder.nativeOrder());

    private final long address;
    private final ByteBuffer shared;

    private NativeGuard(long address) {
        this.address = address;
        this.shared = GuardShim.shared(address).order(ByteOrder.nativeOrder());
    }

    /**
     * Guards the state {@code L} of the library behind {@code natives}, on the calling thread (the state's own);
     * {@code memoryLimit} 0: none. Null when the shim is not there.
     */
    static NativeGuard install(LuaNatives natives, long L, long memoryLimit) {
        long[] api = new long[API_FUNCTIONS.length];
        for (int i = 0; i < api.length; i++) {
            api[i] = ByteShim.symbol(natives, API_FUNCTIONS[i]);
            if (api[i] == 0) {
                return null;
            }
        }
        long address = GuardShim.install(L, api, memoryLimit, HOOK_COUNT);
        return address == 0 ? null : new NativeGuard(address);
    }

    /** Where the guard lives in native memory (for {@link NativeCalls}, which switches its memory cap). */
    long address() {
        return address;
    }

    /** The state's thread: the call now running (0: none). Read by the hook on this same thread. */
    void running(long id) {
        LONGS.set(shared, RUNNING, id);
    }

    /** Any thread: the hook raises {@code message} while call {@code id} runs. */
    void interrupt(long id, String message) {
        byte[] text = message.getBytes(StandardCharsets.UTF_8);
        int length = Math.min(text.length, MESSAGE_CAPACITY);
        shared.duplicate().position(MESSAGE).put(text, 0, length);
        INTS.setRelease(shared, MESSAGE_LENGTH, length);
        LONGS.setRelease(shared, INTERRUPT, id);
    }

    /** The state's thread: whether the memory cap applies from now on; returns whether it applied before. */
    boolean enforce(boolean on) {
        boolean before = (int) INTS.get(shared, ENFORCE) != 0;
        INTS.set(shared, ENFORCE, on ? 1 : 0);
        return before;
    }

    /** Whether an allocation was refused since the last call (and forgets it). */
    boolean takeRefused() {
        if ((int) INTS.get(shared, REFUSED) == 0) {
            return false;
        }
        INTS.set(shared, REFUSED, 0);
        return true;
    }

    /** After {@code lua_close}: the guard's memory. */
    void free() {
        GuardShim.free(address);
    }
}
