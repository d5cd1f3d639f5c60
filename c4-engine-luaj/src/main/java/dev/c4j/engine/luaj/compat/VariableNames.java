package dev.c4j.engine.luaj.compat;

import static org.luaj.vm2.Lua.GETARG_A;
import static org.luaj.vm2.Lua.GETARG_B;
import static org.luaj.vm2.Lua.GETARG_C;
import static org.luaj.vm2.Lua.GETARG_sBx;
import static org.luaj.vm2.Lua.GET_OPCODE;
import static org.luaj.vm2.Lua.INDEXK;
import static org.luaj.vm2.Lua.ISK;
import static org.luaj.vm2.Lua.OP_CALL;
import static org.luaj.vm2.Lua.OP_GETTABLE;
import static org.luaj.vm2.Lua.OP_GETTABUP;
import static org.luaj.vm2.Lua.OP_GETUPVAL;
import static org.luaj.vm2.Lua.OP_JMP;
import static org.luaj.vm2.Lua.OP_LOADNIL;
import static org.luaj.vm2.Lua.OP_MOVE;
import static org.luaj.vm2.Lua.OP_SELF;
import static org.luaj.vm2.Lua.OP_SETLIST;
import static org.luaj.vm2.Lua.OP_TAILCALL;
import static org.luaj.vm2.Lua.OP_TFORCALL;
import static org.luaj.vm2.Lua.testAMode;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;

/**
 * What a register holds, named as C Lua 5.1's error messages name it ({@code ldebug.c getobjname}):
 * {@code global 'Foo'}, {@code local 't'}, {@code field 'x'}, {@code method 'Send'}, {@code upvalue 'u'}.
 *
 * <p>LuaJ compiles to Lua 5.2 bytecode, so this reads 5.2 instructions and names them as 5.1 would have named
 * the 5.1 code for the same source: a global is a 5.2 {@code GETTABUP} of the {@code _ENV} upvalue (5.1's
 * {@code GETGLOBAL}); the field of an upvalue table is a {@code GETTABUP} of another upvalue (5.1: {@code GETUPVAL}
 * then {@code GETTABLE}, a field); a string constant loaded into a register has no name (5.1 has no "constant").
 */
final class VariableNames {

    private static final LuaString ENV = LuaValue.valueOf("_ENV");

    private VariableNames() {
    }

    /** {@code "local 't'"}, {@code "global 'Foo'"}, ... for register {@code reg} at instruction {@code pc}, or null. */
    static String ofRegister(Prototype p, int pc, int reg) {
        LuaString local = p.getlocalname(reg + 1, pc);
        if (local != null) {
            return "local '" + local.tojstring() + "'";
        }
        int setter = lastSetter(p, pc, reg);
        if (setter < 0) {
            return null;
        }
        int i = p.code[setter];
        return switch (GET_OPCODE(i)) {
            case OP_MOVE -> GETARG_B(i) < GETARG_A(i) ? ofRegister(p, setter, GETARG_B(i)) : null;
            case OP_GETTABUP -> (ENV.equals(upvalueName(p, GETARG_B(i))) ? "global '" : "field '")
                    + constantName(p, GETARG_C(i)) + "'";
            case OP_GETTABLE -> "field '" + constantName(p, GETARG_C(i)) + "'";
            case OP_GETUPVAL -> ofUpvalue(p, GETARG_B(i));
            case OP_SELF -> "method '" + constantName(p, GETARG_C(i)) + "'";
            default -> null;
        };
    }

    /** {@code "upvalue 'u'"}: an upvalue, as 5.1 names it once {@code GETUPVAL} put it in a register. */
    static String ofUpvalue(Prototype p, int index) {
        LuaString name = upvalueName(p, index);
        return "upvalue '" + (name == null ? "?" : name.tojstring()) + "'";
    }

    /**
     * The instruction before {@code lastpc} that last set {@code reg}, or -1: 5.1's symbolic execution
     * ({@code symbexec}), which follows forward jumps that do not pass {@code lastpc}.
     */
    private static int lastSetter(Prototype p, int lastpc, int reg) {
        int setter = -1;
        for (int pc = 0; pc < lastpc; pc++) {
            int i = p.code[pc];
            int op = GET_OPCODE(i);
            int a = GETARG_A(i);
            switch (op) {
                case OP_LOADNIL -> { // 5.2: registers a to a+b
                    if (a <= reg && reg <= a + GETARG_B(i)) {
                        setter = pc;
                    }
                }
                case OP_TFORCALL -> {
                    if (reg >= a + 2) {
                        setter = pc;
                    }
                }
                case OP_CALL, OP_TAILCALL -> {
                    if (reg >= a) {
                        setter = pc;
                    }
                }
                case OP_SELF -> {
                    if (reg == a || reg == a + 1) {
                        setter = pc;
                    }
                }
                case OP_JMP -> {
                    int dest = pc + 1 + GETARG_sBx(i);
                    if (pc < dest && dest <= lastpc) {
                        pc = dest - 1;
                    }
                }
                case OP_SETLIST -> {
                    if (GETARG_C(i) == 0) {
                        pc++; // the next word is its count, not an instruction
                    }
                }
                default -> {
                    if (testAMode(op) && reg == a) {
                        setter = pc;
                    }
                }
            }
        }
        return setter;
    }

    /** 5.1's {@code kname}: a string constant's text, else {@code ?}. */
    private static String constantName(Prototype p, int rk) {
        if (ISK(rk)) {
            LuaValue k = p.k[INDEXK(rk)];
            if (k.type() == LuaValue.TSTRING) {
                return k.tojstring();
            }
        }
        return "?";
    }

    private static LuaString upvalueName(Prototype p, int index) {
        return p.upvalues != null && index < p.upvalues.length ? p.upvalues[index].name : null;
    }
}
