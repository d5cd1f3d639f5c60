package dev.c4j.testkit;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLException;

/**
 * An HTTP/1.1 server on {@code 127.0.0.1} (an OS-chosen port) for drivers that fetch URLs, in the manner of
 * OkHttp's MockWebServer, on the Netty c4j ships:
 *
 * <pre>{@code
 * try (MockHttpServer server = MockHttpServer.start()) {
 *     server.enqueue(new MockResponse().header("Content-Type", "text/plain").body("power=on"));
 *     ... let the driver fetch server.url("/api/status") ...
 *     RecordedRequest request = server.takeRequest();
 *     assertThat(request.path()).isEqualTo("/api/status");
 * }
 * }</pre>
 *
 * Each request gets the next enqueued {@link MockResponse} (404 when none is left), or what a {@link Dispatcher}
 * decides. Every connection closes after its answer. {@link #useHttps()} switches to TLS with a certificate made
 * at test time ({@link TestCertificate}).
 */
public final class MockHttpServer implements AutoCloseable {

    /** Decides the answer to each request (on the server's thread); replaces the queue of enqueued responses. */
    @FunctionalInterface
    public interface Dispatcher {
        MockResponse dispatch(RecordedRequest request);
    }

    private final EventLoopGroup group;
    private final Channel serverChannel;
    private final Duration timeout;
    private final Queue<MockResponse> responses = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<RecordedRequest> requests = new LinkedBlockingQueue<>();
    private final AtomicInteger requestCount = new AtomicInteger();
    private volatile Dispatcher dispatcher = this::nextEnqueued;
    private volatile SslContext tls;
    private volatile TestCertificate certificate;

