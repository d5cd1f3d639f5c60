package dev.c4j.net;

import dev.c4j.api.Endpoint;
import dev.c4j.api.EndpointChoice;
import dev.c4j.api.NetError;
import dev.c4j.api.NetOp;
import dev.c4j.api.TcpClient;
import dev.c4j.api.TcpOption;
import dev.c4j.api.TcpServer;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A driver's TCP server (spec section 2): resolve, choose, bind and listen, then accept onto the driver's loop. */
final class NettyTcpServer implements TcpServer, SocketOpening.Owner<ServerSocketChannel>, Abandonable {

    private static final Logger log = LoggerFactory.getLogger(NettyTcpServer.class);

    /** How long accepting pauses after an accept error (EMFILE would otherwise spin the loop), as Netty does. */
    private static final long ACCEPT_PAUSE_MILLIS = 1000;

    /** Used until a listener is set: takes the first endpoint, closes what it accepts. */
    private static final Listener NO_LISTENER = new Listener() {
        @Override
        public void resolved(List<Endpoint> endpoints, EndpointChoice choice) {
            choice.chooseDefault();
        }

        @Override
        public void listening(Endpoint endpoint) {
        }

        @Override
        public void accepted(TcpClient client) {
            client.abandon();
        }

        @Override
        public void failed(NetError error, NetOp op) {
        }
    };

    private enum State {
        IDLE,
        /** Resolving, or waiting for the endpoint choice. */
        RESOLVING,
        BINDING,
        LISTENING,
        /** Closed while pending; the ECANCELED report is posted and not delivered yet. */
        CANCELLING
    }

    private final NettyDriverNetwork network;
    private Listener listener = NO_LISTENER;
    private State state = State.IDLE;
    private boolean abandoned;
    private final SocketOpening<ServerSocketChannel> opening;
    private int backlog;
    private ServerSocketChannel channel; // BINDING, LISTENING
    private Endpoint localAddress;
    private boolean reuseAddress = true; // spec 2.5: on by default
    private int lingerSeconds = -1; // -1 = SO_LINGER off

    NettyTcpServer(NettyDriverNetwork network) {
        this.network = network;
        this.opening = new SocketOpening<>(network, NetOp.LISTEN, this);
    }

    @Override
    public void setListener(Listener listener) {
        this.listener = listener != null ? listener : NO_LISTENER;
    }

    @Override
    public boolean listen(String host, String service, int backlog) {
        int port = Resolver.numericPort(service);
        if (abandoned || state != State.IDLE || port == Resolver.INVALID) {
            return false;
        }
        this.backlog = Math.max(0, backlog); // 0 (or less) = the OS maximum, Netty's SOMAXCONN default
        state = State.RESOLVING;
        opening.start(host, service, port);
        return true;
    }

    @Override
    public void offerEndpoints(List<Endpoint> endpoints, EndpointChoice choice) {
        if (!abandoned) {
            ListenerCalls.call("server resolved()", () -> listener.resolved(endpoints, choice));
        }
    }

    @Override
    public void openFailed(NetError error, NetOp op) {
        state = State.IDLE;
        fireFailed(error, op);
    }

    @Override
    public void opening(ServerSocketChannel ch) {
        state = State.BINDING;
        channel = ch;
    }

    @Override
    public NetError listenNow(String ip, int port) {
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(ip);
        if (abandoned || state != State.IDLE || literal == null || port < 0 || port > 65535) {
            return NetError.of(NetError.EINVAL);
        }
        InetSocketAddress address = new InetSocketAddress(literal, port);
        ServerSocketChannel ch;
        try {
            ch = newSocket(address);
        } catch (RuntimeException e) {
            return NetErrors.of(e);
        }
        opening(ch);
        NetError outcome = LoopBinder.bindNow(network.loop(), ch, address, failure -> opened(ch, failure));
        if (outcome == null) {
            return NetError.OK; // the listener hears how it went
        }
        if (!outcome.isSuccess()) {
            channel = null;
            state = State.IDLE;
            return outcome;
        }
        state = State.LISTENING; // accepting from now on; the listener hears of it on a later turn
        localAddress = Resolver.endpoint(ch.localAddress());
        network.loop().execute(() -> {
            if (ch == channel && !abandoned) {
                ListenerCalls.call("server listening()", () -> listener.listening(localAddress));
            }
        });
        return NetError.OK;
    }

    /** An unbound listening socket with this server's options and its acceptor. */
    @Override
    public ServerSocketChannel newSocket(InetSocketAddress address) {
        ServerSocketChannel ch = network.transport().newServerSocket(address.getAddress());
        ch.config().setOption(ChannelOption.SO_REUSEADDR, reuseAddress);
        ch.config().setOption(ChannelOption.SO_LINGER, lingerSeconds);
        if (backlog > 0) {
            ch.config().setOption(ChannelOption.SO_BACKLOG, backlog);
        }
        ch.pipeline().addLast(new Acceptor(ch));
        return ch;
    }

