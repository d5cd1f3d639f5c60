package dev.c4j.api;

/** Makes the sockets of one driver; all of them live on the driver's loop. */
public interface DriverNetwork {

    TcpServer newServer();

    TcpClient newClient();

    /** A client whose connections are TLS over TCP: {@code connected} is reported once the handshake succeeded. */
    TcpClient newClient(TlsSettings tls);

    UdpSocket newUdpSocket();

    /** Closes every socket of the driver silently (teardown). */
    void abandonAll();
}
