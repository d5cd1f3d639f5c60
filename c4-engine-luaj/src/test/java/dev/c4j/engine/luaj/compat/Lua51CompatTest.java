package dev.c4j.engine.luaj.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.jse.JseBaseLib;

class Lua51CompatTest {

    private static LuaValue eval(Globals g, String expression) {
        byte[] chunk = ("return " + expression).getBytes(StandardCharsets.ISO_8859_1);
        return LuaJRunner.withStringMethods(g, () -> g.load(new ByteArrayInputStream(chunk), "=test", "t", g).call());
    }

    @Test
    void stringMethodsUseTheReplacedFunctions() {
        Globals g = LuaJRunner.globals(new ByteArrayOutputStream());
        assertThat(eval(g, "('%5.1f|%-3d|'):format(3.14159, 7)").tojstring()).isEqualTo("  3.1|7  |");
        assertThat(eval(g, "('caf\\233'):upper()").checkstring().m_bytes).startsWith('C', 'A', 'F', 0xE9);
        // lua5.1 prints "xx,xx,x,xx 7": an empty match right after a non-empty one counts in 5.1
        assertThat(eval(g, "('a,b,,c'):gsub('[^,]*', 'x')").tojstring()).isEqualTo("xx,xx,x,xx");
    }

    @Test
    void installingTwiceChangesNothing() {
        Globals g = LuaJRunner.globals(new ByteArrayOutputStream());
        Lua51Compat.install(g);
        assertThat(eval(g, "string.format('%q', 'a\\0b')").tojstring()).isEqualTo("\"a\\000b\"");
        assertThat(eval(g, "os.date('!%Y-%m-%d %H:%M:%S', 86399)").tojstring()).isEqualTo("1970-01-01 23:59:59");
    }

    @Test
    void aSandboxWithoutStringOrOsTablesIsFine() {
        Globals g = new Globals();
        g.load(new JseBaseLib());
        org.luaj.vm2.LoadState.install(g);
        org.luaj.vm2.compiler.LuaC.install(g);
        Lua51Compat.install(g);
        assertThat(eval(g, "tostring(1/3) .. 0.5").tojstring()).isEqualTo("0.333333333333330.5");
    }
}
