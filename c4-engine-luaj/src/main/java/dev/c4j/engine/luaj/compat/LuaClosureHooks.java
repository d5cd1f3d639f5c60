package dev.c4j.engine.luaj.compat;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.TailcallVarargs;
import org.luaj.vm2.Varargs;

/**
 * What {@link LuaJPatcher} makes LuaJ's interpreter loop ({@code LuaClosure.execute}) call. Both run only at the
 * points they concern (an error leaving a Lua function, a {@code return f(...)}): nothing is added to the path of
 * ordinary instructions or calls.
 */
public final class LuaClosureHooks {

    /** LuaClosure's private {@code processErrorHooks(LuaError, Prototype, int)}: position, traceback, handler. */
    private static final MethodHandle PROCESS_ERROR_HOOKS;

    static {
        try {
            PROCESS_ERROR_HOOKS = MethodHandles.privateLookupIn(LuaClosure.class, MethodHandles.lookup())
                    .findVirtual(LuaClosure.class, "processErrorHooks",
                            MethodType.methodType(void.class, LuaError.class, Prototype.class, int.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private LuaClosureHooks() {
    }

    /**
     * Replaces {@code processErrorHooks(error, p, pc)} in the handlers of {@code execute}, which then throw what
     * this returns: when instruction {@code pc} itself failed, a new error with C Lua 5.1's message (see
     * {@link RuntimeErrors}); a Java exception LuaJ wrapped (its text would name Java classes) as an internal
     * error; else the error unchanged. It then gets its position and traceback as LuaJ gives them.
     */
    public static LuaError raised(LuaClosure closure, LuaError error, Prototype p, int pc, LuaValue[] stack)
            throws Throwable {
        LuaError lua51 = error;
        Throwable cause = error.getCause();
        if (cause != null && !(cause instanceof LuaError)) {
            lua51 = new EngineFailure(cause);
        } else {
            String message = lua51Message(closure, pc, stack);
            if (message != null) {
                lua51 = new LuaError(message);
            }
        }
        PROCESS_ERROR_HOOKS.invokeExact(closure, lua51, p, pc);
        return lua51;
    }

    /** Naming is best effort: should it fail on code it does not expect, the error LuaJ raised stands. */
    private static String lua51Message(LuaClosure closure, int pc, LuaValue[] stack) {
        try {
            return RuntimeErrors.messageFor(closure, pc, stack);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * Replaces {@code new TailcallVarargs(function, args)} of {@code return f(...)}. Only a Lua function is
     * tail-called; anything else is called here, as C Lua 5.1 does: a C function runs in the frame of the function
     * that returns its results, so that its errors carry that function's position ({@code return error("x")}),
     * and calling a value that is not a function fails in that frame, where its name is known ({@code return
     * Missing()}). LuaJ would make the call after the frame is gone, in its caller.
     */
    public static Varargs tailCall(LuaValue function, Varargs args) {
        return function instanceof LuaClosure ? new TailcallVarargs(function, args) : function.invoke(args);
    }

    /** A Java exception inside LuaJ, as Lua sees it: no Java class names (LuaJ writes "vm error: java.lang..."). */
    private static final class EngineFailure extends LuaError {
        EngineFailure(Throwable cause) {
            super("internal error in the Lua engine");
            this.cause = cause;
        }
    }
}
