package dev.c4j.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are C's printf("%.14g"), what Lua 5.1's tostring writes. */
class LuaNumbersTableTest {

    @ParameterizedTest
    @CsvSource({
            "80, 80",
            "0.5, 0.5",
            "100, 100",
            "-1.5, -1.5",
            "0.1, 0.1",
            "0.0001, 0.0001",
            "1e-5, 1e-05",
            "-2.5e-7, -2.5e-07",
            "1e14, 1e+14",
            "1e15, 1e+15",
            "1e100, 1e+100",
            "123456789012345, 1.2345678901234e+14",
            "9007199254740992, 9.007199254741e+15",
            "99999999999999.5, 1e+14",
            "12345678901234567890, 1.2345678901235e+19",
            "0.3333333333333333, 0.33333333333333",
            "0.6666666666666666, 0.66666666666667",
            "3.14159265358979, 3.1415926535898",
            "0, 0",
            "-0.0, -0",
    })
    void writesNumbersAsLuaTostring(double value, String text) {
        assertThat(LuaNumbers.format(value)).isEqualTo(text);
    }

    @ParameterizedTest
    @CsvSource({"NaN, nan", "Infinity, inf", "-Infinity, -inf"})
    void writesNonFiniteNumbersAsGlibcDoes(double value, String text) {
        assertThat(LuaNumbers.format(value)).isEqualTo(text);
    }
}
