package dev.c4j.engine.luaj.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.ByteArrayOutputStream;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.ZeroArgFunction;

/** What the patched interpreter loop does through {@link LuaClosureHooks}, on plain LuaJ globals. */
class LuaClosureHooksTest {

    @Test
    void aJavaExceptionInsideLuaJNamesNoJavaClass() {
        Globals g = LuaJRunner.globals(new ByteArrayOutputStream());
        IllegalStateException bug = new IllegalStateException("java.lang.IllegalStateException: a bug");
        g.set("broken", new ZeroArgFunction() {
            @Override
            public LuaValue call() {
                throw bug;
            }
        });
        LuaValue chunk = g.load("local x = 1\nbroken()", "=test");
        LuaError error = catchThrowableOfType(LuaError.class, chunk::call);
        assertThat(error.getMessage()).startsWith("=test:2 internal error in the Lua engine").doesNotContain("java");
        assertThat(error.getCause()).isSameAs(bug);
    }

    @Test
    void anErrorOfAnInstructionGetsTheMessageOfLua51AndItsLine() {
        Globals g = LuaJRunner.globals(new ByteArrayOutputStream());
        LuaValue chunk = g.load("local t = {}\nlocal x = t.a\n  + 1\nreturn x", "=test");
        LuaError error = catchThrowableOfType(LuaError.class, chunk::call);
        assertThat(error.getMessage()).startsWith("=test:3 attempt to perform arithmetic on field 'a' (a nil value)");
    }

    @Test
    void aTailCalledJavaFunctionRaisesInTheReturningFunction() {
        Globals g = LuaJRunner.globals(new ByteArrayOutputStream());
        LuaValue chunk = g.load("local function f()\n  return tostring()\nend\nreturn f()", "=test");
        LuaError error = catchThrowableOfType(LuaError.class, chunk::call);
        assertThat(error.getMessage()).startsWith("=test:2 ");
    }
}
