package dev.c4j.engine.luaj;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.DebugLib;

/**
 * LuaJ's debug library, which LuaJ calls before every Lua instruction on whatever thread runs it (coroutines run on
 * threads of their own), doubling as the check for {@link dev.c4j.lua.spi.LuaState#interrupt}: one volatile read
 * per instruction while nothing is asked.
 */
final class InterruptibleDebugLib extends DebugLib {

    private static final long FAILED = -1;

    private volatile boolean pending;
    private volatile long target;
    private volatile String message;
    /**
     * The call running now. Written on the loop before it calls into Lua; a coroutine's thread reads it after LuaJ
     * handed control over to it, which orders the two.
     */
    private long running;

    void runningCallback(long id) {
        running = id;
    }

    /** Any thread. */
    void interrupt(long id, String text) {
        message = text;
        target = id;
        pending = true;
    }

    /** Raises from the next instruction on, whatever runs, for good: the state is done for. */
    void fail(String text) {
        message = text;
        target = FAILED;
        pending = true;
    }

    @Override
    public void onInstruction(int pc, Varargs v, int top) {
        if (pending) {
            raiseIfAsked();
        }
        super.onInstruction(pc, v, top);
    }

    private void raiseIfAsked() {
        long asked = target;
        if (asked == running || asked == FAILED) {
            throw new LuaError(message); // again at each instruction: no pcall keeps the call running
        }
        pending = false; // that call is over
        if (target != asked) {
            pending = true; // a newer request came in meanwhile
        }
    }
}
