package dev.c4j.engine.jnlua;

import dev.c4j.lua.spi.LuaException;
import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaObject;
import dev.c4j.lua.spi.LuaState;
import dev.c4j.lua.spi.LuaSyntaxException;
import dev.c4j.lua.spi.LuaValueRef;
import dev.c4j.lua.spi.contract.BytesContract;
import dev.c4j.lua.spi.contract.ErrorsContract;
import dev.c4j.lua.spi.contract.FramesContract;
import dev.c4j.lua.spi.contract.LuaValuesContract;
import dev.c4j.lua.spi.contract.ObjectsContract;
import dev.c4j.lua.spi.contract.SandboxContract;
import dev.c4j.lua.spi.contract.TestObjects;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import party.iroiro.luajava.Lua;
import party.iroiro.luajava.LuaNatives;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * The engine SPI contracts on a native engine, each also checking after every test that the main stack is empty.
 * A subclass names the engine.
 */
abstract class NativeContracts {

    abstract NativeLuaEngine engine();

    /** The same engine pushing bytes through the pure-Java bridge instead of the JNI shim. */
    abstract NativeLuaEngine engineWithoutShim();

    /** The globals the engine has beyond the 5.1 surface. */
    abstract Set<String> ownGlobals();

    private static int stackTop(LuaState state) {
        return ((NativeLuaState) state).stackTop();
    }

    @Nested
    class Frames extends FramesContract {
        @Override
        protected NativeLuaEngine engine() {
            return NativeContracts.this.engine();
        }

        @Override
        protected int stackHeight(LuaState state) {
            return stackTop(state);
        }
    }

    @Nested
    class Errors extends ErrorsContract {
        @Override
        protected NativeLuaEngine engine() {
            return NativeContracts.this.engine();
        }

        @Override
        protected int stackHeight(LuaState state) {
            return stackTop(state);
        }

        @Override
        protected String nilErrorMessage() {
            return "(error object is a nil value)";
        }

        /** Native only: LuaJ's parser words its syntax errors its own way ("syntax error"). */
        @Test
        void aSyntaxErrorCarriesTheParsersOwnWords() {
            LuaSyntaxException error = catchThrowableOfType(LuaSyntaxException.class,
                    () -> h.onLoop(() -> h.state.load("local x = 1\nx x".getBytes(), "@driver.lua")));
            assertThat(error.luaMessage()).isEqualTo("driver.lua:2: '=' expected near 'x'");
        }

        /** Native only: LuaJ's tracebacks have no frames for functions written in Java, such as error. */
        @Test
        void aTracebackShowsTheCFunctionThatRaised() {
            LuaException error = catchThrowableOfType(LuaException.class,
                    () -> h.exec("local function f() error('went wrong') end\nf()"));
            assertThat(error.getMessage()).contains("in function 'error'");
        }
    }

    @Nested
    class Objects extends ObjectsContract {
        @Override
        protected NativeLuaEngine engine() {
            return NativeContracts.this.engine();
        }

        @Override
        protected int stackHeight(LuaState state) {
            return stackTop(state);
        }

        /**
         * Native only: the handle Java holds is an id into Lua's table of objects, so Lua alone decides. On LuaJ
         * the userdata is a Java object, which a Java reference keeps alive.
         */
        @Test
        void anObjectMadeFromJavaAndNeverHandedToLuaIsLeftToLuaAtTheNextCollection() throws Exception {
            TestObjects objects = installObjects();
            LuaObject orphan = h.onLoop(() -> objects.create(h.state));
            collect();
            assertThat(objects.peers.get(0).collected).hasValue(1);
            assertThat(h.onLoop(() -> orphan.invoke(TestObjects.ON_EVENT))).isFalse();
        }
    }

    @Nested
    class Sandbox extends SandboxContract {
        @Override
        protected NativeLuaEngine engine() {
            return NativeContracts.this.engine();
        }

        @Override
        protected int stackHeight(LuaState state) {
            return stackTop(state);
        }

        @Override
        protected Set<String> ownGlobals() {
            return NativeContracts.this.ownGlobals();
        }
    }

    @Nested
    class Bytes extends BytesContract {
        @Override
        protected NativeLuaEngine engine() {
            return NativeContracts.this.engine();
        }

        @Override
        protected int stackHeight(LuaState state) {
            return stackTop(state);
        }
    }

    /** Bytes take another path without the shim: the contract again on that path. */
    @Nested
    class BytesWithoutShim extends BytesContract {
        @Override
        protected NativeLuaEngine engine() {
            return engineWithoutShim();
        }

        @Override
        protected int stackHeight(LuaState state) {
            return stackTop(state);
        }
    }

    @Nested
    class Values extends LuaValuesContract {
        @Override
        protected NativeLuaEngine engine() {
            return NativeContracts.this.engine();
        }

        @Override
        protected int stackHeight(LuaState state) {
            return stackTop(state);
        }

        /** LuaJava's userdata for a Java object, and a light userdata, pushed with the C API during a call from Lua. */
        @Override
        protected List<LuaValueRef> foreignUserdata(LuaState state) throws LuaException {
            NativeLuaState nativeState = (NativeLuaState) state;
            LuaNatives natives = natives();
            List<LuaValueRef> made = new ArrayList<>();
            state.setGlobal("makeForeignUserdata", (LuaFunction) frame -> {
                long L = ((StackFrame) frame).L;
                natives.luaJ_pushobject(L, new Object());
                made.add(nativeState.ref(L, -1));
                natives.lua_pushlightuserdata(L, 0x1234);
                made.add(nativeState.ref(L, -1));
                return LuaFunction.Results.NONE;
            });
            LuaValueRef chunk = state.load("makeForeignUserdata()".getBytes(StandardCharsets.US_ASCII), "=foreign");
            try {
                state.call(chunk);
            } finally {
                chunk.release();
            }
            return made;
        }

        /** The engine's C API (the same for every state of its library). */
        private LuaNatives natives() {
            Lua lua = engine().newLua();
            try {
                return lua.getLuaNatives();
            } finally {
                lua.close();
            }
        }
    }
}
