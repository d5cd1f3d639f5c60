package dev.c4j.engine.luaj;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runtime errors read as C Lua 5.1's, positions included (the expected texts are what lua5.1 printed for the same
 * lines; see also the conformance script errors.lua, which every engine runs).
 */
class RuntimeErrorMessagesTest {

    @Test
    void theFailingVariableIsNamedAsInLua51() {
        try (TestDriver d = TestDriver.start("""
                local function try(f) print(select(2, pcall(f))) end
                local t, s, u = {}, 'str'
                try(function() Foo() end)
                try(function() t.x() end)
                try(function() t:Missing() end)
                try(function() local l; l.x = 1 end)
                try(function() return t.x.y end)
                try(function() return u.x end)
                try(function() return t.n + 1 end)
                try(function() local n; return 1 + n end)
                try(function() return 'a' .. t end)
                try(function() return 1 < nil end)
                try(function() return {} <= {} end)
                try(function() a = {b = {}}; a.b.c() end)
                try(function() return #u end)
                try(function() return -s end)
                try(function() return ('abc') + 1 end)
                try(function() Undefined.x = 1 end)
                try(function() t[nil] = 1 end)
                try(function() t[0/0] = 1 end)
                try(function() for k in nil do end end)
                try(function() return t[1][2] end)
                try(function() local n = 5; n() end)
                try(function() return setmetatable({}, {__index = 5}).x end)
                try(function() return 'a' < coroutine.create(print) end)
                """)) {
            assertThat(d.lines()).containsExactly(
                    "drv:3: attempt to call global 'Foo' (a nil value)",
                    "drv:4: attempt to call field 'x' (a nil value)",
                    "drv:5: attempt to call method 'Missing' (a nil value)",
                    "drv:6: attempt to index local 'l' (a nil value)",
                    "drv:7: attempt to index field 'x' (a nil value)",
                    "drv:8: attempt to index upvalue 'u' (a nil value)",
                    "drv:9: attempt to perform arithmetic on field 'n' (a nil value)",
                    "drv:10: attempt to perform arithmetic on local 'n' (a nil value)",
                    "drv:11: attempt to concatenate upvalue 't' (a table value)",
                    "drv:12: attempt to compare number with nil",
                    "drv:13: attempt to compare two table values",
                    "drv:14: attempt to call field 'c' (a nil value)",
                    "drv:15: attempt to get length of upvalue 'u' (a nil value)",
                    "drv:16: attempt to perform arithmetic on upvalue 's' (a string value)",
                    "drv:17: attempt to perform arithmetic on a string value",
                    "drv:18: attempt to index global 'Undefined' (a nil value)",
                    "drv:19: table index is nil",
                    "drv:20: table index is NaN",
                    "drv:21: attempt to call a nil value",
                    "drv:22: attempt to index field '?' (a nil value)",
                    "drv:23: attempt to call local 'n' (a number value)",
                    "drv:24: attempt to index a number value",
                    "drv:25: attempt to compare two string values"); // 5.1 compares the third letters of the names
            assertThat(d.messages()).isEmpty();
        }
    }

    @Test
    void errorsOfMetamethodsAndCalledFunctionsKeepTheirOwnMessage() {
        try (TestDriver d = TestDriver.start("""
                local o = setmetatable({}, {__index = function(t, k) error('no ' .. k) end})
                print(pcall(function() return o.x end))
                print(pcall(function() return string.rep() end))
                local plus = setmetatable({}, {__add = function() return 'added' end})
                print(pcall(function() return plus + 1 end))
                """)) {
            assertThat(d.lines()).containsExactly(
                    "false\tdrv:1: no x",
                    "false\tdrv:3: bad argument #1 to 'rep' (string expected, got no value)",
                    "true\tadded");
        }
    }

    @Test
    void multiLineExpressionsReportTheLinesLua51Reports() {
        try (TestDriver d = TestDriver.start("""
                local t = {}
                print(select(2, pcall(function()
                  local x = t.a
                    + 1
                end)))
                print(select(2, pcall(function()
                  local s = 'a' ..
                    t.a
                end)))
                print(select(2, pcall(function()
                  Missing(1,
                    2)
                end)))
                print(select(2, pcall(function()
                  local v = t
                    :Method(1)
                end)))
                print(select(2, pcall(function()
                  print(1, {
                    a = t.a.b,
                  })
                end)))
                """)) {
            assertThat(d.lines()).containsExactly(
                    "drv:4: attempt to perform arithmetic on field 'a' (a nil value)",
                    "drv:8: attempt to concatenate field 'a' (a nil value)",
                    "drv:11: attempt to call global 'Missing' (a nil value)",
                    "drv:16: attempt to call method 'Method' (a nil value)",
                    "drv:20: attempt to index field 'a' (a nil value)");
        }
    }

    @Test
    void aTailCallToAnythingButALuaFunctionHappensInTheReturningFunction() {
        try (TestDriver d = TestDriver.start("""
                local function missing() return Missing(1) end
                local function fails() return error('from fails') end
                local function badArgument() return string.rep() end
                print(pcall(missing))
                print(pcall(fails))
                print(pcall(badArgument))
                local function deep(n) if n == 0 then return 'bottom' end return deep(n - 1) end
                print(deep(100000)) -- Lua functions still tail-call: no stack growth
                """)) {
            assertThat(d.lines()).containsExactly(
                    "false\tdrv:1: attempt to call global 'Missing' (a nil value)",
                    "false\tdrv:2: from fails",
                    "false\tdrv:3: bad argument #1 to 'rep' (string expected, got no value)",
                    "bottom");
        }
    }

    @Test
    void anUncaughtErrorIsReportedWithTheNameAndATraceback() {
        try (TestDriver d = TestDriver.start("""
                local function inner(t)
                  return t.x.y
                end
                function OnDriverLateInit()
                  inner({})
                end
                """)) {
            assertThat(d.awaitMessage("attempt to")).startsWith("""
                    drv:2: attempt to index field 'x' (a nil value)
                    stack traceback:
                    \tdrv:2: in function 'inner'
                    \tdrv:5: in function <drv:4>""");
        }
    }
}
