package dev.c4j.api;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Numbers as text (spec H8): Lua 5.1's tostring, C's %.14g. */
class LuaNumbersTest {

    @Test
    void printsLikeLua51() {
        assertThat(LuaNumbers.format(80)).isEqualTo("80");
        assertThat(LuaNumbers.format(0.5)).isEqualTo("0.5");
        assertThat(LuaNumbers.format(1e15)).isEqualTo("1e+15");
        assertThat(LuaNumbers.format(1e14)).isEqualTo("1e+14");
        assertThat(LuaNumbers.format(99999999999999.0)).isEqualTo("99999999999999");
        assertThat(LuaNumbers.format(2147483648.0)).isEqualTo("2147483648");
        assertThat(LuaNumbers.format(0.1)).isEqualTo("0.1");
        assertThat(LuaNumbers.format(1.0 / 3)).isEqualTo("0.33333333333333");
        assertThat(LuaNumbers.format(0.0001)).isEqualTo("0.0001");
        assertThat(LuaNumbers.format(0.00001)).isEqualTo("1e-05");
        assertThat(LuaNumbers.format(-1.5e-300)).isEqualTo("-1.5e-300");
        assertThat(LuaNumbers.format(1767225601.5003)).isEqualTo("1767225601.5003");
        assertThat(LuaNumbers.format(1.7672256015003e15)).isEqualTo("1.7672256015003e+15");
        assertThat(LuaNumbers.format(-0.0)).isEqualTo("-0");
        assertThat(LuaNumbers.format(Double.POSITIVE_INFINITY)).isEqualTo("inf");
        assertThat(LuaNumbers.format(Double.NEGATIVE_INFINITY)).isEqualTo("-inf");
        assertThat(LuaNumbers.format(0.5e-14 + 1)).isEqualTo("1");
    }
}
