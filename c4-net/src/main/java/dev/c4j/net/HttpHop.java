package dev.c4j.net;

import dev.c4j.api.AddressMap;
import dev.c4j.api.NetError;
import dev.c4j.api.http.HttpError;
import dev.c4j.api.http.HttpHeader;
import dev.c4j.api.http.HttpOptions;
import dev.c4j.api.http.HttpResponseHead;
import dev.c4j.api.http.HttpUrl;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.PrematureChannelClosureException;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One request and its response over a connection of its own (each hop of a transfer; requests say
 * {@code Connection: close}): name lookup off the loop, TCP connect, TLS with SNI, then Netty's HTTP/1.1 client
 * codec and gzip/deflate decoder.
 *
 * <p>The channel is registered on the driver's own event loop, so every event below already runs on the loop that
 * owns the driver's Lua state: the transfer hands it to Lua directly, with no thread hand-off and no locking (which
 * a client with its own threads, the JDK's HttpClient for one, would need for each callback).
 */
final class HttpHop {

    /** What a hop reports to its transfer, on the loop, never inside {@link #start}; nothing after one of the last two. */
    interface Events {
        /** Connected (and the TLS handshake done): the request is on its way. */
        void connected();

        /** A final (non-1xx) response's status and headers, as received. */
        void head(HttpResponseHead head);

        /** A decoded piece of the body, valid during the call. */
        void content(ByteBuf piece);

        /** The response is complete; the connection is closed. */
        void end();

        void failed(HttpError error);
    }

    private static final int MAX_HEADER_BYTES = 64 * 1024;

    private final NettyHttpTransfers client;
    private final HttpUrl url;
    private final HttpRequest request;
    private final HttpOptions options;
    private final Events events;
    private List<InetSocketAddress> addresses;
    private int nextAddress;
    private Channel channel;
    private boolean connected; // and the TLS handshake done
    private List<HttpHeader> capturedHeaders = List.of();
    private boolean headSeen;
    private boolean interim; // inside a 1xx response, which is not reported
    private boolean over;

    HttpHop(NettyHttpTransfers client, HttpUrl url, HttpRequest request, HttpOptions options, Events events) {
        this.client = client;
        this.url = url;
        this.request = request;
        this.options = options;
        this.events = events;
    }

    /**
     * Looks the host up (where the address map sends it; refused before any lookup when the egress policy says so),
     * then connects.
     */
    void start() {
        String host = url.bareHost();
        AddressMap.Target target = client.destinations().route(host, Integer.toString(url.port()), url.port());
        if (target == null) {
            failLater(Resolver.isIpLiteral(host) ? HttpError.COULDNT_CONNECT : HttpError.COULDNT_RESOLVE_HOST);
            return;
        }
        Resolver.Callback connect = new Resolver.Callback() {
            @Override
            public void resolved(List<InetSocketAddress> found) {
                addresses = found;
                connectNext(null);
            }

            @Override
            public void failed(NetError error) {
                fail(HttpError.of(HttpError.COULDNT_RESOLVE_HOST));
            }
        };
        client.resolver().resolve(client.loop(), target.host(), Integer.toString(target.port()), target.port(), connect);
    }

    /** Closes the connection; nothing more is reported. */
    void close() {
        over = true;
        Channel ch = channel;
        if (ch != null) {
            client.loop().io(ch::close);
        }
    }

    private void failLater(int code) {
        client.loop().execute(() -> fail(HttpError.of(code)));
    }

    private void fail(HttpError error) {
        if (!over) {
            close();
            events.failed(error);
        }
    }

