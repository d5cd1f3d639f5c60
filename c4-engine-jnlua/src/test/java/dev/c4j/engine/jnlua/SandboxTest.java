package dev.c4j.engine.jnlua;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The native engines' own sandbox facts; what every engine's sandbox gives is SandboxContract. */
class SandboxTest {

    private static List<String> names(Harness h, String table) throws Exception {
        h.captured.clear();
        h.exec("local names = {} for k in pairs(" + table + ") do names[#names + 1] = tostring(k) end "
                + "table.sort(names) capture(table.concat(names, ' '))");
        String joined = new String(h.captured.get(0), StandardCharsets.UTF_8);
        return joined.isEmpty() ? List.of() : List.of(joined.split(" "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void luajitKeepsBitAndAHarmlessJit(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            if (engine instanceof LuajitEngine) {
                assertThat(h.exec("return bit.band(0xff, 0x0f), bit.lshift(0xc0, 24), type(jit.version) == 'string', jit.attach"))
                        .containsExactly(15.0, -1073741824.0, true, null);
                assertThat(names(h, "jit")).containsExactly(
                        "arch", "flush", "off", "on", "opt", "os", "status", "version", "version_num");
            } else {
                // PUC 5.1 has no bit library; the neutral layer installs one.
                assertThat(h.exec("return bit, jit")).containsOnlyNulls();
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void versionNamesTheEngine(NativeLuaEngine engine) {
        assertThat(engine.version()).startsWith(engine instanceof LuajitEngine ? "LuaJIT 2.1" : "Lua 5.1");
    }
}
