package dev.c4j.engine.jnlua;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/** A fresh state holds exactly the driver surface of spec section 9, on both engines. */
class SandboxTest {

    private static final Set<String> BASE = Set.of(
            "_G", "_VERSION", "assert", "collectgarbage", "error", "gcinfo", "getfenv", "getmetatable", "ipairs",
            "load", "loadstring", "next", "pairs", "pcall", "print", "rawequal", "rawget", "rawset", "select",
            "setfenv", "setmetatable", "tonumber", "tostring", "type", "unpack", "xpcall",
            "coroutine", "string", "table", "math", "os", "debug");

    private static List<String> names(Harness h, String table) throws Exception {
        h.captured.clear();
        h.exec("local names = {} for k in pairs(" + table + ") do names[#names + 1] = tostring(k) end "
                + "table.sort(names) capture(table.concat(names, ' '))");
        String joined = new String(h.captured.get(0), StandardCharsets.UTF_8);
        return joined.isEmpty() ? List.of() : List.of(joined.split(" "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void globalsAreTheDriverSurfaceOnly(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            Set<String> expected = new TreeSet<>(BASE);
            expected.add("capture"); // the harness's own
            if (engine instanceof LuajitEngine) {
                expected.add("bit");
                expected.add("jit");
            }
            assertThat(new TreeSet<>(names(h, "_G"))).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void osAndDebugAreRestricted(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            assertThat(names(h, "os")).containsExactly("clock", "date", "difftime", "getenv", "time");
            assertThat(names(h, "debug")).containsExactly("traceback");
            assertThat(h.exec("return type(os.time()) == 'number', type(os.clock()) == 'number', "
                    + "os.date('!%Y', 0) == '1970', os.difftime(10, 4), os.getenv('PATH') == nil"))
                    .containsExactly(true, true, true, 6.0, true);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void nothingReachesFilesModulesJavaOrTheRegistry(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            Object[] found = h.exec("""
                    return io, package, require, module, dofile, loadfile, java, ffi, newproxy,
                           debug.getregistry, debug.getinfo, debug.sethook, debug.getupvalue, os.execute,
                           os.exit, os.remove, os.rename, os.tmpname
                    """);
            assertThat(found).hasSize(18).containsOnlyNulls();
            // load and loadstring stay, and compile text only from strings
            assertThat(h.exec("return loadstring('return 1 + 1')()")).containsExactly(2.0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void theStandardLibrariesWork(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            assertThat(h.exec("""
                    local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end)
                    return co(1), co(5), unpack({7, 8})
                    """)).containsExactly(2.0, 10.0, 7.0, 8.0);
            h.captured.clear();
            h.exec("capture(_VERSION, string.format('%5.2f', math.pi), table.concat({1, 2, 3}, ','), "
                    + "debug.traceback('x'))");
            assertThat(new String(h.captured.get(0), StandardCharsets.UTF_8)).isEqualTo("Lua 5.1");
            assertThat(new String(h.captured.get(1), StandardCharsets.UTF_8)).isEqualTo(" 3.14");
            assertThat(new String(h.captured.get(2), StandardCharsets.UTF_8)).isEqualTo("1,2,3");
            assertThat(new String(h.captured.get(3), StandardCharsets.UTF_8)).startsWith("x\nstack traceback:");
        }
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
