package dev.c4j.lua.spi.contract;

import dev.c4j.lua.spi.LuaException;
import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaObject;
import dev.c4j.lua.spi.LuaRaise;
import dev.c4j.lua.spi.LuaSyntaxException;
import dev.c4j.lua.spi.LuaValueRef;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The engine SPI contract for errors: raised, thrown, syntax and runtime errors; globals; a closed state. */
public abstract class ErrorsContract extends EngineContract {

    @Test
    void luaRaiseGivesExactlyItsMessage() throws Exception {
        setGlobal("check", (LuaFunction) frame -> {
            throw new LuaRaise("bad argument #1 to 'Check' (string expected, got nil)");
        });
        assertThat(h.exec("""
                local direct = select(2, pcall(check))
                local nested = select(2, pcall(function() check() end))
                return direct == "bad argument #1 to 'Check' (string expected, got nil)", direct == nested
                """)).containsExactly(true, true);
        installObjects();
        h.exec("""
                local srv = make()
                local ok, msg = pcall(srv.Listen, srv)
                capture(tostring(ok), msg)
                capture(tostring(srv:Listen('127.0.0.1')))
                """);
        assertThat(capturedText()).containsExactly(
                "false", "bad argument #1 to 'Listen' (string expected, got nil)", "true");
        assertThat(h.internalErrors).isEmpty();
    }

    @Test
    void aJavaExceptionIsReportedAndLuaGetsAShortErrorWithoutJavaStackTrace() throws Exception {
        setGlobal("buggy", (LuaFunction) frame -> {
            throw new IllegalStateException("a bug of ours");
        });
        assertThat(h.exec("local ok, e = pcall(buggy) return ok, e == \"internal error in 'buggy'\""))
                .containsExactly(false, true);
        installObjects();
        h.exec("local srv = make() local ok, msg = pcall(srv.Boom, srv) capture(msg) return srv:Listen('x')");
        assertThat(capturedText()).containsExactly("internal error in 'Boom'");
        assertThat(h.internalErrors).containsExactly("buggy", "Boom");
        assertThat(h.internalExceptions).extracting(Throwable::getMessage)
                .containsExactly("a bug of ours", "a bug of ours");
    }

    @Test
    void aSyntaxErrorCarriesLuasMessage() throws Exception {
        LuaSyntaxException error = catchThrowableOfType(LuaSyntaxException.class,
                () -> h.onLoop(() -> h.state.load("local x = 1\nx x".getBytes(), "@driver.lua")));
        assertThat(error.luaMessage()).startsWith("driver.lua:2: ");
        assertThat(error.getMessage()).isEqualTo(error.luaMessage());
        assertThatThrownBy(() -> h.onLoop(() -> h.state.load("x = = 1".getBytes(), "=chunk")))
                .isInstanceOf(LuaSyntaxException.class).hasMessageStartingWith("chunk:1:");
    }

    @Test
    void aRuntimeErrorComesBackWithItsTraceback() throws Exception {
        LuaException error = catchThrowableOfType(LuaException.class,
                () -> h.exec("local function f() error('went wrong') end\nf()"));
        assertThat(error.luaMessage()).isEqualTo("test:1: went wrong");
        assertThat(error.getMessage()).startsWith("test:1: went wrong\nstack traceback:\n")
                .contains("test:1: in function 'f'");
        LuaException indexed = catchThrowableOfType(LuaException.class, () -> h.exec("local t = nil\nreturn t.x"));
        assertThat(indexed.luaMessage()).startsWith("test:2: ");
        assertThat(indexed.getMessage()).startsWith(indexed.luaMessage() + "\nstack traceback:\n\ttest:2:");
        assertThat(h.luaErrors).isEmpty(); // call() throws; the caller decides whether to report
    }

    /** How the engine describes the error value nil, where engines differ. */
    protected abstract String nilErrorMessage();

    @Test
    void nonStringErrorsAreDescribedAsLuaDoes() {
        assertThat(catchThrowableOfType(LuaException.class, () -> h.exec("error({})")).luaMessage())
                .isEqualTo("(error object is a table value)");
        assertThat(catchThrowableOfType(LuaException.class, () -> h.exec("error(nil)")).luaMessage())
                .isEqualTo(nilErrorMessage());
        assertThat(catchThrowableOfType(LuaException.class, () -> h.exec("error(42, 0)")).luaMessage())
                .isEqualTo("42");
        assertThat(catchThrowableOfType(LuaException.class,
                () -> h.exec("error(setmetatable({}, {__tostring = function() return 'custom' end}))"))
                .luaMessage()).isEqualTo("custom");
    }

    @Test
    void globalsAreSetAndFunctionsFound() throws Exception {
        h.exec("function OnDriverInit(x) return x * 2 end notAFunction = 1");
        h.onLoop(() -> {
            h.state.setGlobal("answer", 42);
            h.state.setGlobal("five", 5);
            LuaValueRef init = h.state.globalFunction("OnDriverInit");
            assertThat(init).isNotNull();
            assertThat(h.state.call(init, 21)).containsExactly(42.0);
            init.release();
            assertThat(h.state.globalFunction("notAFunction")).isNull();
            assertThat(h.state.globalFunction("five")).isNull();
            assertThat(h.state.globalFunction("missing")).isNull();
            return null;
        });
        assertThat(h.exec("return answer")).containsExactly(42.0);
        // a strict _G: errors in its metamethods are reported, never thrown at the caller
        h.exec("setmetatable(_G, {__index = function(_, k) error('undefined ' .. k) end})");
        assertThat(h.onLoop(() -> h.state.globalFunction("undefinedThing"))).isNull();
        assertThat(h.luaErrors).hasSize(1).first().asString().contains("undefined undefinedThing");
    }

    @Test
    void aClosedStateIgnoresLateEventsAndRefs() throws Exception {
        TestObjects objects = installObjects();
        h.exec("srv = make() srv:OnEvent(function() end)");
        LuaObject srv = objects.peers.get(0).object;
        LuaValueRef ref = h.onLoop(() -> (LuaValueRef) h.execHere("return {}")[0]);
        stateClosed = true;
        h.onLoop(() -> {
            h.state.close();
            h.state.close(); // idempotent
            assertThat(srv.invoke(TestObjects.ON_EVENT, "late")).isFalse();
            srv.pin();
            ref.release();
            h.state.collectGarbage();
            assertThatThrownBy(() -> h.state.load(new byte[0], "=x")).isInstanceOf(IllegalStateException.class);
            return null;
        });
        h.loop.sync();
        assertThat(objects.peers.get(0).collected).hasValue(0); // peers are not notified on close
    }
}
