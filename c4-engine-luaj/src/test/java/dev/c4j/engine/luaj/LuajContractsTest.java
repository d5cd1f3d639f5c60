package dev.c4j.engine.luaj;

import dev.c4j.lua.spi.LuaEngine;
import dev.c4j.lua.spi.contract.ErrorsContract;
import dev.c4j.lua.spi.contract.FramesContract;
import dev.c4j.lua.spi.contract.ObjectsContract;
import dev.c4j.lua.spi.contract.SandboxContract;
import org.junit.jupiter.api.Nested;

import java.util.Set;

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
    }

    @Nested
    class Sandbox extends SandboxContract {
        @Override
        protected LuaEngine engine() {
            return luaj();
        }

        /** {@code newproxy} is restored by Lua51Compat; {@code rawlen} is LuaJ's 5.2 base library, left in. */
        @Override
        protected Set<String> ownGlobals() {
            return Set.of("newproxy", "rawlen");
        }
    }
}
