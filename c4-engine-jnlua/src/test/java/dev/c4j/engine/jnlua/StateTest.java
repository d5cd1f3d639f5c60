package dev.c4j.engine.jnlua;

import com.google.inject.Guice;
import dev.c4j.lua.spi.LuaEngine;
import dev.c4j.lua.spi.LuaException;
import dev.c4j.lua.spi.LuaObject;
import dev.c4j.lua.spi.LuaSyntaxException;
import dev.c4j.lua.spi.LuaType;
import dev.c4j.lua.spi.LuaValueRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Loading, calling, globals, closing. */
class StateTest {

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void loadAndCallReturnConvertedResults(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            Object[] results = h.onLoop(() -> {
                LuaValueRef chunk = h.state.load("return 1, 'two', nil, false, {}".getBytes(), "@driver.lua");
                assertThat(chunk.type()).isEqualTo(LuaType.FUNCTION);
                return h.state.call(chunk);
            });
            assertThat(results).hasSize(5);
            assertThat(results[0]).isEqualTo(1.0);
            assertThat(((LuaValueRef) results[1]).type()).isEqualTo(LuaType.STRING);
            assertThat(results[2]).isNull();
            assertThat(results[3]).isEqualTo(false);
            assertThat(((LuaValueRef) results[4]).type()).isEqualTo(LuaType.TABLE);
            assertThat(h.stackTop()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void aSyntaxErrorCarriesLuasMessage(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            LuaSyntaxException error = catchThrowableOfType(LuaSyntaxException.class,
                    () -> h.onLoop(() -> h.state.load("local x = 1\nx x".getBytes(), "@driver.lua")));
            assertThat(error.luaMessage()).startsWith("driver.lua:2: ").isEqualTo("driver.lua:2: '=' expected near 'x'");
            assertThat(error.getMessage()).isEqualTo(error.luaMessage());
            assertThat(h.stackTop()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void aRuntimeErrorComesBackWithItsTraceback(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            LuaException error = catchThrowableOfType(LuaException.class,
                    () -> h.exec("local function f() error('went wrong') end\nf()"));
            assertThat(error.luaMessage()).isEqualTo("test:1: went wrong");
            assertThat(error.getMessage()).startsWith("test:1: went wrong\nstack traceback:\n")
                    .contains("in function 'error'");
            assertThat(h.luaErrors).isEmpty(); // call() throws; the caller decides whether to report
            assertThat(h.stackTop()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void nonStringErrorsAreDescribedAsLuaDoes(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            assertThat(catchThrowableOfType(LuaException.class, () -> h.exec("error({})")).luaMessage())
                    .isEqualTo("(error object is a table value)");
            assertThat(catchThrowableOfType(LuaException.class, () -> h.exec("error(nil)")).luaMessage())
                    .isEqualTo("(error object is a nil value)");
            assertThat(catchThrowableOfType(LuaException.class, () -> h.exec("error(42, 0)")).luaMessage())
                    .isEqualTo("42");
            assertThat(catchThrowableOfType(LuaException.class,
                    () -> h.exec("error(setmetatable({}, {__tostring = function() return 'custom' end}))"))
                    .luaMessage()).isEqualTo("custom");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void globalsAreSetAndFunctionsFound(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            h.exec("function OnDriverInit(x) return x * 2 end notAFunction = 1");
            h.onLoop(() -> {
                h.state.setGlobal("answer", 42);
                LuaValueRef init = h.state.globalFunction("OnDriverInit");
                assertThat(init).isNotNull();
                assertThat(h.state.call(init, 21)).containsExactly(42.0);
                init.release();
                assertThat(h.state.globalFunction("notAFunction")).isNull();
                assertThat(h.state.globalFunction("missing")).isNull();
                return null;
            });
            assertThat(h.exec("return answer")).containsExactly(42.0);
            // a strict _G: errors in its metamethods are reported, never thrown through JNI
            h.exec("setmetatable(_G, {__index = function(_, k) error('undefined ' .. k) end})");
            assertThat(h.onLoop(() -> h.state.globalFunction("undefinedThing"))).isNull();
            assertThat(h.luaErrors).hasSize(1).first().asString().contains("undefined undefinedThing");
            assertThat(h.stackTop()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void aClosedStateIgnoresLateEventsAndRefs(NativeLuaEngine engine) throws Exception {
        Harness h = new Harness(engine);
        try {
            TestObjects objects = TestObjects.install(h);
            h.exec("srv = make() srv:OnEvent(function() end)");
            LuaObject srv = objects.peers.get(0).object;
            LuaValueRef ref = h.onLoop(() -> (LuaValueRef) h.execHere("return {}")[0]);
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
        } finally {
            h.loop.close();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void anotherThreadIsRefusedInsteadOfCrashingTheJvm(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            assertThatThrownBy(() -> h.state.load("return 1".getBytes(StandardCharsets.UTF_8), "=x"))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("belongs to thread");
        }
    }

    @Test
    void theGuiceModulesBindTheEngines() {
        LuaEngine jnlua = Guice.createInjector(new Lua51Module()).getInstance(LuaEngine.class);
        LuaEngine luajit = Guice.createInjector(new LuajitModule()).getInstance(LuaEngine.class);
        assertThat(jnlua).isInstanceOf(Lua51Engine.class);
        assertThat(jnlua.name()).isEqualTo("jnlua");
        assertThat(luajit).isInstanceOf(LuajitEngine.class);
        assertThat(luajit.name()).isEqualTo("luajit");
        var injector = Guice.createInjector(new LuajitModule());
        assertThat(injector.getInstance(LuaEngine.class)).isSameAs(injector.getInstance(LuaEngine.class));
    }

    @Test
    void aNativeLibraryThatDoesNotLoadMakesTheEngineUnavailable() {
        NativeLuaEngine broken = new NativeLuaEngine("broken", "Lua 5.1", true) {
            @Override
            party.iroiro.luajava.Lua newLua() {
                throw new UnsatisfiedLinkError("no liblua5164 in java.library.path");
            }
        };
        assertThatThrownBy(() -> broken.open(null))
                .isInstanceOf(dev.c4j.lua.spi.EngineUnavailableException.class)
                .hasMessageContaining("broken engine (Lua 5.1) cannot run here")
                .hasMessageContaining("no liblua5164")
                .hasCauseInstanceOf(UnsatisfiedLinkError.class);
        assertThat(broken.version()).isEqualTo("Lua 5.1");
    }
}
