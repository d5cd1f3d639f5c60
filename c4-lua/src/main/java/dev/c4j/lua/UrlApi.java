package dev.c4j.lua;

import dev.c4j.api.ByteString;
import dev.c4j.api.http.HttpHeader;
import dev.c4j.api.http.HttpOptions;
import dev.c4j.api.http.HttpTransfers;
import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaType;
import dev.c4j.lua.spi.ObjectType;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The HTTP face of one driver (host spec section 5): {@code C4:url()} and the legacy {@code C4:url*} functions,
 * and what they share: the tickets of running transfers (one numbering for both), the {@code urlSetTimeout}
 * default, the response tables.
 */
final class UrlApi {

    /** A running transfer as {@code urlCancel} and teardown see it. */
    interface Running {
        /** Stops it; no callback follows. */
        void cancel();
    }

    final DriverContext ctx;
    final ResponseTables responses;
    final ObjectType urlType;
    private final Map<Long, Running> running = new TreeMap<>();
    private long lastTicket;
    private Duration defaultTimeout = HttpOptions.DEFAULT_TIMEOUT;

    private UrlApi(DriverContext ctx) {
        this.ctx = ctx;
        this.responses = new ResponseTables(ctx);
        this.urlType = ctx.state().defineType(UrlObject.TYPE, UrlObject.METHODS.functions());
    }

    /** Adds {@code C4:url} and the legacy functions to the {@code C4} table. */
    static void register(Map<String, LuaFunction> c4, DriverContext ctx) {
        UrlApi api = new UrlApi(ctx);
        c4.put("url", frame -> {
            Args.method(frame, "url");
            return new UrlObject(api).object;
        });
        LegacyUrlCalls.register(c4, api);
    }

    HttpTransfers http() {
        return ctx.environment.network().http();
    }

    /** A new ticket (positive, unique in this driver) for {@code transfer}, which now counts as running. */
    long started(Running transfer) {
        long ticket = ++lastTicket;
        running.put(ticket, transfer);
        return ticket;
    }

    /** The transfer of {@code ticket} ended or was cancelled. */
    void ended(long ticket) {
        running.remove(ticket);
    }

    /** Cancels the transfer of {@code ticket}; false when none runs. */
    boolean cancel(long ticket) {
        Running transfer = running.remove(ticket);
        if (transfer == null) {
            return false;
        }
        transfer.cancel();
        return true;
    }

    /** The tickets running now, in ascending order. */
    List<Long> tickets() {
        return new ArrayList<>(running.keySet());
    }

    Duration defaultTimeout() {
        return defaultTimeout;
    }

    void defaultTimeout(Duration timeout) {
        defaultTimeout = timeout;
    }

    // ---- arguments shared by both faces -----------------------------------------------------------------------

    /** A URL or header argument: its bytes as one char per byte (see dev.c4j.api.http). */
    static String latin1(ByteBuffer bytes) {
        return StandardCharsets.ISO_8859_1.decode(bytes.duplicate()).toString();
    }

    /** A table of request headers, name → value (numbers as Lua shows them); nil or absent: none. */
    static List<HttpHeader> headers(Args args, int n) {
        if (args.isNoneOrNil(n)) {
            return List.of();
        }
        if (args.type(n) != LuaType.TABLE) {
            throw args.typeError(n, "table");
        }
        List<HttpHeader> headers = new ArrayList<>();
        if (args.frame().toValue(args.index(n)) instanceof Map<?, ?> table) {
            table.forEach((name, value) -> {
                if (value instanceof ByteString || value instanceof Number || value instanceof Boolean) {
                    headers.add(new HttpHeader(text(name), text(value)));
                }
            });
        }
        return headers;
    }

    /** Options from a table ({@code SetOptions}, the legacy calls): a bad entry is a warning and ignored. */
    void setOptions(UrlOptions options, Object table) {
        if (table instanceof Map<?, ?> map) {
            map.forEach((name, value) -> {
                String problem = options.set(text(name), value);
                if (problem != null) {
                    warn("HTTP option '" + text(name) + "' ignored: " + problem);
                }
            });
        }
    }

    void warn(String message) {
        ctx.output.message(ctx.name, "warning: " + message);
    }

    private static String text(Object value) {
        return value instanceof ByteString bytes ? bytes.latin1() : HostValues.text(value);
    }
}
