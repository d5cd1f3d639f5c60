package dev.c4j.engine.luaj;

import dev.c4j.lua.spi.LuaFrame;
import dev.c4j.lua.spi.LuaObject;
import dev.c4j.lua.spi.ObjectType;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import java.lang.ref.WeakReference;

/**
 * One of our objects seen from the loop. The userdata is held weakly unless pinned; a new object's userdata is
 * held until it is first handed to Lua or pinned, so that it cannot vanish before Lua has seen it.
 */
final class LuajObject implements LuaObject {

    private final LuajState state;
    private final ObjectType type;
    private final Object peer;
    private final WeakReference<C4Userdata> userdata;
    private C4Userdata fresh;  // until first handed to Lua (or pinned)
    private C4Userdata strong; // while pinned

    LuajObject(LuajState state, ObjectType type, Object peer, C4Userdata userdata) {
        this.state = state;
        this.type = type;
        this.peer = peer;
        this.userdata = new WeakReference<>(userdata);
        this.fresh = userdata;
    }

    /** The userdata for a value handed to Lua; nil if it was collected (nothing in Lua can refer to it then). */
    LuaValue userdataForLua() {
        C4Userdata value = userdata.get();
        fresh = null;
        return value != null ? value : LuaValue.NIL;
    }

    /** What {@code tostring} shows, e.g. {@code "C4LuaTcpClient: 0x00000005"}. */
    @Override
    public String toString() {
        C4Userdata value = userdata.get();
        return value != null ? value.label : type.name() + " (collected)";
    }

    @Override
    public Object peer() {
        return peer;
    }

    @Override
    public ObjectType type() {
        return type;
    }

    @Override
    public void pin() {
        if (strong == null) {
            strong = userdata.get();
            if (strong != null) {
                state.pinned.add(this);
            }
        }
        fresh = null;
    }

    @Override
    public void unpin() {
        fresh = null;
        if (strong != null) {
            strong = null;
            state.pinned.remove(this);
        }
    }

    @Override
    public void setHandler(int slot, LuaFrame frame, int argIndex) {
        LuaValue function = ((LuajFrame) frame).arg(argIndex);
        C4Userdata value = userdata.get();
        if (value != null) {
            value.setHandler(slot, function.isnil() ? null : function);
        }
    }

    @Override
    public void clearHandler(int slot) {
        C4Userdata value = userdata.get();
        if (value != null) {
            value.setHandler(slot, null);
        }
    }

    @Override
    public boolean hasHandler(int slot) {
        return handler(slot) != null;
    }

    @Override
    public int handlerParams(int slot) {
        LuaValue handler = handler(slot);
        if (handler == null) {
            return -2;
        }
        if (handler instanceof LuaClosure closure && closure.p.is_vararg == 0) {
            return closure.p.numparams;
        }
        return -1; // vararg, or a Java function
    }

    private LuaValue handler(int slot) {
        C4Userdata value = userdata.get();
        return value != null ? value.handler(slot) : null;
    }

    @Override
    public boolean invoke(int slot, Object... args) {
        C4Userdata self = userdata.get();
        LuaValue handler = handler(self, slot);
        if (handler == null) {
            return false;
        }
        LuaValue[] values = new LuaValue[args.length + 1];
        values[0] = self;
        for (int i = 0; i < args.length; i++) {
            values[i + 1] = state.toLua(args[i]);
        }
        state.callLua(handler, LuaValue.varargsOf(values));
        return true;
    }

    @Override
    public boolean invoke(int slot, Object arg) {
        C4Userdata self = userdata.get();
        LuaValue handler = handler(self, slot);
        if (handler == null) {
            return false;
        }
        state.callLua(handler, self, state.toLua(arg));
        return true;
    }

    @Override
    public Object[] invokeForResults(int slot, int maxResults, Object... args) {
        C4Userdata self = userdata.get();
        LuaValue handler = handler(self, slot);
        if (handler == null) {
            return null;
        }
        LuaValue[] values = new LuaValue[args.length + 1];
        values[0] = self;
        for (int i = 0; i < args.length; i++) {
            values[i + 1] = state.toLua(args[i]);
        }
        Varargs results = state.callLua(handler, LuaValue.varargsOf(values));
        return results != null ? state.toJava(results, maxResults) : null;
    }

    /** The handler in {@code slot} of {@code self}; none once the object was collected or the state closed. */
    private LuaValue handler(C4Userdata self, int slot) {
        return self != null && !state.closed() ? self.handler(slot) : null;
    }
}
