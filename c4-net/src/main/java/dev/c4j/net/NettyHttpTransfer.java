package dev.c4j.net;

import dev.c4j.api.Timer;
import dev.c4j.api.http.HttpError;
import dev.c4j.api.http.HttpHeader;
import dev.c4j.api.http.HttpOptions;
import dev.c4j.api.http.HttpRequest;
import dev.c4j.api.http.HttpResponseHead;
import dev.c4j.api.http.HttpTransfer;
import dev.c4j.api.http.HttpUrl;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultHttpHeadersFactory;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpVersion;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One transfer (host spec 5): waits for its host's turn, then runs a {@link HttpHop} per response, following
 * redirects, under the {@code timeout} and {@code connect_timeout} timers of the driver's clock (H12). It tells its
 * listener about each response and ends with exactly one {@code done}, posted to a later turn, unless cancelled.
 */
final class NettyHttpTransfer implements HttpTransfer, HttpHop.Events, HostSlots.Waiter {

    /** The most a collected body may hold (host spec 5.6). */
    static final int MAX_COLLECTED_BODY = 4_194_304;
    /** The largest piece {@code bodyChunk} delivers (host spec 5.3). */
    static final int MAX_CHUNK = 64 * 1024;

    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** No validation: the driver's header bytes go out as given, as libcurl sends them. */
    private static final DefaultHttpHeadersFactory HEADERS = DefaultHttpHeadersFactory.headersFactory()
            .withValidation(false);

    private final NettyHttpTransfers client;
    private final HttpRequest request;
    private final HttpOptions options;
    private final Listener listener;
    private final HttpUrl firstUrl; // null when the URL is malformed
    private final HttpError unusable; // why the transfer cannot even start, or null
    private HttpUrl url;
    private String method;
    private byte[] body;
    private int redirects;
    private HttpHop hop;
    private HttpResponseHead head; // of the current response
    private ByteArrayOutputStream collected; // null when the body is streamed
    private Timer timeout;
    private Timer connectTimeout;
    private boolean stopped; // nothing more happens on the network
    private boolean cancelled;
    private boolean doneDelivered;

    NettyHttpTransfer(NettyHttpTransfers client, HttpRequest request, Listener listener) {
        this.client = client;
        this.request = request;
        this.options = request.options();
        this.listener = listener;
        this.method = request.method();
        this.body = request.body();
        HttpUrl parsed = null;
        HttpError problem = null;
        try {
            parsed = HttpUrl.parse(request.url());
            if (!parsed.isSupported()) {
                problem = HttpError.of(HttpError.UNSUPPORTED_PROTOCOL);
            }
        } catch (IllegalArgumentException e) {
            problem = HttpError.of(HttpError.URL_MALFORMAT);
        }
        if (problem == null && !TOKEN.matcher(method).matches()) {
            problem = HttpError.of(HttpError.URL_MALFORMAT); // no method libcurl could put in a request line
        }
        this.firstUrl = parsed;
        this.url = parsed;
        this.unusable = problem;
    }

    /** Starts the clock and waits for the host's turn; a transfer that cannot start ends on a later turn. */
    void start() {
        timeout = startTimer(options.timeout());
        if (unusable != null) {
            finish(unusable);
            return;
        }
        if (options.cookies().enable() && options.cookies().clearSession()) {
            client.cookieJar().clearSession();
        }
        client.slots().enter(hostKey(), this);
    }

    @Override
    public void admitted() {
        if (!stopped) {
            nextHop();
        }
    }

    private String hostKey() {
        return firstUrl.host() + ":" + firstUrl.port();
    }

    private void nextHop() {
        head = null;
        if (connectTimeout != null) {
            connectTimeout.cancel();
        }
        connectTimeout = startTimer(options.connectTimeout());
        hop = new HttpHop(client, url, nettyRequest(), options, this);
        hop.start();
    }

