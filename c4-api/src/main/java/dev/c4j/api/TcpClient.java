package dev.c4j.api;

import java.nio.ByteBuffer;
import java.util.List;

/**
 * A TCP connection of a driver: made by {@code C4:CreateTCPClient()} or accepted by a {@link TcpServer}; one
 * type for both (spec section 3). All methods are called on the driver's loop; all listener methods run
 * there, never inside the call that caused them.
 */
public interface TcpClient {

    /** What a connection reports, in the orders of spec section 3.8. */
    interface Listener {
        /** The name resolved; the connect waits until {@code choice} is used (spec section 4). */
        void resolved(List<Endpoint> endpoints, EndpointChoice choice);

        /** An outbound connect succeeded. */
        void connected();

        /**
         * The outstanding read request is satisfied. {@code data} holds the delivered bytes, valid during the
         * call only; {@code replacement} is a matcher's replacement value, else null.
         */
        void received(ByteBuffer data, Object replacement);

        /** Everything queued has been handed to the OS. */
        void written();

        /** The connection ended; {@code error} is {@link NetError#OK} for a graceful end. At most once. */
        void disconnected(NetError error);

        /** {@code op} is RESOLVE, CONNECT, READ or WRITE. */
        void failed(NetError error, NetOp op);
    }

    void setListener(Listener listener);

    /**
     * Starts resolve, choice, connect. False (Lua: nil) for a port out of 1..65535, or while connecting,
     * connected or closing. Allowed again once a previous connection fully ended.
     */
    boolean connect(String host, String service);

    /** Copies the bytes into the outgoing queue. False when not connected. Empty data: true, nothing sent. */
    boolean write(ByteBuffer data);

    /** Issues a read request, replacing any outstanding one. False when called from inside a matcher. */
    boolean read(ReadRequest request);

    /**
     * Ends the connection by state (spec section 3.7); with {@code flush} the queued bytes go out first.
     * Inside a matcher it takes effect after the matcher returns.
     */
    void close(boolean flush);

    /** Valid from connect/accept on; the last known value after a disconnect; null before. */
    Endpoint localAddress();

    Endpoint remoteAddress();

    /** Sets an option now or, before connecting, when the socket is created. False for a server-only option. */
    boolean option(TcpOption option, boolean on, int seconds);

    /** True while a connect, read, write or flushing close is pending: the Lua object must stay alive. */
    boolean isPending();

    /** Closes without any callback: the Lua object was collected, or the driver is going away. */
    void abandon();
}
