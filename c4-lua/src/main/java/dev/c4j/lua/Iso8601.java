package dev.c4j.lua;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.LinkedHashMap;
import java.util.Map;

/** {@code C4:ParseIso8601DateTime} (spec 7.7) over java.time. */
final class Iso8601 {

    /**
     * An ISO 8601 date and time, {@code 2019-03-07T12:34:56.123456+01:00}: seconds and fraction optional, the
     * offset {@code Z} or {@code ±hh:mm} optional (none means UTC [CHOICE]), {@code T} and {@code Z} in any case.
     */
    private static final DateTimeFormatter FORMAT = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .append(DateTimeFormatter.ISO_LOCAL_DATE_TIME)
            .optionalStart().appendOffsetId().optionalEnd()
            .toFormatter();

    /** A parsed moment: {@code t} shaped like {@code os.date("!*t")} without {@code isdst}, in UTC. */
    record Moment(Map<String, Object> t, long epochSeconds, long microseconds) {
    }

    private Iso8601() {
    }

    /** The moment {@code text} names, or null; {@code strict} refuses surrounding blanks, otherwise they are trimmed. */
    static Moment parse(String text, boolean strict) {
        try {
            TemporalAccessor parsed = FORMAT.parse(strict ? text : text.strip());
            ZoneOffset offset = parsed.isSupported(ChronoField.OFFSET_SECONDS)
                    ? ZoneOffset.from(parsed) : ZoneOffset.UTC;
            Instant instant = LocalDateTime.from(parsed).toInstant(offset);
            return new Moment(dateTable(instant.atOffset(ZoneOffset.UTC)), instant.getEpochSecond(), instant.getNano() / 1000);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Map<String, Object> dateTable(OffsetDateTime utc) {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("year", utc.getYear());
        t.put("month", utc.getMonthValue());
        t.put("day", utc.getDayOfMonth());
        t.put("hour", utc.getHour());
        t.put("min", utc.getMinute());
        t.put("sec", utc.getSecond());
        t.put("wday", utc.getDayOfWeek().getValue() % 7 + 1); // C's tm_wday + 1: Sunday is 1
        t.put("yday", utc.getDayOfYear());
        return t;
    }
}
