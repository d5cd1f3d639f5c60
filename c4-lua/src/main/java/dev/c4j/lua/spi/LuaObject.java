package dev.c4j.lua.spi;

/**
 * One userdata and its Java peer. The userdata is the object's identity: {@link #invoke} always passes that
 * same value as the callback's first argument. Loop thread only.
 *
 * <p>Lifetime: the adapter holds the userdata <em>weakly</em>, unless {@linkplain #pin pinned}. Handlers live
 * where the engine's collector sees them (LuaJ: Java fields; native Lua: the userdata's environment table), so
 * a handler closure capturing its own object does not keep it alive. Once Lua collected an unpinned object,
 * its peer's {@link Collectable#collected()} runs on the loop and {@link #invoke} does nothing.
 */
public interface LuaObject {

    Object peer();

    ObjectType type();

    /** Keeps the userdata alive until {@link #unpin()}. Idempotent (not counted). */
    void pin();

    void unpin();

    /**
     * Stores the function at {@code frame[argIndex]} as handler {@code slot}, or clears the slot when it is nil.
     * The caller has checked the type.
     */
    void setHandler(int slot, LuaFrame frame, int argIndex);

    void clearHandler(int slot);

    boolean hasHandler(int slot);

    /**
     * The number of fixed parameters of the handler in {@code slot}, or -1 when it is vararg (or a C/Java
     * function). -2 when the slot is empty.
     */
    int handlerParams(int slot);

    /**
     * Calls handler {@code slot} as {@code handler(self, args...)}. A Lua error is reported to the
     * {@link LuaHost} with its traceback and swallowed. Returns false when there was no handler to call (empty
     * slot, or the object was collected).
     */
    boolean invoke(int slot, Object... args);

    /** One-argument form of {@link #invoke(int, Object...)}, for the hot path (no varargs array). */
    boolean invoke(int slot, Object arg);

    /**
     * Like {@link #invoke} but returns up to {@code maxResults} results: nil → null, boolean → Boolean,
     * number → Double, anything else → a {@link LuaValueRef} the caller must release. Returns null when there
     * was no handler or it raised an error (already reported).
     */
    Object[] invokeForResults(int slot, int maxResults, Object... args);
}
