package dev.c4j.engine.luaj.compat;

import static org.luaj.vm2.Lua.GETARG_A;
import static org.luaj.vm2.Lua.GETARG_B;
import static org.luaj.vm2.Lua.GETARG_C;
import static org.luaj.vm2.Lua.GET_OPCODE;
import static org.luaj.vm2.Lua.INDEXK;
import static org.luaj.vm2.Lua.ISK;
import static org.luaj.vm2.Lua.OP_ADD;
import static org.luaj.vm2.Lua.OP_CALL;
import static org.luaj.vm2.Lua.OP_CONCAT;
import static org.luaj.vm2.Lua.OP_DIV;
import static org.luaj.vm2.Lua.OP_GETTABLE;
import static org.luaj.vm2.Lua.OP_GETTABUP;
import static org.luaj.vm2.Lua.OP_LE;
import static org.luaj.vm2.Lua.OP_LEN;
import static org.luaj.vm2.Lua.OP_LT;
import static org.luaj.vm2.Lua.OP_MOD;
import static org.luaj.vm2.Lua.OP_MUL;
import static org.luaj.vm2.Lua.OP_POW;
import static org.luaj.vm2.Lua.OP_SELF;
import static org.luaj.vm2.Lua.OP_SETTABLE;
import static org.luaj.vm2.Lua.OP_SETTABUP;
import static org.luaj.vm2.Lua.OP_SUB;
import static org.luaj.vm2.Lua.OP_TAILCALL;
import static org.luaj.vm2.Lua.OP_TFORCALL;
import static org.luaj.vm2.Lua.OP_UNM;

import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;

/**
 * The message C Lua 5.1 gives when an instruction fails on its operands ({@code ldebug.c}: {@code luaG_typeerror},
 * {@code luaG_aritherror}, {@code luaG_concaterror}, {@code luaG_ordererror}): {@code attempt to call global 'Foo'
 * (a nil value)}, {@code attempt to compare number with nil}. LuaJ's own texts name nothing ({@code attempt to call
 * nil}, {@code attempt to index ? (a nil value)}) and some differ ({@code index expected, got nil}).
 *
 * <p>Worked out only once an instruction has raised, from what is still there: the instruction, the operand values
 * (the failing instruction has not written its result) and the prototype's names. An operand state that makes
 * 5.1's instruction fail by itself, with no metamethod to call, means LuaJ's error came from that instruction and
 * the 5.1 message replaces LuaJ's; otherwise (a metamethod or a called function raised) LuaJ's error stands.
 */
final class RuntimeErrors {

    /** 5.1's MAXTAGLOOP: how far a chain of {@code __index} / {@code __newindex} tables is followed. */
    private static final int MAX_TAG_LOOP = 100;

    private RuntimeErrors() {
    }

    /** The 5.1 message for instruction {@code pc} of {@code closure} failing, or null to keep LuaJ's error. */
    static String messageFor(LuaClosure closure, int pc, LuaValue[] stack) {
        Prototype p = closure.p;
        int i = p.code[pc];
        int a = GETARG_A(i);
        int b = GETARG_B(i);
        int c = GETARG_C(i);
        Failure failure = switch (GET_OPCODE(i)) {
            case OP_GETTABLE, OP_SELF -> indexing(register(stack, b), rk(p, stack, c), false);
            case OP_SETTABLE -> indexing(register(stack, a), rk(p, stack, b), true);
            case OP_GETTABUP -> indexing(upvalue(closure, b), rk(p, stack, c), false);
            case OP_SETTABUP -> indexing(upvalue(closure, a), rk(p, stack, b), true);
            case OP_CALL, OP_TAILCALL -> calling(register(stack, a));
            case OP_TFORCALL -> calling(Operand.unnamed(stack[a])); // 5.1 calls a copy, in no variable
            case OP_ADD -> arithmetic(rk(p, stack, b), rk(p, stack, c), LuaValue.ADD);
            case OP_SUB -> arithmetic(rk(p, stack, b), rk(p, stack, c), LuaValue.SUB);
            case OP_MUL -> arithmetic(rk(p, stack, b), rk(p, stack, c), LuaValue.MUL);
            case OP_DIV -> arithmetic(rk(p, stack, b), rk(p, stack, c), LuaValue.DIV);
            case OP_MOD -> arithmetic(rk(p, stack, b), rk(p, stack, c), LuaValue.MOD);
            case OP_POW -> arithmetic(rk(p, stack, b), rk(p, stack, c), LuaValue.POW);
            case OP_UNM -> arithmetic(register(stack, b), register(stack, b), LuaValue.UNM);
            case OP_LEN -> length(register(stack, b));
            case OP_CONCAT -> concatenation(stack, b, c);
            case OP_LT -> ordering(rk(p, stack, b), rk(p, stack, c), false);
            case OP_LE -> ordering(rk(p, stack, b), rk(p, stack, c), true);
            default -> null;
        };
        return failure == null ? null : failure.message(p, pc);
    }