    private Timer startTimer(Duration duration) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            return null;
        }
        return client.timers().start(Math.max(1, duration.toMillis()), false,
                (timer, skips) -> finish(HttpError.of(HttpError.OPERATION_TIMEDOUT)));
    }

    // ---- the request -------------------------------------------------------------------------------------------

    /**
     * The default headers (host spec 5.6), then the driver's, each replacing a default of the same name; an empty
     * value removes the header, as libcurl's {@code "Name:"} does. Credentials only go to the first URL's origin.
     */
    private FullHttpRequest nettyRequest() {
        boolean firstOrigin = url.sameOrigin(firstUrl);
        List<HttpHeader> lines = new ArrayList<>();
        lines.add(new HttpHeader("Host", url.hostHeader()));
        lines.add(new HttpHeader("Accept", "*/*"));
        lines.add(new HttpHeader("Accept-Encoding", "deflate, gzip"));
        lines.add(new HttpHeader("Connection", "close"));
        String credentials = url.credentials();
        if (credentials != null) {
            lines.add(new HttpHeader("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(credentials.getBytes(StandardCharsets.ISO_8859_1))));
        }
        if (options.cookies().enable() && options.cookies().useJar()) {
            String cookie = client.cookieJar().header(url);
            if (cookie != null) {
                lines.add(new HttpHeader("Cookie", cookie));
            }
        }
        if (body != null) {
            lines.add(new HttpHeader("Content-Length", Integer.toString(body.length)));
        }
        for (HttpHeader header : request.headers()) {
            boolean credential = header.name().equalsIgnoreCase("Authorization")
                    || header.name().equalsIgnoreCase("Cookie");
            if (!credential || firstOrigin) {
                replace(lines, header);
            }
        }
        HttpHeaders headers = HEADERS.newHeaders();
        lines.forEach(line -> headers.add(line.name(), line.value()));
        ByteBuf content = body != null ? Unpooled.wrappedBuffer(body) : Unpooled.EMPTY_BUFFER;
        return new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.valueOf(method), url.requestTarget(),
                content, headers, HEADERS.newEmptyHeaders());
    }

    private static void replace(List<HttpHeader> lines, HttpHeader header) {
        int at = -1;
        for (int i = lines.size() - 1; i >= 0; i--) {
            if (lines.get(i).name().equalsIgnoreCase(header.name())) {
                lines.remove(i);
                at = i;
            }
        }
        if (header.value().isEmpty()) {
            return;
        }
        if (at >= 0) {
            lines.add(at, header);
        } else {
            lines.add(header);
        }
    }

    // ---- what the hop reports ----------------------------------------------------------------------------------

    @Override
    public void connected() {
        if (connectTimeout != null) {
            connectTimeout.cancel();
            connectTimeout = null;
        }
    }

    @Override
    public void head(HttpResponseHead received) {
        head = received;
        if (options.cookies().enable() && options.cookies().saveToJar()) {
            for (HttpHeader header : received.headers()) {
                if (header.name().equalsIgnoreCase("Set-Cookie")) {
                    client.cookieJar().store(url, header.value());
                }
            }
        }
        if (listener.headers(received)) {
            finish(HttpError.ABORTED);
        } else if (!stopped && options.failOnError() && received.code() >= 400) {
            finish(HttpError.of(HttpError.HTTP_RETURNED_ERROR)); // with headers, without body (host spec 5.4)
        } else {
            collected = request.streamBody() ? null : new ByteArrayOutputStream();
        }
    }

    @Override
    public void content(ByteBuf piece) {
        if (stopped) {
            return;
        }
        if (collected != null) {
            if (collected.size() + piece.readableBytes() > MAX_COLLECTED_BODY) {
                finish(HttpError.of(HttpError.FILESIZE_EXCEEDED));
            } else {
                collected.writeBytes(ByteBufUtil.getBytes(piece));
            }
            return;
        }
        for (int at = piece.readerIndex(); at < piece.writerIndex() && !stopped; at += MAX_CHUNK) {
            if (listener.bodyChunk(piece.nioBuffer(at, Math.min(MAX_CHUNK, piece.writerIndex() - at)))) {
                finish(HttpError.ABORTED);
            }
        }
    }

    @Override
    public void end() {
        hop = null;
        if (stopped) {
            return;
        }
        byte[] whole = collected != null ? collected.toByteArray() : null;
        collected = null;
        if (listener.body(whole)) {
            finish(HttpError.ABORTED);
        } else if (!stopped && !followRedirect()) {
            finish(HttpError.OK);
        }
    }

    @Override
    public void failed(HttpError error) {
        hop = null;
        finish(error);
    }

    /**
     * Follows a redirect (host spec 5.6): at most {@code maxRedirects}; a 303, or a 301/302 answering a POST,
     * continues as GET without body; 307 and 308 keep both. False when the response is no redirect.
     */
    private boolean followRedirect() {
        int code = head.code();
        String location = head.header("Location");
        if (location == null || !(code == 301 || code == 302 || code == 303 || code == 307 || code == 308)) {
            return false;
        }
        if (redirects >= options.maxRedirects()) {
            finish(HttpError.of(HttpError.TOO_MANY_REDIRECTS));
            return true;
        }
        HttpUrl next;
        try {
            next = url.resolve(location);
        } catch (IllegalArgumentException e) {
            finish(HttpError.of(HttpError.URL_MALFORMAT));
            return true;
        }
        if (!next.isSupported()) {
            finish(HttpError.of(HttpError.UNSUPPORTED_PROTOCOL));
            return true;
        }
        redirects++;
        if (code == 303 && !method.equals("HEAD") || (code == 301 || code == 302) && method.equals("POST")) {
            method = "GET";
            body = null;
        }
        url = next;
        nextHop();
        return true;
    }

    // ---- the end -----------------------------------------------------------------------------------------------

    /** Stops everything and reports {@code result} on a later turn, unless cancelled before that. */
    private void finish(HttpError result) {
        if (stopped) {
            return;
        }
        stop();
        client.loop().execute(() -> {
            if (!cancelled) {
                doneDelivered = true;
                client.forget(this);
                listener.done(result);
            }
        });
    }

    private void stop() {
        stopped = true;
        if (hop != null) {
            hop.close();
            hop = null;
        }
        if (timeout != null) {
            timeout.cancel();
        }
        if (connectTimeout != null) {
            connectTimeout.cancel();
        }
        collected = null;
        if (unusable == null) {
            client.slots().leave(hostKey(), this);
        }
    }

    /** Also between the end and the posted {@code done}: teardown cancels that way, so no done follows it. */
    @Override
    public void cancel() {
        if (!cancelled && !doneDelivered) {
            cancelled = true;
            client.forget(this);
            if (!stopped) {
                stop();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return !cancelled && !doneDelivered;
    }
}
