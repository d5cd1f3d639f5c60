package dev.c4j.engine.luaj;

import dev.c4j.lua.spi.LuaFrame;
import dev.c4j.lua.spi.LuaType;
import dev.c4j.lua.spi.LuaValueRef;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

import java.nio.ByteBuffer;

/** The arguments of one call from Lua into Java. */
final class LuajFrame implements LuaFrame {

    private final LuajState state;
    private final Varargs args;

    LuajFrame(LuajState state, Varargs args) {
        this.state = state;
        this.args = args;
    }

    LuaValue arg(int index) {
        return args.arg(index);
    }

    @Override
    public int count() {
        return args.narg();
    }

    @Override
    public LuaType type(int index) {
        return index > args.narg() ? LuaType.NONE : typeOf(args.arg(index));
    }

    static LuaType typeOf(LuaValue value) {
        return switch (value.type()) {
            case LuaValue.TNIL -> LuaType.NIL;
            case LuaValue.TBOOLEAN -> LuaType.BOOLEAN;
            case LuaValue.TNUMBER, LuaValue.TINT -> LuaType.NUMBER;
            case LuaValue.TSTRING -> LuaType.STRING;
            case LuaValue.TTABLE -> LuaType.TABLE;
            case LuaValue.TFUNCTION -> LuaType.FUNCTION;
            case LuaValue.TUSERDATA -> LuaType.USERDATA;
            case LuaValue.TTHREAD -> LuaType.THREAD;
            case LuaValue.TLIGHTUSERDATA -> LuaType.LIGHTUSERDATA;
            default -> LuaType.NONE;
        };
    }

    @Override
    public boolean toBoolean(int index) {
        return args.arg(index).toboolean();
    }

    @Override
    public Double toNumber(int index) {
        LuaValue value = args.arg(index);
        if (value.type() == LuaValue.TNUMBER || value.type() == LuaValue.TINT) {
            return value.todouble();
        }
        if (value.type() != LuaValue.TSTRING) {
            return null;
        }
        try {
            LuaValue number = value.tonumber();
            return number.isnil() ? null : number.todouble();
        } catch (RuntimeException e) { // LuaJ 3.0.1 throws on some malformed numerals, e.g. "0x"
            return null;
        }
    }

    @Override
    public ByteBuffer toBytes(int index) {
        LuaValue value = args.arg(index);
        int type = value.type();
        if (type != LuaValue.TSTRING && type != LuaValue.TNUMBER && type != LuaValue.TINT) {
            return null;
        }
        LuaString string = value.strvalue(); // numbers as Lua 5.1 writes them (Lua51Compat)
        return ByteBuffer.wrap(string.m_bytes, string.m_offset, string.m_length);
    }

    @Override
    public Object toPeer(int index) {
        return C4Userdata.peerOf(args.arg(index), state);
    }

    @Override
    public Object toValue(int index) {
        return LuajPlainCopier.copy(args.arg(index), state);
    }

    @Override
    public LuaValueRef ref(int index) {
        return new LuajValueRef(args.arg(index));
    }
}
