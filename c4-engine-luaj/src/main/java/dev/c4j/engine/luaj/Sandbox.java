package dev.c4j.engine.luaj;

import dev.c4j.engine.luaj.compat.Lua51Compat;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.BaseLib;
import org.luaj.vm2.lib.CoroutineLib;
import org.luaj.vm2.lib.DebugLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.jse.JseMathLib;
import org.luaj.vm2.lib.jse.JseOsLib;

/**
 * A fresh LuaJ globals table with only what drivers get (spec section 9): the base library without file access,
 * {@code string}, {@code table}, {@code math}, {@code coroutine}, {@code os.time/date/clock/difftime} and
 * {@code debug.traceback}, made to behave as Lua 5.1's by {@link Lua51Compat}. No {@code io}, {@code package},
 * {@code luajava} or {@code bit32}; {@code os.getenv} always gives nil, and chunks load from text only
 * ({@link TextOnlyUndumper}).
 *
 * <p>The debug library is loaded (LuaJ records call frames only with it, and tracebacks need them) but only
 * {@code traceback} stays visible; {@code getinfo} is kept for {@code error}'s levels and {@code getfenv}.
 */
record Sandbox(Globals globals, LuaValue getinfo) {

    private static final String[] OS_FUNCTIONS = {"time", "date", "clock", "difftime"};

    /** A fresh sandbox whose debug library is {@code debugLib}. */
    static Sandbox open(DebugLib debugLib) {
        StringMethods.install(); // before the string library, which would otherwise install its own metatable
        Globals globals = new Globals();
        globals.load(new BaseLib());
        LuaTable loaded = new LuaTable();
        globals.set("package", LuaValue.tableOf(new LuaValue[] {LuaValue.valueOf("loaded"), loaded}));
        globals.load(new TableLib());
        globals.load(new StringLib());
        globals.load(new CoroutineLib());
        globals.load(new JseMathLib());
        globals.load(new JseOsLib());
        globals.load(debugLib);
        LoadState.install(globals);
        LuaC.install(globals);
        globals.undumper = TextOnlyUndumper.INSTANCE;
        Lua51Compat.install(globals); // 5.1's numbers, string functions and os.date/time
        LuaValue string = globals.get("string");
        string.set("dump", SandboxFunctions.dump(string.get("dump")));

        globals.set("package", LuaValue.NIL); // only needed while the libraries registered themselves
        globals.set("dofile", LuaValue.NIL);
        globals.set("loadfile", LuaValue.NIL);
        globals.set("rawlen", LuaValue.NIL); // LuaJ's 5.2 base library; Lua 5.1 has no rawlen
        LuaValue os = globals.get("os");
        LuaTable restrictedOs = new LuaTable();
        for (String name : OS_FUNCTIONS) {
            restrictedOs.set(name, os.get(name));
        }
        restrictedOs.set("getenv", SandboxFunctions.getenv());
        globals.set("os", restrictedOs);
        LuaValue debug = globals.get("debug");
        globals.set("debug", LuaValue.tableOf(new LuaValue[] {LuaValue.valueOf("traceback"), debug.get("traceback")}));
        return new Sandbox(globals, debug.get("getinfo"));
    }
}
