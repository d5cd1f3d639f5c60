package dev.c4j.net;

import dev.c4j.api.AddressMap;
import dev.c4j.api.Endpoint;
import dev.c4j.api.EndpointChoice;
import dev.c4j.api.NetError;
import dev.c4j.api.NetOp;
import dev.c4j.api.ReadRequest;
import dev.c4j.api.TcpClient;
import dev.c4j.api.TcpOption;
import dev.c4j.api.TlsSettings;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandler;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A driver's TCP connection, outbound or accepted: one class for both (spec section 3). It keeps the connection's
 * state and makes the listener calls; receiving is {@link TcpInbound}'s, sending {@link TcpOutbound}'s.
 *
 * <p>Reading is on demand: auto-read is off and the socket is read only while {@link TcpInbound} wants bytes, so TCP
 * flow control pushes back on a peer that sends more than the driver asks for. EOF and errors are held behind
 * buffered bytes until a request needs them.
 *
 * <p>With {@link TlsSettings} the connection is TLS over TCP: an {@link SslHandler} sits in front of the pipeline and
 * the connect succeeds once its handshake has; reads and writes carry the plain bytes.
 *
 * <p>Listener calls: those caused by socket events are made directly (the hot path has no extra hop); those
 * caused by an API call are posted to a later turn of the loop, so no listener call ever happens inside the call
 * that caused it.
 */
final class NettyTcpClient implements TcpClient, SocketOpening.Owner<Channel>, Abandonable {

    private static final Logger log = LoggerFactory.getLogger(NettyTcpClient.class);

    /** Used until a listener is set: takes the first endpoint, ignores everything else. */
    private static final Listener NO_LISTENER = new Listener() {
        @Override
        public void resolved(List<Endpoint> endpoints, EndpointChoice choice) {
            choice.chooseDefault();
        }

        @Override
        public void connected() {
        }

        @Override
        public void received(ByteBuffer data, Object replacement) {
        }

        @Override
        public void written() {
        }

        @Override
        public void disconnected(NetError error) {
        }

        @Override
        public void failed(NetError error, NetOp op) {
        }
    };

    private enum State {
        FRESH,
        /** Resolving, or waiting for the endpoint choice. */
        RESOLVING,
        CONNECTING,
        CONNECTED,
        /** Closed or failed; the socket is closing and the final callbacks are not delivered yet. */
        ENDING,
        /** Over; {@link #connect} may start a new connection. */
        ENDED
    }

    private final NettyDriverNetwork network;
    private final NettyDriverLoop loop;
    private final TlsSettings tls; // null: plain TCP
    private String tlsPeerHost; // the host the driver asked for (SNI): a mapped target is no name of the peer
    private final TcpInbound inbound;
    private final TcpOutbound outbound;
    private Listener listener = NO_LISTENER;
    private State state;
    private boolean abandoned;
    private final SocketOpening<Channel> opening;
    private Channel channel; // CONNECTING .. ENDING
    private Endpoint localAddress;
    private Endpoint remoteAddress;

    // options to apply to the next socket (null: the transport's default)
    private Boolean keepAlive;
    private Boolean noDelay;
    private Integer lingerSeconds;

    /** A fresh client, not connected; with {@code tls} (else null) its connections are TLS. */
    NettyTcpClient(NettyDriverNetwork network, TlsSettings tls) {
        this.network = network;
        this.loop = network.loop();
        this.tls = tls;
        this.state = State.FRESH;
        this.inbound = new TcpInbound(this, loop, network.inputBudget());
        this.outbound = new TcpOutbound(this, loop);
        this.opening = new SocketOpening<>(network, NetOp.CONNECT, this);
    }

    /** An accepted connection; {@link #start} once its channel is registered. */
    NettyTcpClient(NettyDriverNetwork network, Channel accepted) {
        this(network, (TlsSettings) null);
        this.state = State.CONNECTED;
        attach(accepted);
    }

    /** The accepted channel is registered: addresses are known and read-ahead begins. */
    void start() {
        localAddress = Resolver.endpoint(channel.localAddress());
        remoteAddress = Resolver.endpoint(channel.remoteAddress());
        inbound.ensureReading();
    }

    @Override
    public void setListener(Listener listener) {
        this.listener = listener != null ? listener : NO_LISTENER;
    }

