package dev.c4j.console;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** A routed request as an endpoint reads it: its path variables, its query and its JSON body. */
final class Request {

    /** Far above any real request; stops a runaway client from filling the heap. */
    static final int MAX_BODY_BYTES = 1 << 20;

    private final HttpExchange exchange;
    private final Map<String, String> variables;

    Request(HttpExchange exchange, Map<String, String> variables) {
        this.exchange = exchange;
        this.variables = variables;
    }

    /** A path variable, e.g. {@code name} of {@code /api/properties/{name}}, already percent-decoded. */
    String variable(String name) {
        return variables.get(name);
    }

    int integerVariable(String name) {
        String text = variable(name);
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw HttpError.badRequest("'" + name + "' in the path must be an integer, not '" + text + "'");
        }
    }

    /** A non-negative integer query parameter such as {@code since}; 0 when absent. */
    long sequence(String name) {
        String text = query(name);
        if (text == null) {
            return 0;
        }
        try {
            long value = Long.parseLong(text);
            if (value >= 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw HttpError.badRequest("'" + name + "' must be a non-negative integer, not '" + text + "'");
    }

    /** The body as an object with only {@code fields}; an empty body reads as {@code {}}. */
    Body body(String... fields) {
        return Body.of(Json.parse(readBody()), List.of(fields));
    }

    private String query(String name) {
        String raw = exchange.getRequestURI().getRawQuery();
        if (raw == null) {
            return null;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (decode(key).equals(name)) {
                return equals < 0 ? "" : decode(pair.substring(equals + 1));
            }
        }
        return null;
    }

    private byte[] readBody() {
        try {
            byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
            if (body.length > MAX_BODY_BYTES) {
                throw HttpError.tooLarge("the body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            return body;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Percent-escapes (and {@code +} for a space) decoded as UTF-8; the server has checked the escapes. */
    static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
