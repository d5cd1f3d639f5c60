package dev.c4j.api;

/** Makes the sockets of one driver; all of them live on the driver's loop. */
public interface DriverNetwork {

    TcpServer newServer();

    TcpClient newClient();

    /** Closes every socket of the driver silently (teardown). */
    void abandonAll();
}