    private MockHttpServer(Duration timeout) {
        this.timeout = timeout;
        this.group = new MultiThreadIoEventLoopGroup(1, task -> {
            Thread thread = new Thread(task, "mock-http-server");
            thread.setDaemon(true);
            return thread;
        }, NioIoHandler.newFactory());
        try {
            this.serverChannel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            SslContext context = tls;
                            if (context != null) {
                                ch.pipeline().addLast(context.newHandler(ch.alloc()));
                            }
                            ch.pipeline().addLast(new HttpRequestDecoder(), new Answerer());
                        }
                    })
                    .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).syncUninterruptibly().channel();
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            throw new AssertionError("cannot start a mock HTTP server on 127.0.0.1: " + e, e);
        }
    }

    /** A server on 127.0.0.1; {@link #takeRequest()} waits up to 5 s. */
    public static MockHttpServer start() {
        return start(TestPeer.DEFAULT_TIMEOUT);
    }

    /** {@code timeout} bounds {@link #takeRequest()}. */
    public static MockHttpServer start(Duration timeout) {
        return new MockHttpServer(timeout);
    }

    /** Serves later connections over TLS with {@link TestCertificate#localhost()}. */
    public MockHttpServer useHttps() {
        return useHttps(TestCertificate.localhost(), null);
    }

    /**
     * Serves later connections over TLS with {@code certificate}; with {@code trustedClient} not null, a client
     * must present that certificate.
     */
    public MockHttpServer useHttps(TestCertificate certificate, TestCertificate trustedClient) {
        try {
            SslContextBuilder builder = SslContextBuilder
                    .forServer(certificate.privateKey(), certificate.certificate()).sslProvider(SslProvider.JDK);
            if (trustedClient != null) {
                builder.trustManager(trustedClient.certificate()).clientAuth(ClientAuth.REQUIRE);
            }
            this.tls = builder.build();
            this.certificate = certificate;
        } catch (SSLException e) {
            throw new IllegalStateException("cannot serve TLS: " + e, e);
        }
        return this;
    }

    /** The certificate served, in PEM (for a driver's {@code ssl_cabundle}); null before {@link #useHttps()}. */
    public byte[] certificatePem() {
        TestCertificate served = certificate;
        return served != null ? served.certificatePem() : null;
    }

    public String hostName() {
        return "127.0.0.1";
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** {@code http://127.0.0.1:PORT/path} (https after {@link #useHttps()}). */
    public String url(String path) {
        return (tls != null ? "https" : "http") + "://127.0.0.1:" + port() + (path.startsWith("/") ? "" : "/") + path;
    }

    public MockHttpServer enqueue(MockResponse response) {
        responses.add(response);
        return this;
    }

    public MockHttpServer dispatcher(Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
        return this;
    }

    /** The next request received (in arrival order), waiting up to the timeout. */
    public RecordedRequest takeRequest() {
        try {
            RecordedRequest request = requests.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (request == null) {
                throw new AssertionError("no request to the mock HTTP server on port " + port() + " within "
                        + timeout + " (requests so far: " + requestCount() + ")");
            }
            return request;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** How many requests arrived so far. */
    public int requestCount() {
        return requestCount.get();
    }

    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly(timeout.toMillis());
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(timeout.toMillis());
    }

    private MockResponse nextEnqueued(RecordedRequest request) {
        MockResponse next = responses.poll();
        return next != null ? next : new MockResponse().code(404).body("no response enqueued");
    }

    /**
     * Records each request (headers exactly as received: no aggregator adds any) and answers it as its
     * {@link MockResponse} says, then closes the connection.
     */
    private final class Answerer extends SimpleChannelInboundHandler<HttpObject> {
        private HttpRequest head;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, HttpObject message) {
            if (message.decoderResult().isFailure()) {
                ctx.close(); // no HTTP (a TLS client on a plain server, say)
                return;
            }
            if (message instanceof HttpRequest request) {
                head = request;
                body.reset();
            }
            if (message instanceof HttpContent content && head != null) {
                body.writeBytes(ByteBufUtil.getBytes(content.content()));
                if (content instanceof LastHttpContent) {
                    received(ctx);
                }
            }
        }

        private void received(ChannelHandlerContext ctx) {
            HttpRequest request = head;
            head = null;
            RecordedRequest recorded = new RecordedRequest(request.method().name(), request.uri(),
                    StreamSupport.stream(request.headers().spliterator(), false)
                            .map(h -> Map.entry(h.getKey(), h.getValue())).toList(),
                    body.toByteArray(), serverName(ctx));
            requestCount.incrementAndGet();
            requests.add(recorded);
            MockResponse response = dispatcher.dispatch(recorded);
            switch (response.policy()) {
                case DISCONNECT_AT_START -> ctx.close();
                case NO_RESPONSE -> ctx.channel().config().setAutoRead(false);
                case ANSWER, DISCONNECT_DURING_BODY -> ctx.executor().schedule(() -> answer(ctx, response),
                        response.delay().toNanos(), TimeUnit.NANOSECONDS);
            }
        }

        private void answer(ChannelHandlerContext ctx, MockResponse response) {
            byte[] body = response.encodedBody();
            int end = response.policy() == MockResponse.SocketPolicy.DISCONNECT_DURING_BODY ? body.length / 2 : body.length;
            ctx.writeAndFlush(Unpooled.wrappedBuffer(response.head()));
            sendBody(ctx, response, body, 0, end);
        }

        private void sendBody(ChannelHandlerContext ctx, MockResponse response, byte[] body, int at, int end) {
            if (!ctx.channel().isActive()) {
                return;
            }
            int n = response.throttleBytes() > 0 ? Math.min(response.throttleBytes(), end - at) : end - at;
            if (n > 0) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(body, at, n));
            }
            if (at + n < end) {
                ctx.executor().schedule(() -> sendBody(ctx, response, body, at + n, end),
                        response.throttlePeriod().toNanos(), TimeUnit.NANOSECONDS);
            } else {
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        }

        private static String serverName(ChannelHandlerContext ctx) {
            SslHandler tls = ctx.pipeline().get(SslHandler.class);
            if (tls != null && tls.engine().getSession() instanceof ExtendedSSLSession session) {
                for (SNIServerName name : session.getRequestedServerNames()) {
                    if (name instanceof SNIHostName host) {
                        return host.getAsciiName();
                    }
                }
            }
            return null;
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close(); // a client that hung up, or failed the TLS handshake: its business
        }
    }
}
