package dev.c4j.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * What a {@link MockHttpServer} answers to one request, in the manner of OkHttp's MockResponse: status, headers
 * (sent exactly as given: case, order, repeats), body bytes, and how they travel (chunked, gzip, throttled,
 * delayed) or fail to (dropped mid-body, no answer at all).
 *
 * <pre>{@code
 * server.enqueue(new MockResponse().code(200).header("Content-Type", "text/plain").body("hello").chunked(2));
 * server.enqueue(new MockResponse().body(fiveMiB).throttle(64 * 1024, Duration.ofMillis(10)));
 * server.enqueue(MockResponse.disconnectAtStart());
 * }</pre>
 *
 * {@code Content-Length} is added unless the body is chunked, a header names a length or encoding itself, or
 * {@link #noContentLength()} asks for a body that ends when the connection closes.
 */
public final class MockResponse {

    /** What happens on the connection besides a normal answer. */
    public enum SocketPolicy {
        /** Answer, then close. */
        ANSWER,
        /** Read the request, then close without a byte of answer ("empty reply"). */
        DISCONNECT_AT_START,
        /** Read the request and say nothing, keeping the connection open (for timeouts). */
        NO_RESPONSE,
        /** Send the head and half of the body, then close. */
        DISCONNECT_DURING_BODY
    }

    private int code = 200;
    private String reason;
    private final List<Map.Entry<String, String>> headers = new ArrayList<>();
    private byte[] body = new byte[0];
    private int chunkSize; // 0: not chunked
    private boolean gzip;
    private boolean contentLength = true;
    private int throttleBytes; // 0: no throttle
    private Duration throttlePeriod = Duration.ZERO;
    private Duration delay = Duration.ZERO;
    private SocketPolicy policy = SocketPolicy.ANSWER;

    /** Status 200, no headers, empty body. */
    public MockResponse() {
    }

    public static MockResponse disconnectAtStart() {
        return new MockResponse().policy(SocketPolicy.DISCONNECT_AT_START);
    }

    public static MockResponse noResponse() {
        return new MockResponse().policy(SocketPolicy.NO_RESPONSE);
    }

    /** A redirect to {@code location}. */
    public static MockResponse redirect(int code, String location) {
        return new MockResponse().code(code).header("Location", location);
    }

    public MockResponse code(int code) {
        this.code = code;
        return this;
    }

    /** The reason phrase; unset: the usual one for the code. */
    public MockResponse reason(String reason) {
        this.reason = reason;
        return this;
    }

    /** Adds a header line (repeats allowed), sent as written. */
    public MockResponse header(String name, String value) {
        headers.add(Map.entry(name, value));
        return this;
    }

    public MockResponse body(byte[] body) {
        this.body = body.clone();
        return this;
    }

    /** The body as UTF-8. */
    public MockResponse body(String body) {
        return body(body.getBytes(StandardCharsets.UTF_8));
    }

    /** Chunked transfer encoding, in chunks of {@code size} bytes. */
    public MockResponse chunked(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size must be positive");
        }
        this.chunkSize = size;
        return this;
    }

    /** Compresses the body with gzip and says {@code Content-Encoding: gzip}. */
    public MockResponse gzip() {
        this.gzip = true;
        return this;
    }

    /** No {@code Content-Length}: the body ends when the server closes the connection. */
    public MockResponse noContentLength() {
        this.contentLength = false;
        return this;
    }

    /** Sends what follows the head {@code bytes} at a time, waiting {@code period} between pieces. */
    public MockResponse throttle(int bytes, Duration period) {
        if (bytes < 1) {
            throw new IllegalArgumentException("throttle bytes must be positive");
        }
        this.throttleBytes = bytes;
        this.throttlePeriod = period;
        return this;
    }

    /** Waits (real time) before sending anything. */
    public MockResponse delay(Duration delay) {
        this.delay = delay;
        return this;
    }

    public MockResponse policy(SocketPolicy policy) {
        this.policy = policy;
        return this;
    }

    public int code() {
        return code;
    }

    SocketPolicy policy() {
        return policy;
    }

    Duration delay() {
        return delay;
    }

    int throttleBytes() {
        return throttleBytes;
    }

    Duration throttlePeriod() {
        return throttlePeriod;
    }

    /** The status line and headers, with the framing headers this response needs. */
    byte[] head() {
        StringBuilder head = new StringBuilder("HTTP/1.1 ").append(code).append(' ')
                .append(reason != null ? reason : reasonFor(code)).append("\r\n");
        headers.forEach(h -> head.append(h.getKey()).append(": ").append(h.getValue()).append("\r\n"));
        if (gzip && !hasHeader("Content-Encoding")) {
            head.append("Content-Encoding: gzip\r\n");
        }
        if (chunkSize > 0) {
            if (!hasHeader("Transfer-Encoding")) {
                head.append("Transfer-Encoding: chunked\r\n");
            }
        } else if (contentLength && !hasHeader("Content-Length")) {
            head.append("Content-Length: ").append(payload().length).append("\r\n");
        }
        return head.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The body as it travels: compressed when gzip, framed when chunked. */
    byte[] encodedBody() {
        byte[] payload = payload();
        if (chunkSize == 0) {
            return payload;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < payload.length; at += chunkSize) {
            int n = Math.min(chunkSize, payload.length - at);
            out.writeBytes((Integer.toHexString(n) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(payload, at, n);
            out.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        out.writeBytes("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        return out.toByteArray();
    }

    private byte[] payload() {
        if (!gzip) {
            return body;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private boolean hasHeader(String name) {
        return headers.stream().anyMatch(h -> h.getKey().equalsIgnoreCase(name));
    }

    private static String reasonFor(int code) {
        return switch (code) {
            case 200 -> "OK";
            case 201 -> "Created";
            case 204 -> "No Content";
            case 301 -> "Moved Permanently";
            case 302 -> "Found";
            case 303 -> "See Other";
            case 307 -> "Temporary Redirect";
            case 308 -> "Permanent Redirect";
            case 400 -> "Bad Request";
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }

    @Override
    public String toString() {
        return "MockResponse[" + code + ", " + policy + "]";
    }
}
