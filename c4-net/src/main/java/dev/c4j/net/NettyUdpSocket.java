package dev.c4j.net;

import dev.c4j.api.AddressMap;
import dev.c4j.api.Endpoint;
import dev.c4j.api.NetError;
import dev.c4j.api.NetOp;
import dev.c4j.api.UdpSocket;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;

/**
 * A driver's UDP socket on its loop (Netty's datagram channel). Outgoing datagrams leave in call order: a
 * destination given by name holds the ones behind it until its lookup is done. Every listener call is posted to a
 * later turn.
 */
final class NettyUdpSocket implements UdpSocket, Abandonable {

    /** The largest UDP payload: a datagram is received whole or not at all. */
    private static final int MAX_DATAGRAM = 65_535;

    private static final Listener NO_LISTENER = new Listener() {
        @Override
        public void opened(Endpoint local) {
        }

        @Override
        public void received(ByteBuffer datagram, Endpoint sender) {
        }

        @Override
        public void failed(NetError error, NetOp op) {
        }
    };

    /** A datagram waiting to be sent. */
    private record Outgoing(String host, int port, ByteBuf data) {
    }

    private final NettyDriverNetwork network;
    private final NettyDriverLoop loop;
    private Listener listener = NO_LISTENER;
    private DatagramChannel channel; // from open until close
    private Endpoint localAddress;
    private boolean closed;
    private final Queue<Outgoing> outgoing = new ArrayDeque<>();
    private boolean lookingUp; // the head of outgoing waits for its name

    NettyUdpSocket(NettyDriverNetwork network) {
        this.network = network;
        this.loop = network.loop();
    }

    @Override
    public void setListener(Listener listener) {
        this.listener = listener != null ? listener : NO_LISTENER;
    }

    @Override
    public NetError open(String ip, int port) {
        InetAddress literal = NetUtil.createInetAddressFromIpAddressString(ip);
        if (closed || channel != null || literal == null || port < 0 || port > 65535) {
            return NetError.of(NetError.EINVAL);
        }
        DatagramChannel ch;
        try {
            ch = network.transport().newDatagramSocket(literal);
            ch.config().setOption(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(MAX_DATAGRAM));
            ch.pipeline().addLast(new Receiver(ch));
        } catch (RuntimeException e) {
            return NetErrors.of(e);
        }
        channel = ch;
        InetSocketAddress address = new InetSocketAddress(literal, port);
        NetError outcome = LoopBinder.bindNow(loop, ch, address, failure -> bindDone(ch, failure));
        if (outcome == null) {
            return NetError.OK; // the listener hears how it went
        }
        if (outcome.isSuccess()) {
            bindDone(ch, null);
        } else {
            channel = null;
        }
        return outcome;
    }

    private void bindDone(DatagramChannel ch, Throwable failure) {
        if (ch != channel) {
            ch.close();
            return;
        }
        if (failure != null) {
            ch.close();
            channel = null;
            post(() -> listener.failed(NetErrors.of(failure), NetOp.LISTEN));
            return;
        }
        localAddress = Resolver.endpoint(ch.localAddress());
        Endpoint local = localAddress;
        post(() -> listener.opened(local));
        sendQueued();
    }

    @Override
    public boolean send(String host, int port, ByteBuffer data) {
        if (closed || channel == null) {
            return false;
        }
        outgoing.add(new Outgoing(host, port, Unpooled.copiedBuffer(data.duplicate())));
        if (localAddress != null) {
            sendQueued();
        }
        return true;
    }

    /** Sends from the head of the queue until it is empty or a name must be looked up first. */
    private void sendQueued() {
        while (!lookingUp && !closed && !outgoing.isEmpty()) {
            Outgoing next = outgoing.peek();
            String service = Integer.toString(next.port());
            AddressMap.Target target = network.destinations().route(next.host(), service, next.port());
            if (target == null) {
                outgoing.remove().data().release();
                post(() -> listener.failed(Destinations.refusal(next.host()), NetOp.RESOLVE));
                continue;
            }
            List<InetAddress> literal = Resolver.isIpLiteral(target.host())
                    ? network.resolver().fixedAddresses(target.host()) : null;
            if (literal != null) {
                outgoing.remove();
                write(next.data(), new InetSocketAddress(literal.get(0), target.port()));
                continue;
            }
            lookingUp = true;
            network.resolver().resolve(loop, target.host(), Integer.toString(target.port()), target.port(),
                    new Resolver.Callback() {
                        @Override
                        public void resolved(List<InetSocketAddress> addresses) {
                            lookingUp = false;
                            if (!closed) {
                                write(outgoing.remove().data(), sameFamily(addresses));
                                sendQueued();
                            }
                        }

                        @Override
                        public void failed(NetError error) {
                            lookingUp = false;
                            if (!closed) {
                                outgoing.remove().data().release();
                                post(() -> listener.failed(error, NetOp.RESOLVE));
                                sendQueued();
                            }
                        }
                    });
        }
    }

    /** The first address of the socket's family (an IPv4 socket cannot reach an IPv6 peer), else the first. */
    private InetSocketAddress sameFamily(List<InetSocketAddress> addresses) {
        boolean ipv4 = ((InetSocketAddress) channel.localAddress()).getAddress() instanceof Inet4Address;
        for (InetSocketAddress address : addresses) {
            if ((address.getAddress() instanceof Inet4Address) == ipv4) {
                return address;
            }
        }
        return addresses.get(0);
    }

    private void write(ByteBuf data, InetSocketAddress recipient) {
        Channel ch = channel;
        loop.io(() -> ch.writeAndFlush(new DatagramPacket(data, recipient)).addListener(done -> {
            if (!done.isSuccess() && ch == channel) {
                post(() -> listener.failed(NetErrors.of(done.cause()), NetOp.WRITE));
            }
        }));
    }

    @Override
    public Endpoint localAddress() {
        return localAddress;
    }

    @Override
    public void close() {
        closed = true;
        Outgoing dropped;
        while ((dropped = outgoing.poll()) != null) {
            dropped.data().release();
        }
        Channel ch = channel;
        channel = null;
        if (ch != null) {
            loop.io(ch::close);
        }
    }

    @Override
    public Channel abandonOnLoop() {
        Channel ch = channel;
        close();
        return ch;
    }

    /** Calls the listener on a later turn, unless the socket was closed meanwhile. */
    private void post(Runnable call) {
        loop.execute(() -> {
            if (!closed) {
                ListenerCalls.call("udp socket listener", call);
            }
        });
    }

    /** Hands each datagram of one channel to the listener, whole, on the turn it arrived. */
    private final class Receiver extends SimpleChannelInboundHandler<DatagramPacket> {
        private final Channel ch;

        Receiver(Channel ch) {
            this.ch = ch;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
            if (ch != channel || closed) {
                return;
            }
            ByteBuffer datagram = packet.content().nioBuffer().asReadOnlyBuffer();
            Endpoint sender = Resolver.endpoint(packet.sender());
            ListenerCalls.call("udp socket received()", () -> listener.received(datagram, sender));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            // ICMP port unreachable and the like after a send: the datagram is lost, as UDP's are; nothing to report
        }
    }
}
