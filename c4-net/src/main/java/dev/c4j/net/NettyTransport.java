package dev.c4j.net;

import io.netty.channel.IoHandlerFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.channels.spi.SelectorProvider;

/** The Netty transports c4j runs on: native epoll where it loads, NIO everywhere else. */
public enum NettyTransport {

    EPOLL {
        @Override
        IoHandlerFactory ioHandlerFactory() {
            return EpollIoHandler.newFactory();
        }

        @Override
        SocketChannel newSocket(InetAddress peer) {
            return new EpollSocketChannel(familyOf(peer));
        }

        @Override
        ServerSocketChannel newServerSocket(InetAddress local) {
            return new EpollServerSocketChannel(familyOf(local));
        }

        @Override
        DatagramChannel newDatagramSocket(InetAddress local) {
            return new EpollDatagramChannel(familyOf(local));
        }
    },

    NIO {
        @Override
        IoHandlerFactory ioHandlerFactory() {
            return NioIoHandler.newFactory();
        }

        @Override
        SocketChannel newSocket(InetAddress peer) {
            return new NioSocketChannel(SelectorProvider.provider(), familyOf(peer));
        }

        @Override
        ServerSocketChannel newServerSocket(InetAddress local) {
            return new NioServerSocketChannel(SelectorProvider.provider(), familyOf(local));
        }

        @Override
        DatagramChannel newDatagramSocket(InetAddress local) {
            return new NioDatagramChannel(SelectorProvider.provider(), familyOf(local));
        }
    };

    /** Epoll when its native library loads on this host, else NIO. */
    public static NettyTransport best() {
        return Epoll.isAvailable() ? EPOLL : NIO;
    }

    abstract IoHandlerFactory ioHandlerFactory();

    /** An unregistered socket of the address's own family (an IPv4 peer gets a plain IPv4 socket). */
    abstract SocketChannel newSocket(InetAddress peer);

    abstract ServerSocketChannel newServerSocket(InetAddress local);

    abstract DatagramChannel newDatagramSocket(InetAddress local);

    private static SocketProtocolFamily familyOf(InetAddress address) {
        return address instanceof Inet6Address ? SocketProtocolFamily.INET6 : SocketProtocolFamily.INET;
    }
}
