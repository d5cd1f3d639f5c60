package dev.c4j.testkit.semantics;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** print, hexdump, tohex, bit, C4:GetTime, C4:GetTickCount (spec sections 6.4, 7, 9). */
class OutputFunctionsTest {

    @AllEngines
    void printFormatsLikeLua51(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                print(1, nil, true, false, 80, 160 / 2, 2^31, 1.5, 'a\\0b\\255')
                print()
                print(nil)
                print(C4:CreateTCPServer())
                local saved = tostring
                tostring = function(v) return '<' .. type(v) .. '>' end
                print(1, 'x')
                tostring = saved
                print(pcall(print, setmetatable({}, { __tostring = function() return {} end })))
                """)) {
            assertThat(d.outputLines()).hasSize(6);
            assertThat(d.outputLines().get(0)).isEqualTo("1\tnil\ttrue\tfalse\t80\t80\t2147483648\t1.5\ta\0b\u00ff");
            assertThat(d.outputLines().get(1)).isEmpty();
            assertThat(d.outputLines().get(2)).isEqualTo("nil");
            assertThat(d.outputLines().get(3)).matches("C4LuaTcpServer: 0x[0-9a-f]{8}");
            assertThat(d.outputLines().get(4)).isEqualTo("<number>\t<string>");
            assertThat(d.outputLines().get(5)).isEqualTo("false\t'tostring' must return a string to 'print'");
        }
    }

    @AllEngines
    void hexdumpPrintsTheVendorLayout(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                hexdump('OK\\r\\n\\0\\127z9 #')
                hexdump('')
                hexdump('0123456789abcdef\\255')
                local got = {}
                hexdump('AB', function(line) got[#got + 1] = line end)
                print('via function: ' .. got[1] .. '|' .. #got)
                print(pcall(hexdump))
                print(pcall(hexdump, 'x', 5))
                """)) {
            assertThat(d.outputLines()).containsExactly(
                    "00000000  4F 4B 0D 0A 00 7F 7A 39  OK....z9",
                    "00000008  20 23                    ..",
                    "00000000  30 31 32 33 34 35 36 37  01234567",
                    "00000008  38 39 61 62 63 64 65 66  89abcdef",
                    "00000010  FF                       .",
                    "via function: 00000000  41 42                    AB|1",
                    "false\tbad argument #1 to 'hexdump' (string expected, got no value)",
                    "false\tbad argument #2 to 'hexdump' (function expected, got number)");
        }
    }

    @AllEngines
    void tohexConvertsHexTextToBytes(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                print(tohex('DF 80 70') == '\\223\\128\\112', #tohex('df8070'), tohex(' 4f\\t4B\\n') , #tohex(''))
                print(pcall(tohex, 'ABC'))
                print(pcall(tohex, 'zz'))
                print(pcall(tohex))
                print(tohex(4142))
                """)) {
            assertThat(d.outputLines()).containsExactly(
                    "true\t3\tOK\t0",
                    "false\tbad argument #1 to 'tohex' (odd number of hex digits)",
                    "false\tbad argument #1 to 'tohex' (invalid hex digit 'z')",
                    "false\tbad argument #1 to 'tohex' (string expected, got no value)",
                    "AB");
        }
    }

    /**
     * The results every engine shares. bit.mod, bit.tohex with more than 8 digits and bit's argument errors differ on
     * luajit (LuaJIT's own bit library): LuaJ-only for now, in c4-engine-luaj's BitLibraryTest.
     */
    @AllEngines
    void bitLibraryGivesSigned32BitResults(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                print(bit.lshift(0xc0, 24), bit.band(0xff, 0x0f, 0x3), bit.bor(1, 2, 4), bit.bxor(5, 1), bit.bnot(0))
                print(bit.rshift(-1, 28), bit.arshift(-16, 2), bit.rol(1, 33), bit.ror(1, 1), bit.bswap(0x12345678))
                print(bit.tobit(2^32 + 5), bit.tobit(0xffffffff), bit.tobit('7'), bit.tobit(2.5), bit.tobit(3.5))
                print(bit.tohex(255), bit.tohex(255, -4), bit.tohex(-1, 2))
                """)) {
            assertThat(d.outputLines()).containsExactly(
                    "-1073741824\t3\t7\t4\t-1",
                    "15\t-4\t2\t-2147483648\t2018915346",
                    "5\t-1\t7\t2\t4",
                    "000000ff\t00FF\tff");
        }
    }

    @AllEngines
    void bitModIsTheTruncatedRemainderOnEveryEngine(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                print(bit.mod(7, 3), bit.mod(-7, 3), bit.mod(7, -3), pcall(bit.mod, 1, 0))
                """)) {
            assertThat(d.outputLines()).containsExactly("1\t-1\t1\tfalse\tbad argument #2 to 'mod' (division by zero)");
        }
    }

    @AllEngines
    void getTimeAndTickCountFollowTheDriverClock(String engine) {
        // The driver's virtual clock starts at 2026-01-01T00:00:00Z = 1767225600 s, when the driver starts; the
        // testkit moves it only once the driver runs, so the values are printed by a function called afterwards.
        // The instant is chosen so that no printed value lies exactly halfway between two 14-digit results:
        // LuaJIT rounds such ties up (1767225601500.25 prints as ...500.3), PUC Lua 5.1 to even (...500.2).
        try (TestDriver d = Drivers.start(engine, """
                function show()
                  print(C4:GetTime(), C4:GetTime('ms'), C4:GetTime('xyz'), C4:GetTime(nil, true))
                  print(C4:GetTime('s'), C4:GetTime('s', true), C4:GetTime('us'), C4:GetTime('ns') == 1767225601500260000)
                  print(C4:GetTime('min'), C4:GetTime('h'), C4:GetTime('d'), C4:GetTime('w'), C4:GetTime('y'), C4:GetTime('dec'))
                  print(C4:GetTime('d', true) > 20454, C4:GetTime('d', true) < 20454.001, C4:GetTickCount())
                  print(C4:GetTime(nil, true) == 1767225601500.26, C4:GetTime('s', true) == 1767225601.50026, C4:GetTime('us') == 1767225601500260)
                end
                """)) {
            d.advance(Duration.ofNanos(1_500_260_000L));
            d.driver().callGlobal("show");
            assertThat(d.outputLines()).containsExactly(
                    "1767225601500\t1767225601500\t1767225601500\t1767225601500.3",
                    "1767225601\t1767225601.5003\t1.7672256015003e+15\ttrue", // %.14g, as Lua 5.1 prints
                    "29453760\t490896\t20454\t2922\t56\t5",
                    "true\ttrue\t1500",
                    "true\ttrue\ttrue");
        }
    }

    @AllEngines
    void logsAcceptStringsAndNumbers(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                print(select('#', C4:DebugLog('debug text')), select('#', C4:ErrorLog(42)))
                print(pcall(C4.DebugLog, C4, {}))
                """)) {
            assertThat(d.outputLines()).containsExactly("0\t0",
                    "false\tbad argument #1 to 'DebugLog' (string expected, got table)");
        }
    }
}
