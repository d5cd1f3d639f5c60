package dev.c4j.lua;

import dev.c4j.api.http.CookieJar;
import dev.c4j.api.http.HttpCookie;
import dev.c4j.api.http.HttpError;
import dev.c4j.api.http.HttpHeader;
import dev.c4j.api.http.HttpRequest;
import dev.c4j.api.http.HttpResponseHead;
import dev.c4j.api.http.HttpTransfer;
import dev.c4j.api.http.HttpTransfers;
import dev.c4j.api.http.HttpUrl;
import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaType;
import dev.c4j.lua.spi.LuaValueRef;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The legacy HTTP functions (host spec 5.5): {@code C4:urlGet/urlPost/urlPut/urlDelete/urlCustom}, which answer
 * once through a callback or the global {@code ReceivedAsync}, and the global {@code url*} settings, tickets and
 * cookies.
 */
final class LegacyUrlCalls {

    private final UrlApi api;
    private boolean pipelining; // recorded only
    private List<Object> proxy = List.of(); // urlSetProxy's arguments, recorded only: c4j uses no proxy

    private LegacyUrlCalls(UrlApi api) {
        this.api = api;
    }

    static void register(Map<String, LuaFunction> c4, UrlApi api) {
        LegacyUrlCalls calls = new LegacyUrlCalls(api);
        // the argument that comes first after the URL, the method and the data: the headers table
        c4.put("urlGet", frame -> calls.request(Args.method(frame, "urlGet"), "GET", false, 2));
        c4.put("urlDelete", frame -> calls.request(Args.method(frame, "urlDelete"), "DELETE", false, 2));
        c4.put("urlPost", frame -> calls.request(Args.method(frame, "urlPost"), "POST", true, 3));
        c4.put("urlPut", frame -> calls.request(Args.method(frame, "urlPut"), "PUT", true, 3));
        c4.put("urlCustom", frame -> {
            Args args = Args.method(frame, "urlCustom");
            return calls.request(args, args.checkString(2), true, 4);
        });
        c4.put("urlCancel", frame -> api.cancel(Args.truncate(Args.method(frame, "urlCancel").checkNumber(1))));
        c4.put("urlCancelAll", frame -> {
            List<Long> cancelled = api.tickets();
            cancelled.forEach(api::cancel);
            return cancelled;
        });
        c4.put("urlGetTickets", frame -> api.tickets());
        c4.put("urlSetTimeout", frame -> {
            double seconds = Args.method(frame, "urlSetTimeout").checkNumber(1);
            api.defaultTimeout(Duration.ofNanos((long) (Math.max(0, seconds) * 1e9)));
            return LuaFunction.Results.NONE;
        });
        c4.put("urlSetOption", frame -> calls.setOption(Args.method(frame, "urlSetOption")));
        c4.put("urlGetOption", frame -> calls.getOption(Args.method(frame, "urlGetOption").checkString(1)));
        c4.put("urlSetProxy", frame -> {
            Args args = Args.method(frame, "urlSetProxy");
            List<Object> recorded = new ArrayList<>();
            for (int i = 1; i <= 4; i++) {
                recorded.add(HostValues.forRecord(args.frame().toValue(args.index(i))));
            }
            calls.proxy = recorded;
            return LuaFunction.Results.NONE;
        });
        c4.put("urlGetCookies", frame -> {
            Args args = Args.method(frame, "urlGetCookies");
            return calls.cookiesByDomain(args.isNoneOrNil(1) ? null : args.checkString(1));
        });
        c4.put("urlGetCookiesForDomain", frame -> {
            String domain = Args.method(frame, "urlGetCookiesForDomain").checkString(1);
            return calls.cookiesByDomain(domain).getOrDefault(domain, Map.of());
        });
        c4.put("urlClearCookies", frame -> calls.jar().clear());
        c4.put("urlClearSessionCookies", frame -> calls.jar().clearSession());
    }

