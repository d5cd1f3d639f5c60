package dev.c4j.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.UncheckedIOException;

/** A response: status, content type and body. */
record Reply(int status, String contentType, byte[] body) {

    static final String JSON = "application/json; charset=utf-8";
    static final String HTML = "text/html; charset=utf-8";

    static Reply json(JsonNode body) {
        return json(200, body);
    }

    static Reply error(int status, String message) {
        return json(status, Json.object().put("error", message));
    }

    static Reply html(byte[] page) {
        return new Reply(200, HTML, page);
    }

    private static Reply json(int status, JsonNode body) {
        try {
            return new Reply(status, JSON, Json.MAPPER.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e); // a tree of plain nodes always writes
        }
    }
}