    // ---------------------------------------------------------------------------------------------- connect

    @Override
    public boolean connect(String host, String service) {
        int port = Resolver.numericPort(service);
        if (abandoned || (state != State.FRESH && state != State.ENDED) || port == Resolver.INVALID || port == 0) {
            return false;
        }
        state = State.RESOLVING;
        localAddress = null;
        remoteAddress = null;
        inbound.newConnection();
        outbound.newConnection();
        tlsPeerHost = host;
        AddressMap.Target target = network.destinations().route(host, service, port);
        if (target == null) {
            // Refused before any lookup: the driver sees what an unreachable destination gives on a controller.
            opening.refuse(Destinations.refusal(host));
            return true;
        }
        String targetService = target.port() == Resolver.NAMED ? service : Integer.toString(target.port());
        opening.start(target.host(), targetService, target.port());
        return true;
    }

    @Override
    public void offerEndpoints(List<Endpoint> endpoints, EndpointChoice choice) {
        if (!abandoned) {
            ListenerCalls.call("client resolved()", () -> listener.resolved(endpoints, choice));
        }
    }

    @Override
    public void openFailed(NetError error, NetOp op) {
        ended();
        fireFailed(error, op);
    }

    @Override
    public Channel newSocket(InetSocketAddress address) {
        Channel ch = network.transport().newSocket(address.getAddress());
        attach(ch);
        if (tls != null) {
            ch.pipeline().addFirst(TlsContexts.clientHandler(tls, ch.alloc(), tlsPeerHost, address.getPort()));
        }
        return ch;
    }

    @Override
    public void opening(Channel ch) {
        state = State.CONNECTING;
    }

    @Override
    public void opened(Channel ch, Throwable failure) {
        if (ch != channel || state != State.CONNECTING) {
            return; // closed or abandoned meanwhile: already reported, or silent
        }
        if (failure != null) {
            ch.close();
            ended();
            fireFailed(NetErrors.of(failure), NetOp.CONNECT);
            return;
        }
        SslHandler handshaking = ch.pipeline().get(SslHandler.class);
        if (handshaking != null && !handshaking.handshakeFuture().isDone()) {
            // TLS: connected once the handshake is; it reads by itself meanwhile, auto-read or not
            handshaking.handshakeFuture().addListener(handshake -> opened(ch, handshake.cause()));
            return;
        }
        state = State.CONNECTED;
        localAddress = Resolver.endpoint(ch.localAddress());
        remoteAddress = Resolver.endpoint(ch.remoteAddress());
        if (!abandoned) {
            ListenerCalls.call("client connected()", listener::connected);
        }
        inbound.ensureReading(); // a request issued while connecting waits for bytes like any other
    }

    private void attach(Channel ch) {
        ChannelConfig config = ch.config();
        config.setAutoRead(false);
        config.setOption(ChannelOption.ALLOW_HALF_CLOSURE, true); // EOF is held until the driver reads
        config.setOption(ChannelOption.CONNECT_TIMEOUT_MILLIS, 0); // no timeout of ours: the OS's applies
        // TCP_NODELAY stays at Netty's default (on): writes are already coalesced per loop turn.
        for (TcpOption option : TcpOption.values()) {
            applyOption(ch, option);
        }
        ch.pipeline().addLast(new Events(ch));
        channel = ch;
        outbound.attached();
    }

    // ---------------------------------------------------------------------------------------------- reading

    /**
     * False inside a matcher, and when there is no connection to read from (fresh, closing, ended). A request made
     * while resolving or connecting is kept and served once connected. [choice beyond the spec]
     */
    @Override
    public boolean read(ReadRequest newRequest) {
        if (abandoned || !inbound.takesRequests() || state == State.FRESH || state == State.ENDING
                || state == State.ENDED) {
            return false;
        }
        inbound.request(newRequest, state == State.CONNECTED);
        return true;
    }

    /**
     * The peer closed (EOF) or the connection failed, with a request outstanding that the buffer cannot satisfy:
     * EOF delivers what is buffered as a partial read then disconnects with OK; an error reports itself on "read"
     * then disconnects with its code, dropping the buffered bytes (spec 3.6).
     */
    void inputOver(NetError end) {
        if (end.isSuccess()) {
            endAtEof();
            return;
        }
        state = State.ENDING;
        inbound.drop();
        closeChannel();
        fireFailed(end, NetOp.READ);
        ended();
        fireDisconnected(end);
    }

