package dev.c4j.engine.luaj.compat;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.Map;
import org.luaj.vm2.LuaValue;

/**
 * {@code tostring} of tables, functions, userdata and threads as C Lua 5.1 writes it: {@code "table: 0x0000002a"}.
 * C Lua prints the object's address; LuaJ printed a Java hash code ({@code "table: 1fecc1b2"}, which two live
 * objects can share), a Java function's class or name, a chunk's line range, or a userdata's Java object. Here each
 * object gets a number the first time it is shown, kept while it lives and never given to another object, so the
 * text is unique per live object and stable for its life, as an address is.
 *
 * <p>Patched into the {@code tojstring()} of LuaJ's LuaValue, LuaFunction, LibFunction, LuaClosure and LuaUserdata
 * by {@link LuaJPatcher}; our own object userdata keep their {@code "C4LuaTimer: 0x..."} labels (they override it).
 */
public final class ObjectAddresses {

    private static final Map<Identity, Long> ADDRESSES = new HashMap<>();
    private static final ReferenceQueue<Object> COLLECTED = new ReferenceQueue<>();
    private static long lastAddress;

    private ObjectAddresses() {
    }

    /** {@code "table: 0x0000002a"}: the value's Lua type name and its address. */
    public static String tostring(LuaValue value) {
        return value.typename() + ": " + String.format("0x%08x", addressOf(value));
    }

    /** Lua objects live on coroutine threads too (LuaJ runs each coroutine on a thread of its own). */
    private static synchronized long addressOf(Object object) {
        forgetCollected();
        Long address = ADDRESSES.get(new Identity(object, null));
        if (address == null) {
            address = ++lastAddress;
            ADDRESSES.put(new Identity(object, COLLECTED), address);
        }
        return address;
    }

    private static void forgetCollected() {
        for (Object key; (key = COLLECTED.poll()) != null; ) {
            ADDRESSES.remove(key);
        }
    }

    /** A weak key compared by the identity of its object (LuaJ's values define equals as Lua's raw equality). */
    private static final class Identity extends WeakReference<Object> {
        private final int hash;

        Identity(Object object, ReferenceQueue<Object> queue) {
            super(object, queue);
            this.hash = System.identityHashCode(object);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object other) {
            if (this == other) {
                return true;
            }
            Object object = get();
            return other instanceof Identity identity && object != null && object == identity.get();
        }
    }
}
