package dev.c4j.engine.luaj;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.TwoArgFunction;

import java.lang.ref.WeakReference;

/**
 * Method calls on strings ({@code s:sub(1, 2)}) for several drivers in one JVM. LuaJ keeps the string metatable
 * in a static field, and its string library fills it once, with the {@code string} table of the first state ever
 * opened: every later driver would resolve {@code s:trim()} in that first driver's table. Here the metatable's
 * {@code __index} looks the method up in the {@code string} table of the driver whose Lua code is running.
 * Coroutine threads inherit the driver of the thread that first resumed them. The table is held weakly, so that
 * other threads created meanwhile (and inheriting it too) do not keep a stopped driver's table alive.
 *
 * <p>Consequence [CHOICE]: {@code getmetatable("").__index} is a function here, not the {@code string} table.
 */
final class StringMethods {

    private static final InheritableThreadLocal<WeakReference<LuaTable>> CURRENT = new InheritableThreadLocal<>();

    static {
        LuaString.s_metatable = LuaValue.tableOf(new LuaValue[] {LuaValue.INDEX, new TwoArgFunction() {
            @Override
            public LuaValue call(LuaValue string, LuaValue key) {
                WeakReference<LuaTable> current = CURRENT.get();
                LuaTable methods = current != null ? current.get() : null;
                return methods != null ? methods.get(key) : NIL;
            }
        }});
    }

    private StringMethods() {
    }

    /** Makes sure LuaJ's string library will not install its own metatable. */
    static void install() {
        // the static initializer did it
    }

    /** The driver whose {@code string} table serves method calls from now on; returns the previous one. */
    static WeakReference<LuaTable> enter(WeakReference<LuaTable> stringTable) {
        WeakReference<LuaTable> previous = CURRENT.get();
        CURRENT.set(stringTable);
        return previous;
    }

    static void leave(WeakReference<LuaTable> previous) {
        // set(null), not remove(): the same for get(), and the next enter() reuses the entry instead of
        // allocating one (this runs around every callback)
        CURRENT.set(previous);
    }
}