    /**
     * The peer sent its FIN, so it sends nothing more, but it may still read (a half-close): the last partial read
     * is delivered while the driver can still write (a reply to a peer that sent its request and shut its side),
     * then what was written goes out before our FIN.
     */
    private void endAtEof() {
        inbound.deliverRestAtEof();
        if (state != State.CONNECTED) {
            return; // the driver closed it in that callback: its close reports the end
        }
        state = State.ENDING;
        inbound.drop();
        outbound.closeAfterSending(channel);
        ended();
        fireDisconnected(NetError.OK);
    }

    // ---------------------------------------------------------------------------------------------- writing

    @Override
    public boolean write(ByteBuffer data) {
        if (abandoned || state != State.CONNECTED) {
            return false;
        }
        outbound.write(channel, data);
        return true;
    }

    /** A write failed: the connection breaks, reported on a later turn; while closing the close reports it. */
    void writeFailed(Throwable cause) {
        if (state == State.ENDING) {
            // During a flushing close a failure is no "write" error of its own: disconnected() carries its code.
            outbound.failedWhileClosing(cause);
            return;
        }
        if (state != State.CONNECTED) {
            return;
        }
        // A write after the connection broke on the read path fails with "closed": report what broke it.
        NetError held = inbound.heldEnd();
        NetError error = cause instanceof ClosedChannelException && held != null && !held.isSuccess()
                ? held : NetErrors.of(cause);
        state = State.ENDING;
        inbound.drop();
        outbound.drop();
        closeChannel();
        // May fail inside write() itself (the io ran at once): always report on a later turn.
        loop.execute(() -> {
            fireFailed(error, NetOp.WRITE);
            ended();
            fireDisconnected(error);
        });
    }

    // ---------------------------------------------------------------------------------------------- closing

    @Override
    public void close(boolean flush) {
        if (inbound.deferClose(flush)) {
            return;
        }
        switch (state) {
            case FRESH, ENDING, ENDED -> {
            }
            case RESOLVING -> cancelled(opening.cancel());
            case CONNECTING -> {
                cancelled(NetOp.CONNECT); // first: closing fails the connect promise at once
                closeChannel();
            }
            case CONNECTED -> {
                state = State.ENDING;
                inbound.drop();
                outbound.close(channel, flush);
            }
        }
    }

    /** The socket of a close is flushed (or not to be): it closes, and the end is reported on a later turn. */
    void closeAndReport(Channel ch) {
        ch.close();
        loop.execute(() -> {
            NetError end = outbound.closeOutcome();
            ended();
            fireDisconnected(end);
        });
    }

    /** A pending connect was closed: ECANCELED on a later turn, then the client may connect again. */
    private void cancelled(NetOp op) {
        state = State.ENDING;
        loop.execute(() -> {
            ended();
            fireFailed(NetError.of(NetError.ECANCELED), op);
        });
    }

    private void closeChannel() {
        Channel ch = channel;
        if (ch != null) {
            loop.io(() -> ch.close());
        }
    }

    /** The connection is over; the next {@link #connect} may begin. */
    private void ended() {
        state = State.ENDED;
        channel = null;
        outbound.ended();
        inbound.ended();
    }

    @Override
    public void abandon() {
        if (loop.inLoop()) {
            abandonOnLoop();
        } else {
            // Typically a Cleaner thread after the Lua object was collected: the state is the loop's.
            loop.execute(this::abandonOnLoop);
        }
    }

    /** Silently, but what the driver wrote still goes out, and the connection ends with a FIN ({@link GracefulClose}). */
    @Override
    public Channel abandonOnLoop() {
        abandoned = true;
        opening.abandon();
        Channel ch = channel;
        if (ch != null && state == State.CONNECTED) {
            outbound.sendPending();
            loop.io(() -> GracefulClose.start(ch));
        } else {
            closeChannel();
        }
        ended();
        return ch;
    }

    // ---------------------------------------------------------------------------------------------- the rest

    @Override
    public Endpoint localAddress() {
        return localAddress;
    }

    @Override
    public Endpoint remoteAddress() {
        return remoteAddress;
    }

