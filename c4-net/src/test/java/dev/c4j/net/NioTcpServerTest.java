package dev.c4j.net;

/** The server tests on the NIO transport. */
class NioTcpServerTest extends TcpServerTest {
    @Override
    NettyTransport transport() {
        return NettyTransport.NIO;
    }
}
