package dev.c4j.lua.spi.contract;

import dev.c4j.lua.spi.LuaSyntaxException;
import dev.c4j.lua.spi.TextChunks;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The engine SPI contract for the sandbox ({@link dev.c4j.lua.spi.LuaEngine#open}, spec section 9): a fresh state
 * holds the Lua 5.1 driver surface only; no files, modules, Java or registry; no binary chunks.
 */
public abstract class SandboxContract extends EngineContract {

    /** The 5.1 globals every engine's fresh state has. */
    private static final Set<String> BASE = Set.of(
            "_G", "_VERSION", "assert", "collectgarbage", "error", "gcinfo", "getfenv", "getmetatable", "ipairs",
            "load", "loadstring", "next", "pairs", "pcall", "print", "rawequal", "rawget", "rawset", "select",
            "setfenv", "setmetatable", "tonumber", "tostring", "type", "unpack", "xpcall",
            "coroutine", "string", "table", "math", "os", "debug");

    /** The globals the engine has beyond {@link #BASE}, such as LuaJIT's {@code bit} and {@code jit}. */
    protected Set<String> ownGlobals() {
        return Set.of();
    }

    private List<String> names(String table) throws Exception {
        h.captured.clear();
        h.exec("local names = {} for k in pairs(" + table + ") do names[#names + 1] = tostring(k) end "
                + "table.sort(names) capture(table.concat(names, ' '))");
        String joined = text(h.captured.get(0));
        return joined.isEmpty() ? List.of() : List.of(joined.split(" "));
    }

    @Test
    void globalsAreTheDriverSurfaceOnly() throws Exception {
        Set<String> expected = new TreeSet<>(BASE);
        expected.add("capture"); // the harness's own
        expected.addAll(ownGlobals());
        assertThat(new TreeSet<>(names("_G"))).isEqualTo(expected);
    }

    @Test
    void osAndDebugAreRestricted() throws Exception {
        assertThat(names("os")).containsExactly("clock", "date", "difftime", "getenv", "time");
        assertThat(names("debug")).containsExactly("traceback");
        assertThat(h.exec("return type(os.time()) == 'number', type(os.clock()) == 'number', "
                + "os.date('!%Y', 0) == '1970', os.difftime(10, 4), os.getenv('PATH') == nil, os.getenv('HOME')"))
                .containsExactly(true, true, true, 6.0, true, null);
    }

    @Test
    void nothingReachesFilesModulesJavaOrTheRegistry() throws Exception {
        Object[] found = h.exec("""
                return io, package, require, module, dofile, loadfile, java, luajava, ffi, bit32,
                       debug.getregistry, debug.getinfo, debug.sethook, debug.getupvalue, os.execute,
                       os.exit, os.remove, os.rename, os.tmpname, os.setlocale
                """);
        assertThat(found).hasSize(20).containsOnlyNulls();
        assertThat(h.exec("return newproxy == nil")).as("newproxy")
                .containsExactly(!ownGlobals().contains("newproxy"));
        // load and loadstring stay, and compile text
        assertThat(h.exec("return loadstring('return 1 + 1')(), load(function() return nil end) ~= nil"))
                .containsExactly(2.0, true);
    }

    @Test
    void binaryChunksAreRefused() throws Exception {
        byte[] binary = {TextChunks.SIGNATURE, 'L', 'u', 'a', 0x51, 0, 1, 4, 8, 4, 8, 0};
        assertThatThrownBy(() -> h.onLoop(() -> h.state.load(binary, "=binary")))
                .isInstanceOf(LuaSyntaxException.class).hasMessageContaining(TextChunks.REFUSED);
        h.exec("""
                local f, e = loadstring(...)
                capture(tostring(f), e)
                local parts = {..., ''}
                local g, e2 = load(function() return table.remove(parts, 1) end)
                capture(tostring(g), e2)
                local dumped, e3 = loadstring(string.dump(function() return 1 end))
                capture(tostring(dumped), e3)
                """, binary);
        List<String> captured = capturedText();
        assertThat(captured).hasSize(6);
        for (int i = 0; i < captured.size(); i += 2) {
            assertThat(captured.get(i)).isEqualTo("nil");
            assertThat(captured.get(i + 1)).contains(TextChunks.REFUSED);
        }
    }

    @Test
    void theStandardLibrariesWork() throws Exception {
        assertThat(h.exec("""
                local co = coroutine.wrap(function(a) local b = coroutine.yield(a + 1) return b * 2 end)
                return co(1), co(5), unpack({7, 8})
                """)).containsExactly(2.0, 10.0, 7.0, 8.0);
        h.captured.clear();
        h.exec("capture(_VERSION, string.format('%5.2f', math.pi), table.concat({1, 2, 3}, ','), "
                + "debug.traceback('x'))");
        List<String> captured = capturedText();
        assertThat(captured.subList(0, 3)).containsExactly("Lua 5.1", " 3.14", "1,2,3");
        assertThat(captured.get(3)).startsWith("x\nstack traceback:");
    }
}