    // ---- operands: a value and where 5.1 would have it ------------------------------------------------------------

    /**
     * An operand value and where it came from: a register (5.1 names it), an upvalue (5.1 would have loaded it
     * into a register with {@code GETUPVAL}: named too), or neither (a constant or an intermediate value).
     */
    private record Operand(LuaValue value, int register, int upvalue) {
        static Operand unnamed(LuaValue value) {
            return new Operand(value, -1, -1);
        }

        String name(Prototype p, int pc) {
            if (register >= 0) {
                return VariableNames.ofRegister(p, pc, register);
            }
            return upvalue >= 0 ? VariableNames.ofUpvalue(p, upvalue) : null;
        }
    }

    private static Operand register(LuaValue[] stack, int register) {
        return new Operand(stack[register], register, -1);
    }

    private static Operand rk(Prototype p, LuaValue[] stack, int rk) {
        return ISK(rk) ? Operand.unnamed(p.k[INDEXK(rk)]) : register(stack, rk);
    }

    private static Operand upvalue(LuaClosure closure, int index) {
        return new Operand(closure.upValues[index].getValue(), -1, index);
    }

    // ---- failures ---------------------------------------------------------------------------------------------------

    /** What failed, as 5.1 words it once it knows the operand's name. */
    private interface Failure {
        String message(Prototype p, int pc);
    }

    /** {@code luaG_typeerror}: {@code attempt to call global 'Foo' (a nil value)} or {@code ... a nil value}. */
    private record TypeError(String operation, Operand operand) implements Failure {
        @Override
        public String message(Prototype p, int pc) {
            String type = operand.value.typename();
            String name = operand.name(p, pc);
            return name != null
                    ? "attempt to " + operation + " " + name + " (a " + type + " value)"
                    : "attempt to " + operation + " a " + type + " value";
        }
    }

    /** {@code luaG_ordererror}, including its test of the third letter of the type names ("string"/"thread"). */
    private record OrderError(LuaValue left, LuaValue right) implements Failure {
        @Override
        public String message(Prototype p, int pc) {
            String t1 = left.typename();
            String t2 = right.typename();
            return t1.charAt(2) == t2.charAt(2)
                    ? "attempt to compare two " + t1 + " values"
                    : "attempt to compare " + t1 + " with " + t2;
        }
    }

    /** {@code luaH_set}: a key no table can have. */
    private record KeyError(String message) implements Failure {
        @Override
        public String message(Prototype p, int pc) {
            return message;
        }
    }

