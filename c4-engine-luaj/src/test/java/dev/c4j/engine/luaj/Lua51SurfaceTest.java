package dev.c4j.engine.luaj;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The Lua 5.1 surface restored on LuaJ, and the sandbox (spec section 9). */
class Lua51SurfaceTest {

    @Test
    void restoredFunctionsBehaveAsInLua51() {
        try (TestDriver d = TestDriver.start("""
                print(unpack({1, 2, 3}))
                print(loadstring('return 1 + ...')(41))
                print(table.getn({1, 2, 3}), table.maxn({[1] = 1, [7] = 2}), table.maxn({}))
                print(table.foreach({a = 1}, function(k, v) return k .. v end))
                local seen = {}
                table.foreachi({'x', 'y'}, function(i, v) seen[#seen + 1] = i .. v end)
                print(table.concat(seen, ','))
                local words = {}
                for w in string.gfind('one two', '%a+') do words[#words + 1] = w end
                print(table.concat(words, '+'))
                print(math.log10(1000), math.mod(7, 3), math.mod(-7, 3), math.pow(2, 10))
                print(type(gcinfo()), type(newproxy()), getmetatable(newproxy()) == nil, type(getmetatable(newproxy(true))))
                local p = newproxy(true)
                print(getmetatable(newproxy(p)) == getmetatable(p))
                print(_VERSION)
                """)) {
            assertThat(d.lines()).containsExactly(
                    "1\t2\t3",
                    "42",
                    "3\t7\t0",
                    "a1",
                    "1x,2y",
                    "one+two",
                    "3\t1\t-1\t1024",
                    "number\tuserdata\ttrue\ttable",
                    "true",
                    "Lua 5.1");
            assertThat(d.messages()).isEmpty();
        }
    }

    @Test
    void numbersPrintAsInLua51() {
        try (TestDriver d = TestDriver.start("""
                print(80, 80.0, 160 / 2, 2^31, 1/3, 2/3, 1e15, 1e100, 2^53, 0.1, -2.5, 1/0, -1/0)
                print(tostring(1/3), tostring(7))
                """)) {
            assertThat(d.lines()).containsExactly(
                    "80\t80\t80\t2147483648\t0.33333333333333\t0.66666666666667\t1e+15\t1e+100\t9.007199254741e+15"
                            + "\t0.1\t-2.5\tinf\t-inf",
                    "0.33333333333333\t7");
        }
    }

    @Test
    void tablesFunctionsUserdataAndThreadsPrintWithAnAddressAsInLua51() {
        try (TestDriver d = TestDriver.start("""
                local t = {}
                print(t)
                print(tostring(t) == tostring(t), tostring(t) ~= tostring({}))
                print(print, tostring, string.format, C4.SetTimer, function() end)
                print(newproxy(), coroutine.create(print))
                print(C4:SetTimer(1000, function() end))
                """)) {
            assertThat(d.lines()).hasSize(5);
            assertThat(d.lines().get(0)).matches("table: 0x\\p{XDigit}+");
            assertThat(d.lines().get(1)).isEqualTo("true\ttrue");
            assertThat(d.lines().get(2).split("\t")).hasSize(5).allMatch(f -> f.matches("function: 0x\\p{XDigit}+"));
            assertThat(d.lines().get(3)).matches("userdata: 0x\\p{XDigit}+\tthread: 0x\\p{XDigit}+");
            assertThat(d.lines().get(4)).matches("C4LuaTimer: 0x\\p{XDigit}+"); // our objects keep their type name
        }
    }

    @Test
    void loadstringIsByteExact() {
        try (TestDriver d = TestDriver.start("""
                local s = loadstring('return "\\0\\255' .. string.char(200) .. '"')()
                print(#s, s:byte(1), s:byte(2), s:byte(3))
                print(loadstring('x = = 1'))
                print(loadstring('x = = 1', '=named'))
                local f = loadstring('local t = nil; return t.x')
                print(pcall(f))
                """)) {
            assertThat(d.lines()).hasSize(4);
            assertThat(d.lines().get(0)).isEqualTo("3\t0\t255\t200");
            assertThat(d.lines().get(1)).startsWith("nil\t[string \"x = = 1\"]:1:");
            assertThat(d.lines().get(2)).startsWith("nil\tnamed:1:");
            assertThat(d.lines().get(3)).startsWith("false\t[string \"local t = nil; return t.x\"]:1: ");
        }
    }

    @Test
    void setfenvAndGetfenvWorkPerFunction() {
        try (TestDriver d = TestDriver.start("""
                local f = loadstring('return x')
                setfenv(f, {x = 'sandboxed'})
                print(f(), x, getfenv(f).x)
                print(getfenv() == _G, getfenv(0) == _G, getfenv(1) == _G, getfenv(print) == _G)
                y = 'global'
                local function g() return y end
                print(setfenv(g, {y = 'own'}) == g, g(), y)
                local function h() setfenv(1, {z = 'level one'}); return z end
                print(h(), z)
                print(pcall(setfenv, g, 5))
                """)) {
            assertThat(d.lines()).hasSize(5);
            assertThat(d.lines().subList(0, 4)).containsExactly(
                    "sandboxed\tnil\tsandboxed",
                    "true\ttrue\ttrue\ttrue",
                    "true\town\tglobal",
                    "level one\tnil");
            assertThat(d.lines().get(4)).startsWith("false\t").contains("table expected");
        }
    }

