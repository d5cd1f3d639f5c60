package dev.c4j.cli;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class LimitValuesTest {

    @Test
    void sizesAreBytesWithBinarySuffixes() {
        assertThat(LimitValues.size("4096")).isEqualTo(4096);
        assertThat(LimitValues.size("512K")).isEqualTo(512 * 1024);
        assertThat(LimitValues.size("64m")).isEqualTo(64L << 20);
        assertThat(LimitValues.size("2G")).isEqualTo(2L << 30);
        assertThat(LimitValues.size("128MiB")).isEqualTo(128L << 20);
        assertThat(LimitValues.size("0")).isZero();
        assertThat(LimitValues.size("off")).isZero();
    }

    @Test
    void malformedSizesAreRefused() {
        assertThat(LimitValues.size("-1")).isNegative();
        assertThat(LimitValues.size("64X")).isNegative();
        assertThat(LimitValues.size("")).isNegative();
        assertThat(LimitValues.size("999999999999G")).isNegative();
    }

    @Test
    void timesAreSecondsUnlessMilliseconds() {
        assertThat(LimitValues.time("5")).isEqualTo(Duration.ofSeconds(5));
        assertThat(LimitValues.time("10s")).isEqualTo(Duration.ofSeconds(10));
        assertThat(LimitValues.time("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(LimitValues.time("0")).isZero();
        assertThat(LimitValues.time("off")).isZero();
        assertThat(LimitValues.time("5m")).isNull();
        assertThat(LimitValues.time("-3s")).isNull();
    }
}