    /** Tries the addresses in turn, as libcurl does; the last failure is the one reported. */
    private void connectNext(Throwable lastFailure) {
        if (over) {
            return;
        }
        if (nextAddress >= addresses.size()) {
            fail(lastFailure != null ? HttpFailures.connecting(lastFailure) : HttpError.of(HttpError.COULDNT_RESOLVE_HOST));
            return;
        }
        InetSocketAddress address = addresses.get(nextAddress++);
        Channel ch;
        try {
            ch = client.transport().newSocket(address.getAddress());
            ch.config().setOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0); // the transfer's timer bounds it
            pipeline(ch.pipeline());
        } catch (RuntimeException e) { // no socket of that family here, or the TLS context could not be made
            connectNext(e);
            return;
        } catch (HttpTls.BadFile e) {
            fail(e.error);
            return;
        }
        channel = ch;
        client.loop().eventLoop().register(ch).addListener(registered -> {
            if (!registered.isSuccess()) {
                connectFailed(ch, registered.cause());
                return;
            }
            ch.connect(address).addListener(done -> {
                if (!done.isSuccess()) {
                    connectFailed(ch, done.cause());
                    return;
                }
                if (!url.isSecure()) {
                    connected(ch);
                } // TLS: connected once the handshake completed (Receiver)
            });
        });
    }

    private void connectFailed(Channel ch, Throwable cause) {
        if (ch == channel && !over) {
            ch.close();
            connectNext(cause);
        }
    }

    private void pipeline(ChannelPipeline pipeline) throws HttpTls.BadFile {
        if (url.isSecure()) {
            SslContext context = HttpTls.contextFor(options);
            SslHandler tls = context.newHandler(pipeline.channel().alloc(), url.bareHost(), url.port());
            tls.setHandshakeTimeoutMillis(0); // connect_timeout, on the driver's clock, bounds it
            TlsContexts.serverNameIndication(tls.engine(), url.bareHost());
            pipeline.addLast(tls);
        }
        HttpDecoderConfig decoding = new HttpDecoderConfig().setMaxHeaderSize(MAX_HEADER_BYTES);
        pipeline.addLast(new HttpClientCodec(decoding, false, false));
        pipeline.addLast(new HeadCapture());
        pipeline.addLast(new HttpContentDecompressor(0));
        pipeline.addLast(new Receiver());
    }

    private void connected(Channel ch) {
        if (over || ch != channel || connected) {
            return;
        }
        connected = true;
        events.connected();
        if (over) {
            return;
        }
        ch.writeAndFlush(request).addListener(written -> {
            if (!written.isSuccess() && !headSeen) {
                fail(HttpError.of(HttpError.SEND_ERROR));
            }
        });
    }

    /**
     * Keeps the headers exactly as received: the decompressor after it rewrites Content-Encoding and
     * Content-Length, and drivers (as on the controller) see the server's own.
     */
    private final class HeadCapture extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof HttpResponse response) {
                List<HttpHeader> headers = new ArrayList<>(response.headers().size());
                for (Map.Entry<String, String> header : response.headers()) {
                    headers.add(new HttpHeader(header.getKey(), header.getValue()));
                }
                capturedHeaders = headers;
            }
            ctx.fireChannelRead(msg);
        }
    }

    /** The end of the pipeline: turns Netty's messages and events into {@link Events}. */
    private final class Receiver extends ChannelInboundHandlerAdapter {

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            try {
                if (!over) {
                    read(msg);
                }
            } finally {
                ReferenceCountUtil.release(msg);
            }
        }

        private void read(Object msg) {
            if (msg instanceof HttpResponse response) {
                if (response.decoderResult().isFailure()) {
                    fail(HttpError.of(response.decoderResult().cause() instanceof PrematureChannelClosureException
                            ? HttpError.RECV_ERROR : HttpError.WEIRD_SERVER_REPLY));
                    return;
                }
                int code = response.status().code();
                interim = code >= 100 && code < 200 && code != 101;
                if (!interim) {
                    headSeen = true;
                    events.head(new HttpResponseHead(code, capturedHeaders));
                }
            }
            if (msg instanceof HttpContent content && !over) {
                if (content.decoderResult().isFailure()) {
                    fail(HttpError.of(HttpError.RECV_ERROR));
                    return;
                }
                boolean last = content instanceof LastHttpContent;
                if (interim) {
                    interim = !last;
                    return;
                }
                if (content.content().isReadable()) {
                    events.content(content.content());
                }
                if (last && !over) {
                    close();
                    events.end();
                }
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof SslHandshakeCompletionEvent handshake) {
                if (handshake.isSuccess()) {
                    connected(ctx.channel());
                } else {
                    fail(HttpFailures.tls(handshake.cause()));
                }
            }
            ctx.fireUserEventTriggered(event);
        }

        /** During the TLS handshake every failure is a TLS one (35, or 60 for the certificate); after it, 56. */
        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            fail(connected ? HttpError.of(HttpError.RECV_ERROR) : HttpFailures.tls(cause));
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (!connected) {
                fail(HttpError.of(HttpError.SSL_CONNECT_ERROR)); // closed during the TLS handshake
            } else {
                fail(HttpError.of(headSeen ? HttpError.RECV_ERROR : HttpError.GOT_NOTHING));
            }
        }
    }
}