    @Test
    void theSandboxHasNoFilesProcessesOrNativeModules() {
        try (TestDriver d = TestDriver.start("""
                print(io, os.execute, os.exit, os.remove, os.rename, os.tmpname, os.setlocale)
                print(type(package), type(require), package.loadlib, loadfile, dofile, luajava, java, bit32, debug.getinfo, debug.sethook)
                print(type(os.time), type(os.date), type(os.clock), type(os.getenv), type(os.difftime), type(debug.traceback))
                print(type(string.format), type(table.insert), type(math.floor), type(coroutine.wrap), type(bit.band))
                """)) {
            assertThat(d.lines()).containsExactly(
                    "nil\tnil\tnil\tnil\tnil\tnil\tnil",
                    "table\tfunction\tnil\tnil\tnil\tnil\tnil\tnil\tnil\tnil",
                    "function\tfunction\tfunction\tfunction\tfunction\tfunction",
                    "function\tfunction\tfunction\tfunction\tfunction");
        }
    }

    @Test
    void errorValuesAreThoseOfLua51() {
        try (TestDriver d = TestDriver.start("""
                print(pcall(error, 'x'))
                print(pcall(function() error('y') end))
                print(pcall(function() error('z', 0) end))
                print(pcall(function() error({code = 7}) end) == false, select(2, pcall(error, {code = 7})).code)
                local function lib() error('caller is wrong', 2) end
                print(pcall(function()
                  lib()
                end))
                print(pcall(function() local t = nil; return t.x end))
                print(pcall(error))
                print(xpcall(function() error('w') end, function(m) return 'handled: ' .. m end))
                print(xpcall(function() error({}) end, function(m) return type(m) end))
                print(xpcall(function() pcall(error, 'inner'); error('outer') end, function(m) return 'h:' .. m end))
                local ok, tb = xpcall(function() local t = nil; return t.x end, debug.traceback)
                print(ok, tb:match('^drv:14: ') ~= nil, tb:find('stack traceback:', 1, true) ~= nil)
                print(coroutine.resume(coroutine.create(function() error('in coroutine') end)))
                print(pcall(coroutine.wrap(function() error('wrapped') end)))
                local r = 0
                local function recurse() r = r + 1; return 1 + recurse() end
                print(pcall(recurse))
                """)) {
            assertThat(d.lines()).containsExactly(
                    "false\tx",
                    "false\tdrv:2: y",
                    "false\tz",
                    "true\t7",
                    "false\tdrv:7: caller is wrong",
                    "false\tdrv:9: attempt to index local 't' (a nil value)",
                    "false\tnil",
                    "false\thandled: drv:11: w",
                    "false\ttable",
                    "false\th:drv:13: outer",
                    "false\ttrue\ttrue",
                    "false\tdrv:16: in coroutine",
                    "false\tdrv:17: wrapped", // wrap adds the position of its caller: here pcall, a C function
                    "false\tstack overflow");
            assertThat(d.messages()).isEmpty();
        }
    }

    @Test
    void aLuaErrorEscapingIsReportedWithItsTraceback() {
        try (TestDriver d = TestDriver.start("""
                local function inner() local t = nil; return t.field end
                function OnDriverLateInit() inner() end
                print('chunk ran')
                """)) {
            String report = d.awaitMessage("stack traceback");
            assertThat(report).startsWith("drv:1: ").contains("\nstack traceback:\n\tdrv:1: in function");
            assertThat(report).contains("drv:2:");
            assertThat(d.lines()).containsExactly("chunk ran");
        }
    }

    @Test
    void stringMethodsResolveInTheRunningDriversStringTable() {
        try (TestDriver first = TestDriver.start("""
                function string.shout(s) return s:upper() .. '!' end
                C4:SetTimer(50, function() print(('first'):shout()) end)
                """);
             TestDriver second = TestDriver.start("""
                function string.shout(s) return '(' .. s .. ')' end
                print(('second'):shout())
                """)) {
            assertThat(second.lines()).containsExactly("(second)");
            assertThat(first.await("FIRST")).isEqualTo("FIRST!");
        }
    }

    @Test
    void stringMethodsSurviveReplacingTheGlobalStringTable() {
        try (TestDriver d = TestDriver.start("""
                string = nil
                collectgarbage()
                print(('abc'):sub(2), ('x'):rep(3))
                """)) {
            assertThat(d.lines()).containsExactly("bc\txxx");
        }
    }
}
