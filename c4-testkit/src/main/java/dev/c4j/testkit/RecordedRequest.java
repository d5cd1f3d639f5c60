package dev.c4j.testkit;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * A request a {@link MockHttpServer} received: method, request target, headers as received (case, order,
 * repeats; one char per byte), the body's bytes, and over TLS the host name the client asked for (SNI; null
 * without TLS or SNI).
 */
public record RecordedRequest(String method, String path, List<Map.Entry<String, String>> headers, byte[] body,
                              String serverName) {

    public RecordedRequest {
        headers = List.copyOf(headers);
    }

    /** The last value of header {@code name} (case-insensitive), or null. */
    public String header(String name) {
        String value = null;
        for (Map.Entry<String, String> header : headers) {
            if (header.getKey().equalsIgnoreCase(name)) {
                value = header.getValue();
            }
        }
        return value;
    }

    /** The header names in the order and case received. */
    public List<String> headerNames() {
        return headers.stream().map(Map.Entry::getKey).toList();
    }

    public String bodyUtf8() {
        return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return method + " " + path + " " + headers + " (" + body.length + " body bytes)";
    }
}
