package dev.c4j.lua;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** C4:ParseIso8601DateTime (spec 7.7). */
class Iso8601Test {

    @Test
    void givesTheUtcDateTableEpochAndMicroseconds() {
        Iso8601.Moment moment = Iso8601.parse("2019-03-07T12:34:56.123456789+01:00", false);
        assertThat(moment.epochSeconds()).isEqualTo(1551958496L);
        assertThat(moment.microseconds()).isEqualTo(123456L);
        assertThat(moment.t()).isEqualTo(Map.of("year", 2019, "month", 3, "day", 7, "hour", 11, "min", 34, "sec", 56,
                "wday", 5, "yday", 66));
    }

    @Test
    void offsetIsOptionalAndMeansUtc() {
        assertThat(Iso8601.parse("1970-01-01T00:00:00Z", true).epochSeconds()).isZero();
        assertThat(Iso8601.parse("1970-01-01t00:01z", true).epochSeconds()).isEqualTo(60);
        assertThat(Iso8601.parse("1970-01-02T00:00:00", true).epochSeconds()).isEqualTo(86400);
        assertThat(Iso8601.parse("1970-01-04T00:00:00Z", true).t().get("wday")).isEqualTo(1); // a Sunday
    }

    @Test
    void strictRefusesSurroundingBlanks() {
        assertThat(Iso8601.parse(" 2019-03-07T12:34:56Z\n", false)).isNotNull();
        assertThat(Iso8601.parse(" 2019-03-07T12:34:56Z", true)).isNull();
    }

    @Test
    void badTextGivesNull() {
        for (String bad : new String[]{"", "yesterday", "2019-13-01T00:00:00Z", "2019-03-07", "2019-03-07T25:00Z",
                "2019-03-07T12:34:56Zjunk"}) {
            assertThat(Iso8601.parse(bad, false)).as(bad).isNull();
        }
    }
}
