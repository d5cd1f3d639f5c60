package dev.c4j.engine.luaj;

import dev.c4j.lua.spi.LuaEngine;
import dev.c4j.lua.spi.LuaObject;
import dev.c4j.lua.spi.LuaState;
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
import org.luaj.vm2.LuaUserdata;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine SPI contracts, on LuaJ. */
class LuajContractsTest {

    private static LuaEngine luaj() {
        return new LuajEngine();
    }

    @Nested
    class Frames extends FramesContract {
        @Override
        protected LuaEngine engine() {
            return luaj();
        }
    }

    @Nested
    class Errors extends ErrorsContract {
        @Override
        protected LuaEngine engine() {
            return luaj();
        }

        /** LuajErrors.text renders nil as "nil", on purpose. */
        @Override
        protected String nilErrorMessage() {
            return "nil";
        }
    }

    @Nested
    class Objects extends ObjectsContract {
        @Override
        protected LuaEngine engine() {
            return luaj();
        }

        /**
         * LuaJ only: the userdata is a Java object, so a LuaObject that Java holds lives through collections
         * before Lua has seen it. On a native engine Lua alone decides (see NativeContracts).
         */
        @Test
        void anObjectJavaHoldsLivesUntilLuaHasSeenIt() throws Exception {
            TestObjects objects = installObjects();
            LuaObject late = h.onLoop(() -> {
                LuaObject object = objects.create(h.state);
                h.state.collectGarbage();
                h.state.setGlobal("late", object);
                return object;
            });
            h.exec("capture(type(late))");
            assertThat(capturedText()).containsExactly("userdata");
            assertThat(late.peer()).isSameAs(objects.peers.get(0));
            collect();
            assertThat(objects.peers.get(0).collected).hasValue(0);
        }
    }

    @Nested
    class Sandbox extends SandboxContract {
        @Override
        protected LuaEngine engine() {
            return luaj();
        }

        /** {@code newproxy} is restored by Lua51Compat (Lua 5.1 has it; the native sandbox keeps it for itself). */
        @Override
        protected Set<String> ownGlobals() {
            return Set.of("newproxy");
        }
    }

    @Nested
    class Bytes extends BytesContract {
        @Override
        protected LuaEngine engine() {
            return luaj();
        }
    }

    @Nested
    class Values extends LuaValuesContract {
        @Override
        protected LuaEngine engine() {
            return luaj();
        }

        /** LuaJ has no light userdata; a plain {@link LuaUserdata} is not ours. */
        @Override
        protected List<LuaValueRef> foreignUserdata(LuaState state) {
            return List.of(new LuajValueRef(new LuaUserdata(new Object())));
        }
    }
}
