package dev.c4j.engine.jnlua;

import dev.c4j.lua.spi.LuaFrame;
import dev.c4j.lua.spi.LuaType;
import dev.c4j.lua.spi.LuaValueRef;
import party.iroiro.luajava.LuaNatives;

import java.nio.ByteBuffer;

/**
 * The arguments of one Lua-to-Java call, read straight off the Lua stack. Frames are reused by call depth (no
 * allocation per call); one is valid only during its call.
 */
final class StackFrame implements LuaFrame {
    private final NativeLuaState state;
    private final LuaNatives C;
    long L;
    int count;
    // The last peer found, so that returning self for chaining pushes the argument again (one JNI call).
    NativeLuaObject lastPeer;
    int lastPeerIndex;
    private int readMark; // the state's read scratch top when this call began

    StackFrame(NativeLuaState state, LuaNatives natives) {
        this.state = state;
        this.C = natives;
    }

    void enter(long L, int count, int readMark) {
        this.L = L;
        this.count = count;
        this.readMark = readMark;
    }

    /** Returns the read scratch top to restore. */
    int exit() {
        lastPeer = null;
        return readMark;
    }

    private boolean present(int index) {
        return index >= 1 && index <= count;
    }

    @Override
    public int count() {
        return count;
    }

    @Override
    public LuaType type(int index) {
        return present(index) ? NativeLuaState.luaType(C.lua_type(L, index)) : LuaType.NONE;
    }

    @Override
    public boolean toBoolean(int index) {
        return present(index) && C.lua_toboolean(L, index) != 0;
    }

    @Override
    public Double toNumber(int index) {
        return present(index) && C.lua_isnumber(L, index) != 0 ? C.lua_tonumber(L, index) : null;
    }

    /** Numbers are converted in place, as luaL_checklstring does. */
    @Override
    public ByteBuffer toBytes(int index) {
        if (!present(index)) {
            return null;
        }
        int type = C.lua_type(L, index);
        return type == NativeLuaState.TSTRING || type == NativeLuaState.TNUMBER
                ? state.bytesAt(L, index)
                : null;
    }

    @Override
    public Object toPeer(int index) {
        if (!present(index) || C.lua_type(L, index) != NativeLuaState.TUSERDATA) {
            return null;
        }
        NativeLuaObject object = state.objectAt(L, index);
        if (object == null) {
            return null;
        }
        lastPeer = object;
        lastPeerIndex = index;
        return object.peer();
    }

    @Override
    public Object toValue(int index) {
        return present(index) ? NativePlainCopier.copy(state, C, L, index) : null;
    }

    @Override
    public LuaValueRef ref(int index) {
        return present(index) ? state.ref(L, index) : state.ref(L, 0);
    }
}
