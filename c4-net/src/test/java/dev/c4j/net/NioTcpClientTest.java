package dev.c4j.net;

/** The client tests on the NIO transport (the fallback where epoll does not load); error codes come from messages. */
class NioTcpClientTest extends TcpClientTest {
    @Override
    NettyTransport transport() {
        return NettyTransport.NIO;
    }
}
