package dev.c4j.net;

/** The UDP tests on the NIO transport (the fallback where epoll does not load). */
class NioUdpSocketTest extends UdpSocketTest {
    @Override
    NettyTransport transport() {
        return NettyTransport.NIO;
    }
}
