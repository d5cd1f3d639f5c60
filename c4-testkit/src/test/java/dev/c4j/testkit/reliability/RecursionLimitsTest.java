package dev.c4j.testkit.reliability;

import org.junit.jupiter.api.Tag;
import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;

import java.time.Duration;

import static dev.c4j.testkit.reliability.Reliability.awaitLine;
import static dev.c4j.testkit.reliability.Reliability.start;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Problem 2 of the reliability battery: pure Lua recursion through C functions overflowed the loop thread's native
 * stack before Lua's own limit (SIGSEGV, exit 139, nothing printed). Each recursion path is driven to its end, in
 * the driver's own pcall: it must end in a Lua error, and the driver must carry on. A crash fails the whole run.
 */
@Tag("reliability")
class RecursionLimitsTest {

    /** Lua's own errors that end a recursion (LuaJIT counts no C calls: its coroutines may use up memory first). */
    private static final String LUA_LIMIT = "(C stack overflow|stack overflow|not enough memory)";

    /** name → a function that recurses without end. */
    private static final String PATHS = """
            local paths = {
              { "gsub callback", function()
                  local function f(s) return (string.gsub(s, ".", f)) end
                  return f("x")
                end },
              { "__index", function()
                  local t = setmetatable({}, {})
                  getmetatable(t).__index = function(t, k) return t[k] end
                  return t.x
                end },
              { "__tostring", function()
                  local t = setmetatable({}, {})
                  getmetatable(t).__tostring = function(x) return tostring(x) end
                  return tostring(t)
                end },
              { "__tostring is tostring", function()
                  local t = setmetatable({}, { __tostring = tostring })
                  return tostring(t)
                end },
              { "nested coroutine.wrap", function()
                  local function w() return coroutine.wrap(w)() end
                  return w()
                end },
              { "nested coroutine.resume", function()
                  local function r()
                    local ok, e = coroutine.resume(coroutine.create(r))
                    if not ok then error(e, 0) end
                  end
                  return r()
                end },
              { "pcall chain", function()
                  local function p()
                    local ok, e = pcall(p)
                    if not ok then error(e, 0) end
                  end
                  return p()
                end },
              { "plain recursion", function()
                  local function f() return 1 + f() end
                  return f()
                end },
            }
            """;

    @AllEngines
    void everyRecursionEndsInALuaErrorAndTheDriverCarriesOn(String engine) {
        long started = System.nanoTime();
        try (TestDriver d = start(engine, PATHS + """
                function OnDriverLateInit()
                  for _, path in ipairs(paths) do
                    C4:SetTimer(1, function()
                      local ok, e = pcall(path[2])
                      print("path", path[1], ok, (tostring(e):gsub("^.-:%d+: ", "")))
                    end)
                  end
                  C4:SetTimer(50, function() print("carried on") end)
                end
                """)) {
            awaitLine(d, "carried on");
            assertThat(d.outputLines()).filteredOn(line -> line.startsWith("path")).hasSize(8)
                    .allSatisfy(line -> assertThat(line).matches("path\t[^\t]+\tfalse\t(drv:\\d+: )*" + LUA_LIMIT));
            d.assertNoErrors();
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).as("every path ends fast")
                .isLessThan(Duration.ofSeconds(30));
    }

    /** The same recursions unprotected: each callback fails with its error reported, and the next one still runs. */
    @AllEngines
    void anUnprotectedRecursionFailsOnlyItsCallback(String engine) {
        try (TestDriver d = start(engine, PATHS + """
                function OnDriverLateInit()
                  for _, path in ipairs(paths) do
                    C4:SetTimer(1, function() path[2]() end)
                  end
                  C4:SetTimer(50, function() print("carried on") end)
                end
                """)) {
            awaitLine(d, "carried on");
            assertThat(d.errors()).hasSize(8)
                    .allSatisfy(error -> assertThat(error.lines().findFirst().orElseThrow()).containsPattern(LUA_LIMIT));
        }
    }
}
