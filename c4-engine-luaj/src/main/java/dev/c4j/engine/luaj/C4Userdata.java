package dev.c4j.engine.luaj;

import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;

import java.util.Arrays;

/**
 * The userdata of one of our objects. Its handlers live here, in plain Java fields that only the userdata
 * references, so a handler closure capturing its own object forms a cycle the JVM collects.
 */
final class C4Userdata extends LuaUserdata {

    private static final LuaValue[] NO_HANDLERS = {};

    final LuajState state;
    final String label; // what tostring shows: "C4LuaTcpServer: 0x0000002a"
    private LuaValue[] handlers = NO_HANDLERS;

    C4Userdata(LuajState state, Object peer, LuaValue metatable, String label) {
        super(peer, metatable);
        this.state = state;
        this.label = label;
    }

    /** The peer of {@code value} when it is one of {@code state}'s objects, else null. */
    static Object peerOf(LuaValue value, LuajState state) {
        return value instanceof C4Userdata userdata && userdata.state == state ? userdata.m_instance : null;
    }

    LuaValue handler(int slot) {
        return slot < handlers.length ? handlers[slot] : null;
    }

    void setHandler(int slot, LuaValue function) {
        if (slot >= handlers.length) {
            if (function == null) {
                return;
            }
            handlers = Arrays.copyOf(handlers, slot + 1);
        }
        handlers[slot] = function;
    }

    @Override
    public String tojstring() {
        return label;
    }
}
