package dev.c4j.api.http;

import java.util.List;

/** The status and header block of one response, headers in the order and case received (repeats included). */
public record HttpResponseHead(int code, List<HttpHeader> headers) {

    public HttpResponseHead {
        headers = List.copyOf(headers);
    }

    /** The last value of header {@code name} (case-insensitive), or null. */
    public String header(String name) {
        String value = null;
        for (HttpHeader header : headers) {
            if (header.name().equalsIgnoreCase(name)) {
                value = header.value();
            }
        }
        return value;
    }
}
