package dev.c4j.engine.luaj.compat;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.Locale;
import java.util.TimeZone;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code os.date} and {@code os.time} of C Lua 5.1.5 (loslib.c) with glibc's {@code strftime} in the "C" locale
 * and {@code mktime}, in the JVM's default time zone (C's local time). LuaJ's versions reject most conversions,
 * fill "!*t" with nils and ignore {@code isdst}.
 */
final class OsTime {
    private static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday"};
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December"};

    private OsTime() {
    }

    static void install(LuaTable os) {
        os.set("date", new Date());
        os.set("time", new Time());
    }

    /** {@code struct tm} plus what strftime needs: the instant, the offset, whether it is UTC. */
    private record Tm(ZonedDateTime time, boolean utc) {
        int wday() {
            return time.getDayOfWeek().getValue() % 7; // Sunday = 0
        }

        int yday() {
            return time.getDayOfYear() - 1;
        }

        boolean isDst() {
            return !utc && time.getZone().getRules().isDaylightSavings(time.toInstant());
        }
    }

    private static final class Date extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaString format = args.isnil(1) ? LuaString.valueOf("%c") : LibArgs.checkString(args, 1, "date");
            long t = args.isnil(2) ? now() : LuaNumbers.toCLong(LibArgs.checkNumber(args, 2, "date"));
            byte[] f = format.m_bytes;
            int i = format.m_offset;
            int end = i;
            while (end < format.m_offset + format.m_length && f[end] != 0) {
                end++; // the format is a C string
            }
            boolean utc = i < end && f[i] == '!';
            if (utc) {
                i++;
            }
            Tm tm;
            try {
                ZoneId zone = utc ? ZoneOffset.UTC : ZoneId.systemDefault();
                tm = new Tm(Instant.ofEpochSecond(t).atZone(zone), utc);
            } catch (DateTimeException e) {
                return LuaValue.NIL; // gmtime/localtime failed
            }
            if (end - i == 2 && f[i] == '*' && f[i + 1] == 't') {
                return table(tm);
            }
            ByteSink out = new ByteSink(end - i + 16);
            for (; i < end; i++) {
                if (f[i] != '%' || i + 1 == end) {
                    out.append(f[i]);
                } else {
                    out.appendAscii(strftime(f[++i] & 0xff, tm));
                }
            }
            return out.toLuaString();
        }

        private static LuaTable table(Tm tm) {
            LuaTable t = new LuaTable();
            t.set("sec", tm.time.getSecond());
            t.set("min", tm.time.getMinute());
            t.set("hour", tm.time.getHour());
            t.set("day", tm.time.getDayOfMonth());
            t.set("month", tm.time.getMonthValue());
            t.set("year", tm.time.getYear());
            t.set("wday", tm.wday() + 1);
            t.set("yday", tm.yday() + 1);
            t.set("isdst", LuaValue.valueOf(tm.isDst()));
            return t;
        }
    }

    /** One conversion of glibc strftime in the C locale; unknown ones (and a lone E/O modifier) print as given. */
    private static String strftime(int c, Tm tm) {
        ZonedDateTime t = tm.time;
        int hour12 = (t.getHour() + 11) % 12 + 1;
        return switch (c) {
            case 'a' -> DAYS[tm.wday()].substring(0, 3);
            case 'A' -> DAYS[tm.wday()];
            case 'b', 'h' -> MONTHS[t.getMonthValue() - 1].substring(0, 3);
            case 'B' -> MONTHS[t.getMonthValue() - 1];
            case 'c' -> strftime('a', tm) + " " + strftime('b', tm) + " " + strftime('e', tm) + " "
                    + strftime('T', tm) + " " + t.getYear();
            case 'C' -> two(Math.floorDiv(t.getYear(), 100));
            case 'd' -> two(t.getDayOfMonth());
            case 'D', 'x' -> two(t.getMonthValue()) + "/" + two(t.getDayOfMonth()) + "/" + two(year2(t.getYear()));
            case 'e' -> spaced(t.getDayOfMonth());
            case 'F' -> t.getYear() + "-" + two(t.getMonthValue()) + "-" + two(t.getDayOfMonth());
            case 'g' -> two(year2(t.get(IsoFields.WEEK_BASED_YEAR)));
            case 'G' -> Integer.toString(t.get(IsoFields.WEEK_BASED_YEAR));
            case 'H' -> two(t.getHour());
            case 'I' -> two(hour12);
            case 'j' -> String.format(Locale.ROOT, "%03d", tm.yday() + 1);
            case 'k' -> spaced(t.getHour());
            case 'l' -> spaced(hour12);
            case 'm' -> two(t.getMonthValue());
            case 'M' -> two(t.getMinute());
            case 'n' -> "\n";
            case 'p' -> t.getHour() < 12 ? "AM" : "PM";
            case 'P' -> t.getHour() < 12 ? "am" : "pm";
            case 'r' -> two(hour12) + ":" + two(t.getMinute()) + ":" + two(t.getSecond()) + " " + strftime('p', tm);
            case 'R' -> two(t.getHour()) + ":" + two(t.getMinute());
            // glibc runs mktime on the fields, so after '!' they are read as local time
            case 's' -> Long.toString(tm.utc
                    ? t.toLocalDateTime().atZone(ZoneId.systemDefault()).toEpochSecond() : t.toEpochSecond());
            case 'S' -> two(t.getSecond());
            case 't' -> "\t";
            case 'T', 'X' -> two(t.getHour()) + ":" + two(t.getMinute()) + ":" + two(t.getSecond());
            case 'u' -> Integer.toString(t.getDayOfWeek().getValue());
            case 'U' -> two((tm.yday() + 7 - tm.wday()) / 7);
            case 'V' -> two(t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case 'w' -> Integer.toString(tm.wday());
            case 'W' -> two((tm.yday() + 7 - (t.getDayOfWeek().getValue() - 1)) / 7);
            case 'y' -> two(year2(t.getYear()));
            case 'Y' -> Integer.toString(t.getYear());
            case 'z' -> offset(tm.utc ? 0 : t.getOffset().getTotalSeconds());
            case 'Z' -> tm.utc ? "GMT" : TimeZone.getTimeZone(t.getZone())
                    .getDisplayName(tm.isDst(), TimeZone.SHORT, Locale.US); // ROOT has no "CET" from JDK 25 on
            case '%' -> "%";
            default -> "%" + (char) c;
        };
    }

    private static final class Time extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            if (args.isnil(1)) {
                return LuaValue.valueOf((double) now());
            }
            LuaValue fields = args.arg(1);
            if (!fields.istable()) {
                throw LibArgs.typeError(args, 1, "time", "table");
            }
            int sec = field(fields, "sec", 0);
            int min = field(fields, "min", 0);
            int hour = field(fields, "hour", 12);
            int day = field(fields, "day", -1);
            int month = field(fields, "month", -1) - 1;
            int year = field(fields, "year", -1);
            LuaValue isdst = fields.get("isdst");
            try {
                // mktime normalizes out-of-range fields: months into years, then days, then seconds linearly.
                LocalDateTime local = LocalDate.of(year, 1, 1).plusMonths(month).plusDays(day - 1L).atStartOfDay()
                        .plusSeconds(hour * 3600L + min * 60L + sec);
                long t = isdst.isnil() ? local.atZone(ZoneId.systemDefault()).toEpochSecond()
                        : withDstFlag(local, isdst.toboolean());
                return t == -1 ? LuaValue.NIL : LuaValue.valueOf((double) t);
            } catch (DateTimeException | ArithmeticException e) {
                return LuaValue.NIL; // mktime cannot represent it
            }
        }

        /** {@code getfield}: a number (or numeric string) truncated to int, the default, or an error if required. */
        private static int field(LuaValue table, String key, int absent) {
            LuaValue v = table.get(key);
            double d = Double.NaN;
            if (v.type() == LuaValue.TNUMBER) {
                d = v.todouble();
            } else if (v.type() == LuaValue.TSTRING) {
                LuaString s = v.strvalue();
                d = LuaNumbers.parse(s.m_bytes, s.m_offset, s.m_length);
            }
            if (!Double.isNaN(d)) {
                return (int) LuaNumbers.toCLong(d);
            }
            if (absent < 0) {
                throw new LuaError("field '" + key + "' missing in date table");
            }
            return absent;
        }

        /**
         * mktime with tm_isdst 0 or 1: the wall time is read with the zone's standard offset, or with its daylight
         * offset (standard plus the nearest daylight saving amount), whatever the zone's rule for that date says.
         */
        private static long withDstFlag(LocalDateTime local, boolean dst) {
            ZoneRules rules = ZoneId.systemDefault().getRules();
            Instant guess = local.toInstant(rules.getOffset(local));
            ZoneOffset standard = rules.getStandardOffset(guess);
            int savings = dst ? (int) daylightSavings(rules, guess).getSeconds() : 0;
            return local.toEpochSecond(ZoneOffset.ofTotalSeconds(standard.getTotalSeconds() + savings));
        }

        private static Duration daylightSavings(ZoneRules rules, Instant near) {
            if (rules.isDaylightSavings(near)) {
                return rules.getDaylightSavings(near);
            }
            ZoneOffsetTransition next = rules.nextTransition(near);
            if (next != null && rules.isDaylightSavings(next.getInstant())) {
                return rules.getDaylightSavings(next.getInstant());
            }
            ZoneOffsetTransition previous = rules.previousTransition(near);
            if (previous != null) {
                Instant before = previous.getInstant().minusSeconds(1);
                if (rules.isDaylightSavings(before)) {
                    return rules.getDaylightSavings(before);
                }
            }
            return Duration.ZERO; // the zone has no daylight saving time: the flag changes nothing
        }
    }

    private static long now() {
        return Math.floorDiv(System.currentTimeMillis(), 1000);
    }

    private static int year2(int year) {
        return Math.floorMod(year, 100);
    }

    private static String two(int n) {
        return n < 10 && n >= 0 ? "0" + n : Integer.toString(n);
    }

    private static String spaced(int n) {
        return n < 10 ? " " + n : Integer.toString(n);
    }

    private static String offset(int totalSeconds) {
        int minutes = Math.abs(totalSeconds) / 60;
        return (totalSeconds < 0 ? "-" : "+") + two(minutes / 60) + two(minutes % 60);
    }
}
