package dev.c4j.engine.jnlua;

import dev.c4j.lua.spi.Collectable;
import dev.c4j.lua.spi.LuaFrame;
import dev.c4j.lua.spi.LuaObject;
import dev.c4j.lua.spi.ObjectType;

/**
 * One of our userdata, known by its {@code id} in the state's weak {@code objects} table. Java never holds the
 * userdata itself: Lua alone decides its lifetime (see runtime.lua). Handler slots are 0..63; which are set is
 * mirrored here so that {@link #hasHandler} and an empty {@link #invoke} cost no call into Lua.
 */
final class NativeLuaObject implements LuaObject {
    static final int MAX_SLOT = 63;

    final NativeLuaState state;
    final long id;
    private final NativeObjectType type;
    private final Object peer;
    private long handlerSlots; // bit i set: handler i is set
    private boolean pinned;
    private boolean collected;

    NativeLuaObject(NativeLuaState state, NativeObjectType type, Object peer, long id) {
        this.state = state;
        this.type = type;
        this.peer = peer;
        this.id = id;
    }

    @Override
    public Object peer() {
        return peer;
    }

    @Override
    public ObjectType type() {
        return type;
    }

    boolean collected() {
        return collected;
    }

    /** Lua's __gc ran: record it and tell the peer on a later loop turn. Inside the collector: nothing more. */
    void collectedByLua() {
        collected = true;
        pinned = false;
        handlerSlots = 0;
        if (peer instanceof Collectable collectable) {
            state.loop.execute(collectable::collected);
        }
    }

    @Override
    public void pin() {
        if (!pinned && !collected) {
            state.pin(this, true);
            pinned = true;
        }
    }

    @Override
    public void unpin() {
        if (pinned) {
            pinned = false;
            state.pin(this, false);
        }
    }

    @Override
    public void setHandler(int slot, LuaFrame frame, int argIndex) {
        long bit = bit(slot);
        if (frame.type(argIndex).isNoneOrNil()) {
            clearHandler(slot);
        } else if (!collected) {
            state.setHandler(this, slot, (StackFrame) frame, argIndex);
            handlerSlots |= bit;
        }
    }

    @Override
    public void clearHandler(int slot) {
        long bit = bit(slot);
        if ((handlerSlots & bit) != 0) {
            state.setHandler(this, slot, null, 0);
            handlerSlots &= ~bit;
        }
    }

    @Override
    public boolean hasHandler(int slot) {
        return (handlerSlots & bit(slot)) != 0;
    }

    @Override
    public int handlerParams(int slot) {
        return hasHandler(slot) ? state.handlerParams(this, slot) : -2;
    }

    @Override
    public boolean invoke(int slot, Object... args) {
        return hasHandler(slot) && state.dispatch(this, slot, args);
    }

    @Override
    public boolean invoke(int slot, Object arg) {
        return hasHandler(slot) && state.dispatch(this, slot, arg);
    }

    @Override
    public Object[] invokeForResults(int slot, int maxResults, Object... args) {
        return hasHandler(slot) ? state.dispatchForResults(this, slot, maxResults, args) : null;
    }

    private static long bit(int slot) {
        if (slot < 0 || slot > MAX_SLOT) {
            throw new IllegalArgumentException("handler slot " + slot + " out of 0.." + MAX_SLOT);
        }
        return 1L << slot;
    }

    @Override
    public String toString() {
        return String.format("%s: 0x%08x%s", type.name(), id, collected ? " (collected)" : "");
    }
}
