package dev.c4j.engine.luaj.compat;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.UpValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The Lua 5.1 surface drivers use, on LuaJ's 5.2 core (spec section 9): {@code unpack}, {@code loadstring},
 * {@code setfenv}/{@code getfenv}, {@code newproxy}, {@code gcinfo}, {@code math.log10}, {@code math.mod},
 * {@code string.gfind}, {@code table.getn/maxn/foreach/foreachi}, {@code _VERSION}; and 5.1's error values:
 * {@code error} with its level, {@code pcall}, {@code xpcall} and coroutines give {@code "chunk:12: message"},
 * where LuaJ would give its own rendering with the traceback appended. (Numbers, string functions, {@code os.date}
 * and lenient escapes are {@link Lua51Compat}'s.)
 */
public final class Lua51 {

    private static final byte[] COMPAT_SOURCE = resource("lua51.lua");
    private static final LuaString ENV = LuaValue.valueOf("_ENV");

    private final Globals globals;
    private final LuaValue getinfo; // the debug library's, kept private: drivers get debug.traceback only
    /** The value the last {@link #raise} threw, so that an xpcall handler gets it unchanged. */
    private LuaValue raised;

    public Lua51(Globals globals, LuaValue getinfo) {
        this.globals = globals;
        this.getinfo = getinfo;
    }

    public void install() {
        globals.set("_VERSION", "Lua 5.1");
        globals.set("error", new ErrorFunction());
        globals.set("pcall", new Pcall());
        globals.set("xpcall", new Xpcall());
        globals.set("unpack", globals.get("table").get("unpack"));
        globals.set("loadstring", new Loadstring());
        globals.set("getfenv", new Getfenv());
        globals.set("setfenv", new Setfenv());
        globals.set("newproxy", new Newproxy());
        LuaTable coroutine = globals.get("coroutine").checktable();
        coroutine.set("create", new CoroutineFactory("create", coroutine.get("create")));
        coroutine.set("wrap", new CoroutineFactory("wrap", coroutine.get("wrap")));
        LuaTable math = globals.get("math").checktable();
        math.set("log10", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue x) {
                return valueOf(Math.log10(x.checkdouble()));
            }
        });
        globals.load(new ByteArrayInputStream(COMPAT_SOURCE), "=c4j-lua51", "t", globals).call();
    }

    /** Throws {@code value} as the Lua error: {@code pcall} returns it exactly, with no position added. */
    public LuaError raise(LuaValue value) {
        raised = value;
        return new LuaError(value);
    }

    /** An error has been handled; a stale raised value must not be mistaken for a later one. */
    public void forgetRaised() {
        raised = null;
    }

    /** {@code luaL_where}: {@code "chunk:12: "} for the function at {@code level}, or "" when unknown. */
    private String where(int level) {
        LuaValue info = getinfo.call(LuaValue.valueOf(level), LuaValue.valueOf("Sl"));
        if (!info.istable()) {
            return "";
        }
        int line = info.get("currentline").optint(-1);
        return line > 0 ? LuajErrors.chunkId(info.get("source").optjstring("?")) + ":" + line + ": " : "";
    }

    /** The function {@code f} names for getfenv/setfenv: itself, or the one running at a level (nil = 1). */
    private LuaValue functionAt(Varargs args, String name) {
        LuaValue f = args.arg1();
        if (f.isfunction()) {
            return f;
        }
        int level = f.isnil() ? 1 : f.checkint();
        if (level < 0) {
            throw new LuaError("bad argument #1 to '" + name + "' (level must be non-negative)");
        }
        if (level == 0) {
            return LuaValue.NIL; // the thread's environment: the globals
        }
        LuaValue info = getinfo.call(LuaValue.valueOf(level), LuaValue.valueOf("f"));
        if (!info.istable()) {
            throw new LuaError("bad argument #1 to '" + name + "' (invalid level)");
        }
        return info.get("func");
    }

    /** The index of a closure's {@code _ENV} upvalue (5.2's form of a 5.1 function environment), or -1. */
    private static int envUpvalue(LuaClosure closure) {
        for (int i = 0; i < closure.p.upvalues.length; i++) {
            if (ENV.equals(closure.p.upvalues[i].name)) {
                return i;
            }
        }
        return -1;
    }

    /** {@code error(message[, level])}: a string message gets the position of the function at {@code level}. */
    private final class ErrorFunction extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaValue message = args.arg1();
            int level = args.optint(2, 1);
            if (message.isstring() && level > 0) {
                message = LuaValue.valueOf(where(level)).concat(message);
            }
            throw raise(message);
        }
    }

    /**
     * {@code pcall(f, ...)}: the error value as 5.1 has it. Errors inside do not reach an enclosing xpcall's
     * handler (LuaJ would call it).
     */
    private final class Pcall extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaValue f = args.checkvalue(1);
            LuaThread thread = globals.running;
            LuaValue outerHandler = thread.errorfunc;
            thread.errorfunc = null;
            DebugLib debug = globals.debuglib;
            debug.onCall(this);
            try {
                return varargsOf(TRUE, f.invoke(args.subargs(2)));
            } catch (LuaError e) {
                return varargsOf(FALSE, LuajErrors.value(e));
            } catch (StackOverflowError e) {
                return varargsOf(FALSE, valueOf("stack overflow"));
            } finally {
                debug.onReturn();
                thread.errorfunc = outerHandler;
                raised = null;
            }
        }
    }

    /**
     * {@code xpcall(f, handler, ...)}: the handler runs where the error was raised (so {@code debug.traceback}
     * shows that stack) and gets the 5.1 error value; xpcall returns false and the handler's result.
     */
    private final class Xpcall extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaValue f = args.arg1();
            Handler handler = new Handler(args.arg(2));
            LuaThread thread = globals.running;
            LuaValue outerHandler = thread.errorfunc;
            thread.errorfunc = handler;
            DebugLib debug = globals.debuglib;
            debug.onCall(this);
            try {
                return varargsOf(TRUE, f.invoke(args.subargs(3)));
            } catch (LuaError e) {
                return varargsOf(FALSE, handler.called ? handler.result : handler.handle(LuajErrors.value(e)));
            } catch (StackOverflowError e) {
                return varargsOf(FALSE, handler.handle(valueOf("stack overflow")));
            } finally {
                debug.onReturn();
                thread.errorfunc = outerHandler;
                raised = null;
            }
        }
    }

    /** What LuaJ calls with its rendering of the message when an error leaves the innermost Lua function. */
    private final class Handler extends OneArgFunction {
        private final LuaValue function;
        boolean called;
        LuaValue result = NIL;

        Handler(LuaValue function) {
            this.function = function;
        }

        @Override
        public LuaValue call(LuaValue luajMessage) {
            String text = luajMessage.tojstring();
            LuaValue value = raised != null && text.endsWith(raised.tojstring())
                    ? raised
                    : valueOf(LuajErrors.normalize(text));
            raised = null;
            return handle(value);
        }

        LuaValue handle(LuaValue value) {
            called = true;
            try {
                result = function.call(value);
            } catch (LuaError e) {
                result = valueOf("error in error handling");
            }
            return result;
        }
    }

    /** coroutine.create/wrap: errors leaving the coroutine carry the 5.1 value, not LuaJ's traceback text. */
    private final class CoroutineFactory extends VarArgFunction {
        private final LuaValue original;

        CoroutineFactory(String name, LuaValue original) {
            this.name = name;
            this.original = original;
        }

        @Override
        public Varargs invoke(Varargs args) {
            return original.invoke(new CoroutineBody(args.checkfunction(1)));
        }
    }

    private final class CoroutineBody extends VarArgFunction {
        private final LuaValue body;

        CoroutineBody(LuaValue body) {
            this.body = body;
        }

        @Override
        public Varargs invoke(Varargs args) {
            try {
                return body.invoke(args);
            } catch (LuaError e) {
                throw new LuaError(LuajErrors.value(e)); // LuaThread keeps only the message text
            } catch (StackOverflowError e) {
                throw new LuaError("stack overflow");
            } finally {
                raised = null;
            }
        }
    }

    /** {@code loadstring(s[, chunkname])}: compiles the string's bytes; nil and the message on error. */
    private final class Loadstring extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaString source = args.checkstring(1);
            String chunkName = args.optjstring(2, source.tojstring());
            byte[] bytes = new byte[source.m_length];
            source.copyInto(0, bytes, 0, bytes.length);
            try {
                return globals.load(new ByteArrayInputStream(Lua51Compat.rewriteLenientEscapes(bytes)), chunkName,
                        "bt", globals);
            } catch (LuaError e) {
                return varargsOf(NIL, LuajErrors.value(e));
            }
        }
    }

    /** {@code getfenv([f])}: a closure's {@code _ENV}; the globals for level 0, Java functions, no _ENV. */
    private final class Getfenv extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaValue f = functionAt(args, "getfenv");
            if (f instanceof LuaClosure closure) {
                int index = envUpvalue(closure);
                if (index >= 0) {
                    return closure.upValues[index].getValue();
                }
            }
            return globals;
        }
    }

    /**
     * {@code setfenv(f, table)}: gives the closure an {@code _ENV} of its own (a fresh upvalue, as 5.1 environments
     * are per function, where 5.2 closures share the upvalue).
     */
    private final class Setfenv extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaTable table = args.checktable(2);
            LuaValue f = functionAt(args, "setfenv");
            if (f instanceof LuaClosure closure) {
                int index = envUpvalue(closure);
                if (index >= 0) {
                    closure.upValues[index] = new UpValue(new LuaValue[] {table}, 0);
                }
                return closure; // without _ENV the function uses no global: nothing to change
            }
            throw new LuaError("'setfenv' cannot change environment of given object");
        }
    }

    /** {@code newproxy([true | proxy])}: an empty userdata, with a fresh or a shared metatable. */
    private static final class Newproxy extends OneArgFunction {
        @Override
        public LuaValue call(LuaValue arg) {
            if (!arg.toboolean()) {
                return new LuaUserdata(new Object());
            }
            if (arg.isboolean()) {
                return new LuaUserdata(new Object(), new LuaTable());
            }
            LuaValue metatable = arg.isuserdata() ? arg.getmetatable() : null;
            if (metatable == null) {
                throw new LuaError("bad argument #1 to 'newproxy' (boolean or proxy expected)");
            }
            return new LuaUserdata(new Object(), metatable);
        }
    }

    private static byte[] resource(String name) {
        try (InputStream in = Lua51.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
