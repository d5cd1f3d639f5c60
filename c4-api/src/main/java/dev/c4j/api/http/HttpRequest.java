package dev.c4j.api.http;

import java.util.List;

/**
 * One transfer to start.
 *
 * @param method     {@code GET}, {@code POST}, ... or any other token ({@code Custom})
 * @param url        as the driver gave it (one char per byte); a malformed or unsupported one fails the transfer
 * @param headers    the driver's headers; each replaces a default of the same name (case-insensitive)
 * @param body       the bytes to send, or null for none ({@code Content-Length} is sent when not null)
 * @param options    the transfer's options
 * @param streamBody deliver the body in pieces ({@link HttpTransfer.Listener#bodyChunk}) instead of collecting it
 */
public record HttpRequest(String method, String url, List<HttpHeader> headers, byte[] body, HttpOptions options,
                          boolean streamBody) {

    public HttpRequest {
        headers = List.copyOf(headers);
    }
}