    @Override
    public void opened(ServerSocketChannel ch, Throwable failure) {
        if (failure == null) {
            listening(ch);
        } else {
            bindFailed(ch, failure);
        }
    }

    private void listening(ServerSocketChannel ch) {
        if (ch != channel || state != State.BINDING) {
            ch.close();
            return;
        }
        state = State.LISTENING;
        localAddress = Resolver.endpoint(ch.localAddress());
        if (!abandoned) {
            ListenerCalls.call("server listening()", () -> listener.listening(localAddress));
        }
    }

    private void bindFailed(ServerSocketChannel ch, Throwable cause) {
        ch.close();
        if (ch != channel || state != State.BINDING) {
            return;
        }
        channel = null;
        state = State.IDLE;
        fireFailed(NetErrors.of(cause), NetOp.LISTEN);
    }

    @Override
    public void close() {
        switch (state) {
            case IDLE, CANCELLING -> {
            }
            case RESOLVING -> cancelled(opening.cancel());
            case BINDING -> {
                cancelled(NetOp.LISTEN); // first: closing fails the bind promise at once
                closeChannel();
            }
            case LISTENING -> {
                closeChannel(); // no callback (spec 2.4)
                state = State.IDLE;
            }
        }
    }

    /** A pending listen was closed: ECANCELED on a later turn; listening again is possible once reported. */
    private void cancelled(NetOp op) {
        state = State.CANCELLING;
        network.loop().execute(() -> {
            if (state == State.CANCELLING) {
                state = State.IDLE;
                fireFailed(NetError.of(NetError.ECANCELED), op);
            }
        });
    }

    private void closeChannel() {
        ServerSocketChannel ch = channel;
        channel = null;
        localAddress = null;
        if (ch != null) {
            network.loop().io(ch::close);
        }
    }

    @Override
    public Endpoint localAddress() {
        return localAddress;
    }

    @Override
    public boolean option(TcpOption option, boolean on, int seconds) {
        if (!option.forServers()) {
            return false;
        }
        if (option == TcpOption.REUSEADDR) {
            reuseAddress = on;
        } else {
            lingerSeconds = on ? Math.max(0, seconds) : -1;
        }
        ServerSocketChannel ch = channel;
        if (ch != null && state == State.LISTENING) {
            boolean reuse = reuseAddress;
            int linger = lingerSeconds;
            network.loop().io(() -> {
                ch.config().setOption(ChannelOption.SO_REUSEADDR, reuse);
                ch.config().setOption(ChannelOption.SO_LINGER, linger);
            });
        }
        return true;
    }

    @Override
    public boolean isPending() {
        return state == State.RESOLVING || state == State.BINDING;
    }

    @Override
    public void abandon() {
        if (network.loop().inLoop()) {
            abandonOnLoop();
        } else {
            // Typically a Cleaner thread after the Lua object was collected: the state is the loop's.
            network.loop().execute(this::abandonOnLoop);
        }
    }

    @Override
    public Channel abandonOnLoop() {
        abandoned = true;
        opening.abandon();
        Channel ch = channel;
        closeChannel();
        state = State.IDLE;
        return ch;
    }

    private void fireFailed(NetError error, NetOp op) {
        if (!abandoned) {
            ListenerCalls.call("server failed()", () -> listener.failed(error, op));
        }
    }

    /** The listening socket's handler: registers each accepted connection on this loop and hands it over in order. */
    private final class Acceptor extends ChannelInboundHandlerAdapter {
        private final ServerSocketChannel serverChannel;

        Acceptor(ServerSocketChannel serverChannel) {
            this.serverChannel = serverChannel;
        }

        private boolean current() {
            return serverChannel == channel && state == State.LISTENING && !abandoned;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            Channel child = (Channel) msg;
            if (!current()) {
                child.unsafe().closeForcibly();
                return;
            }
            NettyTcpClient client = network.adopt(child);
            Future<Void> registered = network.loop().eventLoop().register(child);
            registered.addListener(done -> {
                if (!done.isSuccess()) {
                    log.warn("could not register an accepted connection", done.cause());
                    child.unsafe().closeForcibly();
                    return;
                }
                client.start();
                if (current()) {
                    ListenerCalls.call("server accepted()", () -> listener.accepted(client));
                } else {
                    client.abandon();
                }
            });
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            NetError error = NetErrors.of(cause);
            if (!current() || error.code() == NetError.ECONNABORTED) {
                return; // a connection the peer gave up before we accepted it
            }
            // Pause accepting for a moment: with EMFILE the pending connection would wake the loop at once again.
            serverChannel.config().setAutoRead(false);
            network.loop().eventLoop().schedule(() -> {
                if (serverChannel.isOpen()) {
                    serverChannel.config().setAutoRead(true);
                }
            }, ACCEPT_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
            fireFailed(error, NetOp.ACCEPT);
        }
    }
}