    @Override
    public boolean option(TcpOption option, boolean on, int seconds) {
        if (!option.forClients()) {
            return false;
        }
        switch (option) {
            case KEEPALIVE -> keepAlive = on;
            case NODELAY -> noDelay = on;
            case LINGER -> lingerSeconds = on ? Math.max(0, seconds) : -1;
            default -> throw new IllegalStateException(option.name());
        }
        Channel ch = channel;
        if (ch != null && (state == State.CONNECTING || state == State.CONNECTED)) {
            loop.io(() -> applyOption(ch, option));
        }
        return true;
    }

    private void applyOption(Channel ch, TcpOption option) {
        ChannelConfig config = ch.config();
        switch (option) {
            case KEEPALIVE -> {
                if (keepAlive != null) {
                    config.setOption(ChannelOption.SO_KEEPALIVE, keepAlive);
                }
            }
            case NODELAY -> {
                if (noDelay != null) {
                    config.setOption(ChannelOption.TCP_NODELAY, noDelay);
                }
            }
            case LINGER -> {
                if (lingerSeconds != null) {
                    config.setOption(ChannelOption.SO_LINGER, lingerSeconds);
                }
            }
            default -> {
            }
        }
    }

    /** Also while ENDING (any close, until disconnected() is delivered), so that the report is not lost. */
    @Override
    public boolean isPending() {
        return switch (state) {
            case RESOLVING, CONNECTING, ENDING -> true;
            case CONNECTED -> inbound.hasRequest() || outbound.hasUnsent();
            case FRESH, ENDED -> false;
        };
    }

    /** Bytes received and not delivered yet (tests). */
    int bufferedBytes() {
        return inbound.size();
    }

    /** The current socket's value of {@code option}, or null without a socket (tests). */
    <T> T socketOption(ChannelOption<T> option) {
        Channel ch = channel;
        return ch == null ? null : ch.config().getOption(option);
    }

    // ---------------------------------------------------------------------------------------------- for the halves

    /** The current connection's channel, or null. */
    Channel channel() {
        return channel;
    }

    boolean isConnected() {
        return state == State.CONNECTED;
    }

    boolean isAbandoned() {
        return abandoned;
    }

    // ---------------------------------------------------------------------------------------------- listener calls

    /** The hot path, per delivered read: written out rather than through {@link ListenerCalls} (no lambda). */
    void fireRead(ByteBuffer data, Object replacement) {
        if (abandoned) {
            return;
        }
        try {
            listener.received(data, replacement);
        } catch (RuntimeException e) {
            log.warn("listener failed in client received()", e);
        }
    }

    void fireWritten() {
        if (!abandoned) {
            ListenerCalls.call("client written()", listener::written);
        }
    }

    private void fireDisconnected(NetError error) {
        if (!abandoned) {
            ListenerCalls.call("client disconnected()", () -> listener.disconnected(error));
        }
    }

    void fireFailed(NetError error, NetOp op) {
        if (!abandoned) {
            ListenerCalls.call("client failed()", () -> listener.failed(error, op));
        }
    }

    /** The socket's events, for one channel: events of a channel this client no longer uses are ignored. */
    private final class Events extends ChannelInboundHandlerAdapter {
        private final Channel ch;

        Events(Channel ch) {
            this.ch = ch;
        }

        private boolean current() {
            return ch == channel && state == State.CONNECTED && !abandoned;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            if (!current()) {
                in.release();
                return;
            }
            outbound.readBurstStarted();
            inbound.received(in, ctx.alloc());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            outbound.readBurstEnded();
            if (current()) {
                outbound.flushIfPending();
                inbound.ensureReading();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof ChannelInputShutdownEvent) {
                if (current()) {
                    inbound.inputEnded(NetError.OK);
                } else if (abandoned) {
                    ctx.close(); // a graceful close has read the peer's input to its end
                }
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // TLS errors arrive wrapped by the SslHandler; a failed handshake is the connect's failure, not ours
            Throwable failure = cause instanceof DecoderException && cause.getCause() != null
                    ? cause.getCause() : cause;
            if (current() && failure instanceof IOException) {
                inbound.inputEnded(NetErrors.of(failure));
            } else if (!(failure instanceof IOException)) {
                log.warn("unexpected error on a connection", cause);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (current()) {
                inbound.inputEnded(NetError.OK); // closed under us: held like an EOF (unless an error is held)
            }
        }
    }
}
