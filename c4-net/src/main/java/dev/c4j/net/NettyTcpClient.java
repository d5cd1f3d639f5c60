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
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.ByteToMessageDecoder;
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
 * A driver's TCP connection, outbound or accepted: one class for both (spec section 3).
 *
 * <p>Reading is on demand: auto-read is off and the socket is read while a request is outstanding, or while the
 * receive buffer holds less than {@link #READ_AHEAD} bytes, so TCP flow control pushes back on a peer that sends
 * more than the driver asks for; and only while the driver's {@link InputBudget} has room. EOF and errors are held
 * behind buffered bytes until a request needs them. The receive buffer is freed as soon as its bytes are delivered,
 * refused (ENOBUFS) or the connection ends, never left for Lua's collector.
 *
 * <p>With {@link TlsSettings} the connection is TLS over TCP: an {@link SslHandler} sits in front of the pipeline and
 * the connect succeeds once its handshake has; reads and writes carry the plain bytes.
 *
 * <p>Listener calls: those caused by socket events are made directly (the hot path has no extra hop); those
 * caused by an API call are posted to a later turn of the loop, so no listener call ever happens inside the call
 * that caused it.
 */
final class NettyTcpClient implements TcpClient, EndpointLookup.Steps, Abandonable, InputBudget.Holder {

    private static final Logger log = LoggerFactory.getLogger(NettyTcpClient.class);

    private static final ByteBuffer EMPTY_VIEW = ByteBuffer.allocateDirect(0).asReadOnlyBuffer();

    /** With no request outstanding the socket is read only until the buffer holds this much. */
    static final int READ_AHEAD = 64 * 1024;

    /**
     * Writes are copied into batches of this size, each handed to the channel as one message with one promise:
     * a line-by-line driver pays the pipeline, the outbound entry and the promise per batch, not per Write.
     */
    static final int WRITE_BATCH = 4096;

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
    private final InputBudget budget;
    private Listener listener = NO_LISTENER;
    private State state;
    private boolean abandoned;
    private EndpointLookup lookup;
    private Channel channel; // CONNECTING .. ENDING
    private Endpoint localAddress;
    private Endpoint remoteAddress;

    // options to apply to the next socket (null: the transport's default)
    private Boolean keepAlive;
    private Boolean noDelay;
    private Integer lingerSeconds;

    // receiving
    private ByteBuf inbound; // read from the socket, not delivered yet; null when empty
    private ReadRequest request; // the outstanding request, or null
    private RequestScan scan; // its search state (null for a matcher)
    private boolean servePosted;
    private boolean serving; // inside serveAll: a request issued now is served by its loop, after the callback
    private boolean serveAgain;
    private NetError heldEnd; // EOF (OK) or a read error, not reported yet
    private boolean inMatcher;
    private Boolean closeAfterMatch; // close(flush) called inside a matcher
    private boolean inReadBurst; // inside channelRead .. channelReadComplete: writes are flushed at its end
    private ByteBuffer readView; // read-only view of the memory inbound lives in (see view)
    private long readViewAddress;
    private int accounted; // bytes of inbound counted in the budget
    private boolean deliveringAtEof; // inside the last OnRead after the peer's FIN: writes still go out

    // sending
    private int unsent; // writes not yet handed to the OS
    private ByteBuf batch; // writes not yet handed to the channel, or null
    private int batched; // how many writes the batch holds
    private boolean flushPending;
    private boolean flushPosted;
    private boolean flushingClose;
    private NetError flushError;

    private final Runnable readOp = this::readFromSocket;
    private final Runnable flushOp = this::flushNow;
    private final Runnable flushTask = this::flushTurn;
    private final Runnable serveTask = this::serveTurn;

    /** A fresh client, not connected; with {@code tls} (else null) its connections are TLS. */
    NettyTcpClient(NettyDriverNetwork network, TlsSettings tls) {
        this.network = network;
        this.loop = network.loop();
        this.tls = tls;
        this.budget = network.inputBudget();
        this.state = State.FRESH;
        budget.join(this);
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
        ensureReading();
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
        heldEnd = null;
        flushError = null;
        unsent = 0;
        tlsPeerHost = host;
        AddressMap.Target target = network.destinations().route(host, service, port);
        if (target == null) {
            // Refused before any lookup: the driver sees what an unreachable destination gives on a controller.
            lookup = EndpointLookup.failed(loop, this, Destinations.refusal(host));
            return true;
        }
        String targetService = target.port() == Resolver.NAMED ? service : Integer.toString(target.port());
        lookup = EndpointLookup.start(network.resolver(), loop, target.host(), targetService, target.port(), this);
        return true;
    }

    @Override
    public void resolved(EndpointLookup from, List<InetSocketAddress> addresses) {
        if (from != lookup || abandoned) {
            return;
        }
        ListenerCalls.call("client resolved()", () -> listener.resolved(Resolver.endpoints(addresses), from));
    }

    @Override
    public void resolveFailed(EndpointLookup from, NetError error) {
        if (from != lookup) {
            return;
        }
        lookup = null;
        ended();
        fireFailed(error, NetOp.RESOLVE);
    }

    /** Connects to the chosen endpoint only (no fallback to the others: the driver chose). */
    @Override
    public void chosen(EndpointLookup from, InetSocketAddress address) {
        if (from != lookup) {
            return;
        }
        lookup = null;
        state = State.CONNECTING;
        Channel ch;
        try {
            ch = network.transport().newSocket(address.getAddress());
            attach(ch);
            if (tls != null) {
                ch.pipeline().addFirst(TlsContexts.clientHandler(tls, ch.alloc(), tlsPeerHost, address.getPort()));
            }
        } catch (RuntimeException e) { // no socket of that family on this host, an option the OS refused, bad TLS
            ended();
            fireFailed(NetErrors.of(e), NetOp.CONNECT);
            return;
        }
        loop.io(() -> loop.eventLoop().register(ch).addListener(registered -> {
            if (!registered.isSuccess()) {
                connectDone(ch, registered.cause());
                return;
            }
            ch.connect(address).addListener(connected -> connectDone(ch, connected.cause()));
        }));
    }

    private void connectDone(Channel ch, Throwable failure) {
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
            handshaking.handshakeFuture().addListener(handshake -> connectDone(ch, handshake.cause()));
            return;
        }
        state = State.CONNECTED;
        localAddress = Resolver.endpoint(ch.localAddress());
        remoteAddress = Resolver.endpoint(ch.remoteAddress());
        if (!abandoned) {
            ListenerCalls.call("client connected()", listener::connected);
        }
        ensureReading(); // a request issued while connecting waits for bytes like any other
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
        inReadBurst = false;
        flushPending = false;
        flushingClose = false;
    }

    // ---------------------------------------------------------------------------------------------- reading

    /**
     * False inside a matcher, and when there is no connection to read from (fresh, closing, ended). A request made
     * while resolving or connecting is kept and served once connected. [choice beyond the spec]
     */
    @Override
    public boolean read(ReadRequest newRequest) {
        if (inMatcher || abandoned || deliveringAtEof || state == State.FRESH || state == State.ENDING
                || state == State.ENDED) {
            return false;
        }
        request = newRequest;
        if (newRequest instanceof ReadRequest.Matching) {
            scan = null;
        } else if (scan != null && scan.isFor(newRequest)) {
            scan.restart(); // the same request again (line after line): no new scan, no delimiter copy
        } else {
            scan = RequestScan.of(newRequest);
        }
        if (state == State.CONNECTED) {
            if (serving) {
                serveAgain = true; // served once the callback that issued it has returned
            } else if (size() > 0 || heldEnd != null) {
                postServe(); // even a satisfiable request completes on a later turn
            } else {
                ensureReading();
            }
        }
        return true;
    }

    private void postServe() {
        if (!servePosted) {
            servePosted = true;
            loop.execute(serveTask);
        }
    }

    private void serveTurn() {
        servePosted = false;
        serveAll();
        ensureReading();
    }

    /**
     * Serves the outstanding request, then each request the callbacks issue, while the buffer satisfies them.
     * The hot path: a driver that reads line by line (OnRead issues the next ReadUntil) gets every buffered line
     * in this one pass, each callback after the previous one returned (never inside the Read* call: spec G3),
     * and its writes go out with one flush at the end of the read burst.
     */
    private void serveAll() {
        serving = true;
        try {
            boolean newBytes = true;
            do {
                serveAgain = false;
                serve(newBytes);
                newBytes = true; // each new request: a matcher is consulted on the buffer as it is
            } while (serveAgain && request != null && state == State.CONNECTED && !abandoned);
        } finally {
            serving = false;
        }
    }

    /**
     * Serves the outstanding request from the buffer, or reports the held end behind it. {@code newBytes}: the
     * buffer changed since the matcher last saw it (a matcher is only consulted then).
     */
    private void serve(boolean newBytes) {
        ReadRequest current = request;
        if (current == null || state != State.CONNECTED) {
            return;
        }
        if (current instanceof ReadRequest.Matching matching) {
            serveMatcher(matching, newBytes);
            return;
        }
        int take = scan.satisfied(inbound);
        if (take != RequestScan.NOT_YET) {
            request = null;
            deliver(take, null);
        } else if (heldEnd != null) {
            endFromReadPath();
        } else if (scan.limited() && size() > ReadRequest.MAX_UNTIL_BUFFER) {
            overflow();
        }
    }

    private void serveMatcher(ReadRequest.Matching matching, boolean newBytes) {
        if (newBytes && size() > 0) {
            ReadRequest.Match match;
            inMatcher = true;
            try {
                match = matching.matcher().match(inbound.nioBuffer().asReadOnlyBuffer());
            } catch (RuntimeException e) {
                log.warn("read matcher failed; taken as not yet", e);
                match = null;
            } finally {
                inMatcher = false;
            }
            if (closeAfterMatch != null) {
                // close() inside the matcher takes effect now; the match result is dropped with the abandoned read
                boolean flush = closeAfterMatch;
                closeAfterMatch = null;
                close(flush);
                return;
            }
            if (request != matching || state != State.CONNECTED || abandoned) {
                return;
            }
            if (match == null) {
                match = ReadRequest.Match.NOT_YET;
            }
            int size = size();
            int consume = match.consume();
            if (match.done()) {
                request = null;
                deliver(consume == ReadRequest.Match.ALL_OR_NOTHING ? size : Math.max(0, Math.min(consume, size)),
                        match.replacement());
                return;
            }
            if (consume > 0) {
                inbound.skipBytes(Math.min(consume, size));
                compact();
            }
        }
        if (heldEnd != null) {
            endFromReadPath();
        } else if (size() > ReadRequest.MAX_UNTIL_BUFFER) {
            overflow();
        }
    }

    /**
     * A delimiter or matcher read found nothing within {@link ReadRequest#MAX_UNTIL_BUFFER} bytes: ENOBUFS, the
     * request ends and the bytes it buffered are dropped (their memory freed at once: a peer must not be able to
     * park megabytes in a driver); the connection stays open and reads on.
     */
    private void overflow() {
        request = null;
        releaseInbound();
        fireFailed(NetError.of(NetError.ENOBUFS), NetOp.READ);
    }

    // ---------------------------------------------------------------------------------------------- the budget

    @Override
    public int unsatisfiedBytes() {
        return request != null && state == State.CONNECTED ? size() : 0;
    }

    /** The driver's budget is full and this connection holds the most: as {@link #overflow}, reported later. */
    @Override
    public void refuse() {
        request = null;
        releaseInbound();
        loop.execute(() -> {
            if (state == State.CONNECTED) {
                fireFailed(NetError.of(NetError.ENOBUFS), NetOp.READ);
            }
        });
    }

    @Override
    public void roomMade() {
        ensureReading();
    }

    /** Brings the budget up to date with what the receive buffer holds now. */
    private void account() {
        int size = size();
        if (size != accounted) {
            int delta = size - accounted;
            accounted = size;
            budget.changed(delta);
        }
    }

    /** Hands the first {@code length} buffered bytes to the listener; the view is valid during the call only. */
    private void deliver(int length, Object replacement) {
        if (length == 0) {
            fireRead(EMPTY_VIEW, replacement);
            compact();
            return;
        }
        ByteBuf held = inbound.retain(); // alive during the call even if the listener closes (releasing inbound)
        try {
            ByteBuffer data = view(held, held.readerIndex(), length);
            held.skipBytes(length);
            fireRead(data, replacement);
        } finally {
            held.release();
        }
        compact(); // only now: compacting moves bytes the view still shows
    }

    /**
     * A read-only view of {@code length} bytes of {@code buffer} at {@code index}. The hot path delivers many
     * chunks from one receive buffer: one view of its memory, reused while the buffer stays at that address,
     * costs less than two new NIO buffers per chunk.
     */
    private ByteBuffer view(ByteBuf buffer, int index, int length) {
        if (!buffer.hasMemoryAddress()) {
            return buffer.nioBuffer(index, length).asReadOnlyBuffer();
        }
        long address = buffer.memoryAddress();
        if (readView == null || address != readViewAddress || readView.capacity() != buffer.capacity()) {
            readView = buffer.nioBuffer(0, buffer.capacity()).asReadOnlyBuffer();
            readViewAddress = address;
        }
        readView.clear().position(index).limit(index + length);
        return readView;
    }

    /**
     * The peer closed (EOF) or the connection failed, with a request outstanding that the buffer cannot satisfy:
     * EOF delivers what is buffered as a partial read then disconnects with OK; an error reports itself on "read"
     * then disconnects with its code, dropping the buffered bytes (spec 3.6).
     */
    private void endFromReadPath() {
        NetError end = heldEnd;
        if (end.isSuccess()) {
            endAtEof();
            return;
        }
        state = State.ENDING;
        request = null;
        releaseInbound();
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
        request = null;
        if (size() > 0) {
            ByteBuf partial = inbound.retainedSlice();
            releaseInbound();
            deliveringAtEof = true;
            try {
                fireRead(partial.nioBuffer().asReadOnlyBuffer(), null);
            } finally {
                deliveringAtEof = false;
                partial.release();
            }
            if (state != State.CONNECTED) {
                return; // the driver closed it in that callback: its close reports the end
            }
        }
        state = State.ENDING;
        releaseInbound();
        if (batch != null) {
            sendBatch();
        }
        Channel ch = channel;
        loop.io(() -> ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed -> ch.close()));
        ended();
        fireDisconnected(NetError.OK);
    }

    private void inputEnded(NetError end) {
        if (heldEnd == null) {
            heldEnd = end;
        }
        if (request != null && !servePosted) {
            serve(false);
        }
    }

    private void ensureReading() {
        if (state == State.CONNECTED && heldEnd == null && !abandoned && (request != null || size() < READ_AHEAD)
                && budget.mayRead(this, request != null)) {
            loop.io(readOp);
        }
    }

    private void readFromSocket() {
        Channel ch = channel;
        if (ch != null && ch.isActive()) {
            ch.read();
        }
    }

    private int size() {
        return inbound == null ? 0 : inbound.readableBytes();
    }

    private void compact() {
        if (inbound != null) {
            if (!inbound.isReadable()) {
                releaseInbound();
            } else {
                inbound.discardSomeReadBytes();
                account();
            }
        }
    }

    private void releaseInbound() {
        if (inbound != null) {
            inbound.release();
            inbound = null;
        }
        account();
    }

    // ---------------------------------------------------------------------------------------------- writing

    @Override
    public boolean write(ByteBuffer data) {
        if (abandoned || state != State.CONNECTED) {
            return false;
        }
        int length = data.remaining();
        if (length == 0) {
            return true;
        }
        Channel ch = channel;
        if (batch != null && batch.writableBytes() < length) {
            sendBatch();
        }
        if (batch == null) {
            batch = ch.alloc().directBuffer(Math.max(length, WRITE_BATCH));
        }
        int position = data.position();
        if (data.hasArray()) { // a plain array copy: cheaper than NIO's buffer-to-buffer put
            batch.writeBytes(data.array(), data.arrayOffset() + position, length);
        } else {
            batch.writeBytes(data);
            data.position(position); // the caller's buffer as it was, without a duplicate per write
        }
        batched++;
        unsent++;
        if (!ch.isOpen()) {
            sendBatch(); // the channel fails it at once, as it would an unbatched write
        }
        flushPending = true;
        if (!inReadBurst && !flushPosted) {
            flushPosted = true; // one flush per loop turn, however many writes
            loop.execute(flushTask);
        }
        return true;
    }

    private void flushTurn() {
        flushPosted = false;
        flush();
    }

    private void flush() {
        if (batch != null) {
            sendBatch();
        }
        loop.io(flushOp);
    }

    /** Hands the batch to the channel (unflushed), in order with the other socket work. */
    private void sendBatch() {
        ByteBuf sending = batch;
        int writes = batched;
        batch = null;
        batched = 0;
        Channel ch = channel;
        loop.io(() -> ch.write(sending).addListener(done -> batchDone((ChannelFuture) done, writes)));
    }

    private void dropBatch() {
        if (batch != null) {
            batch.release();
            batch = null;
            batched = 0;
        }
    }

    private void flushNow() {
        Channel ch = channel;
        if (flushPending && ch != null) {
            flushPending = false;
            ch.flush();
        }
    }

    private void batchDone(ChannelFuture future, int writes) {
        if (future.channel() != channel) {
            return; // an earlier connection
        }
        if (future.isSuccess()) {
            unsent -= writes;
            if (unsent == 0 && state == State.CONNECTED) {
                fireWritten();
            }
        } else {
            writeFailed(future.cause());
        }
    }

    private void writeFailed(Throwable cause) {
        if (state == State.ENDING) {
            // During a flushing close a failure is no "write" error of its own: disconnected() carries its code.
            if (flushingClose && flushError == null) {
                flushError = NetErrors.of(cause);
            }
            return;
        }
        if (state != State.CONNECTED) {
            return;
        }
        // A write after the connection broke on the read path fails with "closed": report what broke it.
        NetError error = cause instanceof ClosedChannelException && heldEnd != null && !heldEnd.isSuccess()
                ? heldEnd : NetErrors.of(cause);
        state = State.ENDING;
        request = null;
        releaseInbound();
        dropBatch();
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
        if (inMatcher) {
            closeAfterMatch = flush;
            return;
        }
        switch (state) {
            case FRESH, ENDING, ENDED -> {
            }
            case RESOLVING -> {
                NetOp op = lookup.cancelledOp(NetOp.CONNECT);
                lookup.cancel();
                lookup = null;
                cancelled(op);
            }
            case CONNECTING -> {
                cancelled(NetOp.CONNECT); // first: closing fails the connect promise at once
                closeChannel();
            }
            case CONNECTED -> {
                state = State.ENDING;
                request = null;
                releaseInbound();
                flushingClose = flush;
                if (flush && batch != null) {
                    sendBatch();
                } else {
                    dropBatch(); // never sent, as unflushed writes are not
                }
                Channel ch = channel;
                loop.io(() -> {
                    if (flush) {
                        ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(flushed -> {
                            if (!flushed.isSuccess() && flushError == null) {
                                flushError = NetErrors.of(flushed.cause());
                            }
                            closeAndReport(ch);
                        });
                    } else {
                        closeAndReport(ch);
                    }
                });
            }
        }
    }

    private void closeAndReport(Channel ch) {
        ch.close();
        loop.execute(() -> {
            NetError end = flushError != null ? flushError : NetError.OK;
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
        request = null;
        unsent = 0;
        dropBatch();
        flushingClose = false;
        releaseInbound();
        budget.forget(this);
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
        if (lookup != null) {
            lookup.cancel();
            lookup = null;
        }
        Channel ch = channel;
        if (ch != null && state == State.CONNECTED) {
            if (batch != null) {
                sendBatch();
            }
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
            case CONNECTED -> request != null || unsent > 0;
            case FRESH, ENDED -> false;
        };
    }

    /** Bytes received and not delivered yet (tests). */
    int bufferedBytes() {
        return size();
    }

    /** The current socket's value of {@code option}, or null without a socket (tests). */
    <T> T socketOption(ChannelOption<T> option) {
        Channel ch = channel;
        return ch == null ? null : ch.config().getOption(option);
    }

    // ---------------------------------------------------------------------------------------------- listener calls

    /** The hot path, per delivered read: written out rather than through {@link ListenerCalls} (no lambda). */
    private void fireRead(ByteBuffer data, Object replacement) {
        if (abandoned) {
            return;
        }
        try {
            listener.received(data, replacement);
        } catch (RuntimeException e) {
            log.warn("listener failed in client received()", e);
        }
    }

    private void fireWritten() {
        if (!abandoned) {
            ListenerCalls.call("client written()", listener::written);
        }
    }

    private void fireDisconnected(NetError error) {
        if (!abandoned) {
            ListenerCalls.call("client disconnected()", () -> listener.disconnected(error));
        }
    }

    private void fireFailed(NetError error, NetOp op) {
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
            inbound = inbound == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), inbound, in);
            account();
            inReadBurst = true;
            if (request != null && !servePosted) {
                serveAll();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            inReadBurst = false;
            if (current()) {
                if (flushPending) {
                    flush();
                }
                ensureReading();
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            if (event instanceof ChannelInputShutdownEvent) {
                if (current()) {
                    inputEnded(NetError.OK);
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
                inputEnded(NetErrors.of(failure));
            } else if (!(failure instanceof IOException)) {
                log.warn("unexpected error on a connection", cause);
            }
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (current()) {
                inputEnded(heldEnd != null ? heldEnd : NetError.OK); // closed under us: held like an EOF
            }
        }
    }
}
