package dev.c4j.engine.luaj;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where c4j's own {@code bit} (on LuaJ and PUC Lua 5.1) and LuaJIT's built-in BitOp legitimately differ, ours
 * behaves like LuaBitOp 1.0: {@code tohex} clamps to 8 digits, and argument errors name the function. LuaJIT keeps
 * its own library, as on the controller (there {@code tohex(x, 20)} gives 20 digits and errors name {@code '?'}).
 * What every engine shares, {@code bit.mod} included, is tested on all of them in c4-testkit's
 * {@code semantics.OutputFunctionsTest}.
 */
class BitLibraryTest {

    @Test
    void ourBitBehavesLikeLuaBitOp() {
        try (TestDriver d = TestDriver.start("""
                print(bit.tohex(0x12345678, 20))
                print(pcall(bit.band))
                print(pcall(bit.lshift, 1, 'x'))
                """)) {
            assertThat(d.lines()).containsExactly(
                    "12345678",
                    "false\tbad argument #1 to 'band' (number expected, got no value)",
                    "false\tbad argument #2 to 'lshift' (number expected, got string)");
        }
    }
}
