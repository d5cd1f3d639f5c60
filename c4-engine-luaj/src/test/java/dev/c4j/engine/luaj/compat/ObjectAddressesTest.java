package dev.c4j.engine.luaj.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;

class ObjectAddressesTest {

    @Test
    void tablesFunctionsUserdataAndThreadsPrintAsInCLua() {
        Globals g = LuaJRunner.globals(new ByteArrayOutputStream());
        LuaValue chunk = LuaJRunner.withStringMethods(g, () -> g.load("return function() end", "=test"));
        assertThat(new LuaTable().tojstring()).matches("table: 0x[0-9a-f]{8,}");
        assertThat(chunk.tojstring()).matches("function: 0x[0-9a-f]{8,}");
        assertThat(chunk.call().tojstring()).matches("function: 0x[0-9a-f]{8,}");
        assertThat(g.get("print").tojstring()).matches("function: 0x[0-9a-f]{8,}"); // C functions too, as in C Lua
        assertThat(g.get("string").get("format").tojstring()).matches("function: 0x[0-9a-f]{8,}");
        assertThat(new LuaUserdata(new Object()).tojstring()).matches("userdata: 0x[0-9a-f]{8,}");
        assertThat(new LuaThread(g, chunk).tojstring()).matches("thread: 0x[0-9a-f]{8,}");
    }

    @Test
    void theAddressIsStableForTheObjectsLifeAndNoOtherLiveObjectHasIt() {
        LuaTable kept = new LuaTable();
        String first = kept.tojstring();
        Set<String> others = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            LuaTable other = new LuaTable();
            assertThat(other.tojstring()).isEqualTo(other.tojstring());
            others.add(other.tojstring());
            if (i % 1000 == 0) {
                System.gc(); // collected tables give up their entries
            }
        }
        assertThat(others).hasSize(10_000).doesNotContain(first);
        assertThat(kept.tojstring()).isEqualTo(first);
    }

    @Test
    void equalUserdataAreStillTwoObjects() {
        String peer = "same peer"; // LuaJ's userdata are equal when their Java objects are
        LuaUserdata a = new LuaUserdata(peer);
        LuaUserdata b = new LuaUserdata(peer);
        assertThat(a.tojstring()).isNotEqualTo(b.tojstring());
    }
}