    /**
     * {@code luaV_gettable} / {@code luaV_settable}: the value in the {@code __index} (or {@code __newindex}) chain
     * that cannot be indexed, or a nil or NaN key given to a table to store.
     */
    private static Failure indexing(Operand indexed, Operand key, boolean assigning) {
        LuaValue event = assigning ? LuaValue.NEWINDEX : LuaValue.INDEX;
        LuaValue t = indexed.value;
        for (int loop = 0; loop < MAX_TAG_LOOP; loop++) {
            LuaValue handler = t.metatag(event);
            if (t.istable()) {
                if (assigning && key.value.isnil()) {
                    return new KeyError("table index is nil");
                }
                if (assigning && key.value.type() == LuaValue.TNUMBER && Double.isNaN(key.value.todouble())) {
                    return new KeyError("table index is NaN");
                }
                if (!t.rawget(key.value).isnil() || handler.isnil()) {
                    return null; // a plain get or set
                }
            } else if (handler.isnil()) {
                return new TypeError("index", t == indexed.value ? indexed : Operand.unnamed(t));
            }
            if (handler.isfunction()) {
                return null; // the metamethod ran: whatever failed, failed in it
            }
            t = handler;
        }
        return null;
    }

    /** {@code luaD_precall}: neither a function nor a value with a {@code __call} function. */
    private static Failure calling(Operand function) {
        LuaValue f = function.value;
        return f.isfunction() || f.metatag(LuaValue.CALL).isfunction() ? null : new TypeError("call", function);
    }

    /** {@code luaG_aritherror}: blames the first operand that is not a number (nor a numeric string). */
    private static Failure arithmetic(Operand left, Operand right, LuaValue event) {
        if (isNumeric(left.value) && isNumeric(right.value)
                || !left.value.metatag(event).isnil() || !right.value.metatag(event).isnil()) {
            return null;
        }
        return new TypeError("perform arithmetic on", isNumeric(left.value) ? right : left);
    }

    /** OP_LEN of 5.1: tables and strings have a length (5.1 ignores {@code __len} on tables), others need __len. */
    private static Failure length(Operand operand) {
        LuaValue v = operand.value;
        if (v.istable() || v.type() == LuaValue.TSTRING || !v.metatag(LuaValue.LEN).isnil()) {
            return null;
        }
        return new TypeError("get length of", operand);
    }

    /**
     * {@code luaV_concat}: pairs from the right; the first pair that is not two strings or numbers and has no
     * {@code __concat} fails, blaming its first operand unless that one is a string or number.
     */
    private static Failure concatenation(LuaValue[] stack, int first, int last) {
        Operand right = register(stack, last);
        for (int j = last - 1; j >= first; j--) {
            Operand left = register(stack, j);
            boolean leftIsText = left.value.isstring(); // strings and numbers
            if (leftIsText && right.value.isstring()) {
                right = Operand.unnamed(LuaValue.EMPTYSTRING); // their concatenation, a string
                continue;
            }
            if (!left.value.metatag(LuaValue.CONCAT).isnil() || !right.value.metatag(LuaValue.CONCAT).isnil()) {
                return null;
            }
            return new TypeError("concatenate", leftIsText ? right : left);
        }
        return null;
    }

    /**
     * {@code luaV_lessthan} / {@code luaV_lessequal}: values of different types never compare; two numbers or two
     * strings always do; others need the same {@code __lt} (or {@code __le}, or for {@code <=} a {@code __lt}
     * with the operands swapped) on both sides.
     */
    private static Failure ordering(Operand left, Operand right, boolean orEqual) {
        LuaValue l = left.value;
        LuaValue r = right.value;
        if (l.typename().equals(r.typename())) {
            if (l.type() == LuaValue.TNUMBER || l.type() == LuaValue.TSTRING) {
                return null;
            }
            boolean handled = orEqual
                    ? sameHandler(l, r, LuaValue.LE) || sameHandler(r, l, LuaValue.LT)
                    : sameHandler(l, r, LuaValue.LT);
            if (handled) {
                return null;
            }
        }
        return new OrderError(l, r);
    }

    private static boolean sameHandler(LuaValue l, LuaValue r, LuaValue event) {
        LuaValue handler = l.metatag(event);
        return !handler.isnil() && handler.raweq(r.metatag(event));
    }

    private static boolean isNumeric(LuaValue v) {
        return v.type() == LuaValue.TNUMBER || v.type() == LuaValue.TSTRING && !v.tonumber().isnil();
    }
}
