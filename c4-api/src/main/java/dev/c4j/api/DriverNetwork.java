package dev.c4j.api;

import dev.c4j.api.http.HttpTransfers;

/** Makes the sockets of one driver; all of them live on the driver's loop. */
public interface DriverNetwork {

    TcpServer newServer();

    TcpClient newClient();

    /** A client whose connections are TLS over TCP: {@code connected} is reported once the handshake succeeded. */
    TcpClient newClient(TlsSettings tls);

    UdpSocket newUdpSocket();

    /** The driver's HTTP client (host spec section 5). */
    HttpTransfers http();

    /** Closes every socket of the driver silently and cancels its HTTP transfers (teardown). */
    void abandonAll();
}
