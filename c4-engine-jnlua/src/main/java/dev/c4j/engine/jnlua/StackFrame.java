package dev.c4j.engine.jnlua;

import dev.c4j.lua.spi.LuaFrame;
import dev.c4j.lua.spi.LuaType;
import dev.c4j.lua.spi.LuaValueRef;
import party.iroiro.luajava.LuaNatives;

import java.nio.ByteBuffer;

/**
 * The arguments of one Lua-to-Java call, read straight off the Lua stack, or for a method called through
 * {@link NativeCalls}, the first {@link NativeCalls#MAX_DECODED} of them from what its C side read (copied here at
 * once: a nested call reuses that memory). Frames are reused by call depth (no allocation per call); one is valid
 * only during its call.
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
    // Arguments 1..decoded as the C side read them; index 0 unused.
    private int decoded;
    private final int[] types = new int[NativeCalls.MAX_DECODED + 1];
    private final int[] lengths = new int[NativeCalls.MAX_DECODED + 1];
    private final int[] offsets = new int[NativeCalls.MAX_DECODED + 1];
    private final double[] numbers = new double[NativeCalls.MAX_DECODED + 1];
    private final long[] pointers = new long[NativeCalls.MAX_DECODED + 1];

    StackFrame(NativeLuaState state, LuaNatives natives) {
        this.state = state;
        this.C = natives;
    }

    void enter(long L, int count, int readMark) {
        this.L = L;
        this.count = count;
        this.readMark = readMark;
        this.decoded = 0;
    }

    /** Takes the arguments the C side of a method call read. */
    void decoded(NativeCalls calls) {
        decoded = Math.min(count, NativeCalls.MAX_DECODED);
        for (int i = 1; i <= decoded; i++) {
            int type = calls.type(i);
            types[i] = type;
            switch (type) {
                case NativeLuaState.TSTRING -> {
                    lengths[i] = calls.length(i);
                    offsets[i] = calls.offset(i);
                }
                case NativeLuaState.TNUMBER, NativeLuaState.TBOOLEAN -> numbers[i] = calls.number(i);
                case NativeLuaState.TUSERDATA -> pointers[i] = calls.pointer(i);
                default -> {
                }
            }
        }
    }

    private int luaType(int index) {
        return index <= decoded ? types[index] : C.lua_type(L, index);
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
        return present(index) ? NativeLuaState.luaType(luaType(index)) : LuaType.NONE;
    }

    @Override
    public boolean toBoolean(int index) {
        if (!present(index)) {
            return false;
        }
        if (index <= decoded) {
            int type = types[index];
            return type == NativeLuaState.TBOOLEAN ? numbers[index] != 0 : type != NativeLuaState.TNIL;
        }
        return C.lua_toboolean(L, index) != 0;
    }

    @Override
    public Double toNumber(int index) {
        if (!present(index)) {
            return null;
        }
        if (index <= decoded && types[index] != NativeLuaState.TSTRING) { // a string may convert: Lua decides
            return types[index] == NativeLuaState.TNUMBER ? numbers[index] : null;
        }
        return C.lua_isnumber(L, index) != 0 ? C.lua_tonumber(L, index) : null;
    }

    /** Numbers are converted in place, as luaL_checklstring does. */
    @Override
    public ByteBuffer toBytes(int index) {
        if (!present(index)) {
            return null;
        }
        int type = luaType(index);
        if (index <= decoded && type == NativeLuaState.TSTRING && lengths[index] >= 0) {
            return state.scratchBytes(offsets[index], lengths[index]);
        }
        return type == NativeLuaState.TSTRING || type == NativeLuaState.TNUMBER
                ? state.bytesAt(L, index)
                : null;
    }

    @Override
    public Object toPeer(int index) {
        if (!present(index) || luaType(index) != NativeLuaState.TUSERDATA) {
            return null;
        }
        NativeLuaObject object = index <= decoded ? state.objectAtAddress(pointers[index]) : state.objectAt(L, index);
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
