package dev.c4j.lua;

import dev.c4j.api.ByteString;
import dev.c4j.api.http.HttpHeader;
import dev.c4j.api.http.HttpResponseHead;
import dev.c4j.lua.spi.LuaException;
import dev.c4j.lua.spi.LuaValueRef;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The response tables of {@code C4:url()} (host spec 5.3), made by two lines of Lua so that the very table a driver
 * gets (and may edit) in {@code OnHeaders} is the one {@code OnBody} and {@code OnDone} get: a Java map would
 * become a fresh table at each call.
 */
final class ResponseTables {

    private static final byte[] HELPERS = """
            return function(code, headers) return { code = code, headers = headers } end,
                   function(response, body) response.body = body end
            """.getBytes(StandardCharsets.US_ASCII);

    private final DriverContext ctx;
    private LuaValueRef newResponse; // loaded on first use
    private LuaValueRef setBody;

    ResponseTables(DriverContext ctx) {
        this.ctx = ctx;
    }

    /** A fresh {@code {code = ..., headers = {...}}}; the caller releases it. */
    LuaValueRef create(HttpResponseHead head, boolean duplicates) {
        loadHelpers();
        return (LuaValueRef) call(newResponse, head.code(), headers(head, duplicates))[0];
    }

    /** {@code response.body = body}. */
    void setBody(LuaValueRef response, byte[] body) {
        loadHelpers();
        call(setBody, response, body);
    }

    /**
     * The headers as drivers read them: name (case as received) → value; a repeated header keeps its last value,
     * or with {@code duplicates} all of them in an array (host spec 5.2 {@code response_headers_duplicates}).
     */
    static Map<ByteString, Object> headers(HttpResponseHead head, boolean duplicates) {
        Map<ByteString, Object> headers = new LinkedHashMap<>();
        for (HttpHeader header : head.headers()) {
            ByteString name = latin1(header.name());
            ByteString value = latin1(header.value());
            Object earlier = headers.get(name);
            if (!duplicates || earlier == null) {
                headers.put(name, value);
            } else if (earlier instanceof List<?> list) {
                @SuppressWarnings("unchecked")
                List<Object> values = (List<Object>) list;
                values.add(value);
            } else {
                headers.put(name, new ArrayList<>(List.of(earlier, value)));
            }
        }
        return headers;
    }

    static ByteString latin1(String text) {
        return ByteString.wrap(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    private void loadHelpers() {
        if (newResponse == null) {
            try {
                LuaValueRef chunk = ctx.state().load(HELPERS, "=c4j");
                try {
                    Object[] made = ctx.state().call(chunk);
                    newResponse = (LuaValueRef) made[0];
                    setBody = (LuaValueRef) made[1];
                } finally {
                    chunk.release();
                }
            } catch (LuaException e) {
                throw new IllegalStateException("c4j response helpers: " + e.getMessage(), e);
            }
        }
    }

    private Object[] call(LuaValueRef function, Object... args) {
        try {
            return ctx.state().call(function, args);
        } catch (LuaException e) {
            throw new IllegalStateException("c4j response helpers: " + e.getMessage(), e);
        }
    }
}
