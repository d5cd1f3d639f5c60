package dev.c4j.testkit.reliability;

import org.junit.jupiter.api.Tag;
import dev.c4j.lua.spi.TextChunks;
import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;

import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

import static dev.c4j.testkit.reliability.Reliability.awaitLine;
import static dev.c4j.testkit.reliability.Reliability.start;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Problem 1 of the reliability battery and the sandbox's smaller holes: bytecode never loads (on PUC Lua 5.1
 * patched bytecode is arbitrary memory access, on LuaJIT some mutations crashed the JVM), the host's environment is
 * out of reach, and library functions fail as Lua errors, never as Java exceptions.
 */
@Tag("reliability")
class SandboxReliabilityTest {

    private static final String REFUSED = TextChunks.REFUSED;

    @AllEngines
    void everyLoaderRefusesBinaryChunks(String engine) {
        try (TestDriver d = start(engine, """
                local bytecode = string.dump(function() return 42 end)
                print("binary", bytecode:byte(1) == 27)
                print("loadstring", loadstring(bytecode))
                local pieces = { bytecode:sub(1, 5), bytecode:sub(6) }
                print("load", load(function() return table.remove(pieces, 1) end))
                local ok, f = pcall(load, bytecode)
                print("load(string)", type(f) == "function")
                print("require-style", loadstring(bytecode, "@module.lua"))
                print("text", loadstring("return 1 + 1")())
                """)) {
            assertThat(awaitLine(d, "binary")).isEqualTo("binary\ttrue");
            assertThat(awaitLine(d, "loadstring")).isEqualTo("loadstring\tnil\t" + REFUSED);
            assertThat(awaitLine(d, "load\t")).isEqualTo("load\tnil\t" + REFUSED);
            assertThat(awaitLine(d, "load(string)")).isEqualTo("load(string)\tfalse");
            assertThat(awaitLine(d, "require-style")).isEqualTo("require-style\tnil\t" + REFUSED);
            assertThat(awaitLine(d, "text")).isEqualTo("text\t2");
            d.assertNoErrors();
        }
    }

    /** The battery's crash: one-byte mutations of dumped bytecode, each loaded and run. Now none of them loads. */
    @AllEngines
    void mutatedBytecodeNeverRuns(String engine) {
        try (TestDriver d = start(engine, """
                local function victim(t, i) return t[i] .. tostring(i) end
                local bytecode = string.dump(victim)
                local loaded = 0
                for i = 2, #bytecode do
                  for _, delta in ipairs({ 1, 127, 255 }) do
                    local b = (bytecode:byte(i) + delta) % 256
                    local f = loadstring(bytecode:sub(1, i - 1) .. string.char(b) .. bytecode:sub(i + 1))
                    if f then loaded = loaded + 1; pcall(f, {}, 1) end
                  end
                end
                print("mutations", #bytecode - 1, "loaded", loaded)
                """)) {
            assertThat(awaitLine(d, "mutations")).endsWith("\tloaded\t0");
            d.assertNoErrors();
        }
    }

    /** A driver file that is bytecode does not start: the same refusal, as the driver's compile error. */
    @AllEngines
    void aBinaryDriverDoesNotStart(String engine, @TempDir Path dir) throws IOException {
        byte[] bytecode;
        try (TestDriver d = start(engine, """
                local hex = string.dump(function() print("ran") end):gsub(".", function(c)
                  return string.format("%02x", c:byte())
                end)
                print("hex " .. hex)
                """)) {
            bytecode = HexFormat.of().parseHex(awaitLine(d, "hex ").substring(4));
        }
        Path file = Files.write(dir.resolve("bin.lua"), bytecode);
        assertThatThrownBy(() -> TestDriver.builder().engine(engine).source(file).start())
                .isInstanceOf(AssertionError.class).hasMessageContaining(REFUSED);
    }

    @AllEngines
    void theHostEnvironmentIsOutOfReach(String engine) {
        try (TestDriver d = start(engine, """
                print("getenv", os.getenv("PATH"), os.getenv("HOME"), os.getenv("JAVA_HOME"))
                print("no name", pcall(os.getenv))
                """)) {
            assertThat(awaitLine(d, "getenv")).isEqualTo("getenv\tnil\tnil\tnil");
            assertThat(awaitLine(d, "no name")).contains("false").contains("bad argument #1 to 'getenv'");
            d.assertNoErrors();
        }
    }

    /** On LuaJ a ClassCastException escaped pcall; everywhere it is now 5.1's Lua error. */
    @AllEngines
    void dumpingAFunctionOfOursIsALuaError(String engine) {
        try (TestDriver d = start(engine, """
                local srv = C4:CreateTCPServer()
                for _, f in ipairs({ srv.Listen, C4.SetTimer, C4.GetTime, string.rep, string.dump }) do
                  local ok, message = pcall(string.dump, f)
                  print("dump", ok, message)
                end
                print("done")
                """)) {
            awaitLine(d, "done");
            assertThat(d.outputLines()).filteredOn(line -> line.startsWith("dump")).hasSize(5)
                    .allSatisfy(line -> assertThat(line).startsWith("dump\tfalse\t")
                            .endsWith("unable to dump given function").doesNotContain("java"));
            d.assertNoErrors();
        }
    }

    @AllEngines
    void collectorOptionsOf51AreAccepted(String engine) {
        try (TestDriver d = start(engine, """
                print("gc", collectgarbage("stop"), collectgarbage("restart"), collectgarbage("count") > 0,
                      type(collectgarbage("setpause", 150)), type(collectgarbage("setstepmul", 200)))
                """)) {
            assertThat(awaitLine(d, "gc")).isEqualTo("gc\t0\t0\ttrue\tnumber\tnumber");
            d.assertNoErrors();
        }
    }

    /** 0/0 as a port: the spec's value out of range (nil), where it used to bind a random port. */
    @AllEngines
    void listenOnANaNPortIsRefused(String engine) {
        try (TestDriver d = start(engine, """
                local srv = C4:CreateTCPServer():OnListen(function() print("listening") end)
                print("listen", srv:Listen("127.0.0.1", 0/0), srv:Listen("127.0.0.1", -0/0))
                """)) {
            assertThat(awaitLine(d, "listen")).isEqualTo("listen\tnil\tnil");
            d.assertNoErrors();
        }
    }
}