    /**
     * {@code urlGet(url[, headers[, secure[, callback[, options]]]])} and its siblings: the ticket, or 0 when the
     * URL cannot be parsed (then nothing is called). The {@code secure} flag is ignored (B24).
     */
    private Object request(Args args, String method, boolean withData, int headersArg) {
        api.ctx.checkInitTime(args.name());
        String url = UrlApi.latin1(args.checkBytes(1));
        byte[] body = withData ? Args.copy(args.checkBytes(headersArg - 1)) : null;
        List<HttpHeader> headers = UrlApi.headers(args, headersArg);
        int callbackArg = headersArg + 2;
        boolean hasCallback = args.checkFunctionOrNil(callbackArg);
        int optionsArg = headersArg + 3;
        if (!args.isNoneOrNil(optionsArg) && args.type(optionsArg) != LuaType.TABLE) {
            throw args.typeError(optionsArg, "table");
        }
        if (!HttpUrl.isValid(url)) {
            return 0;
        }
        UrlOptions options = new UrlOptions();
        api.setOptions(options, args.frame().toValue(args.index(optionsArg)));
        LegacyTransfer transfer = new LegacyTransfer(
                hasCallback ? args.frame().ref(args.index(callbackArg)) : null, options.headerDuplicates());
        HttpRequest request = new HttpRequest(method, url, headers, body, options.build(api.ctx, api.defaultTimeout()),
                false);
        transfer.ticket = api.started(transfer);
        transfer.transfer = api.http().start(request, transfer);
        return transfer.ticket;
    }

    /** {@code urlSetOption(name, value)}: {@code max_host_connections} 1..5 (others ignored), {@code pipelining}. */
    private Object setOption(Args args) {
        String name = args.checkString(1);
        switch (name) {
            case "max_host_connections" -> {
                long limit = Args.truncate(args.checkNumber(2));
                if (limit >= 1 && limit <= HttpTransfers.MAX_MAX_HOST_CONNECTIONS) {
                    api.http().maxHostConnections((int) limit);
                }
            }
            case "pipelining" -> pipelining = args.toBoolean(2);
            default -> api.warn("urlSetOption: unknown option '" + name + "' ignored");
        }
        return LuaFunction.Results.NONE;
    }

    private Object getOption(String name) {
        return switch (name) {
            case "max_host_connections" -> api.http().maxHostConnections();
            case "pipelining" -> pipelining;
            default -> null;
        };
    }

    private CookieJar jar() {
        return api.http().cookies();
    }

    /** {@code {[domain] = {[name] = cookie}}}, for one domain or all. */
    private Map<String, Map<String, Object>> cookiesByDomain(String onlyDomain) {
        Map<String, Map<String, Object>> byDomain = new LinkedHashMap<>();
        for (HttpCookie cookie : jar().list()) {
            if (onlyDomain == null || onlyDomain.equalsIgnoreCase(cookie.domain())) {
                Map<String, Object> fields = new LinkedHashMap<>();
                fields.put("domain", cookie.domain());
                fields.put("path", cookie.path());
                fields.put("name", cookie.name());
                fields.put("value", ResponseTables.latin1(cookie.value()));
                fields.put("secure", cookie.secure());
                fields.put("wildcard", cookie.wildcard());
                fields.put("expires", cookie.expires());
                byDomain.computeIfAbsent(cookie.domain(), d -> new LinkedHashMap<>()).put(cookie.name(), fields);
            }
        }
        return byDomain;
    }

    /** One legacy transfer: collects the final response, then answers once. */
    private final class LegacyTransfer implements HttpTransfer.Listener, UrlApi.Running {
        private final LuaValueRef callback; // null: the global ReceivedAsync
        private final boolean headerDuplicates;
        private long ticket;
        private HttpTransfer transfer;
        private HttpResponseHead last;
        private byte[] body;

        LegacyTransfer(LuaValueRef callback, boolean headerDuplicates) {
            this.callback = callback;
            this.headerDuplicates = headerDuplicates;
        }

        @Override
        public boolean headers(HttpResponseHead head) {
            last = head;
            body = null;
            return false;
        }

        @Override
        public boolean bodyChunk(ByteBuffer chunk) {
            return false; // never asked for: the body is collected
        }

        @Override
        public boolean body(byte[] collected) {
            body = collected;
            return false;
        }

        /** {@code (ticket, data, code, headers, err)}: on failure data is "" and err libcurl's text. */
        @Override
        public void done(HttpError result) {
            api.ended(ticket);
            Object data = result.isSuccess() && body != null ? body : "";
            int code = last != null ? last.code() : 0;
            Object headers = last != null ? ResponseTables.headers(last, headerDuplicates) : Map.of();
            String error = result.isSuccess() ? null : result.message();
            if (callback != null) {
                try {
                    api.ctx.call("a C4:url callback", callback, ticket, data, code, headers, error);
                } finally {
                    callback.release();
                }
            } else {
                api.ctx.callGlobal("ReceivedAsync", ticket, data, code, headers, error);
            }
        }

        @Override
        public void cancel() {
            transfer.cancel();
            if (callback != null) {
                callback.release();
            }
        }
    }
}
