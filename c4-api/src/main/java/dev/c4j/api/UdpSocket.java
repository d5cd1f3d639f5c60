package dev.c4j.api;

import java.nio.ByteBuffer;

/**
 * A UDP socket of a driver: the datagram side of network bindings and of the legacy UDP server (host spec §4.4,
 * §6). All methods are called on the driver's loop; all listener methods run there, on a later turn, never inside
 * the call that caused them.
 */
public interface UdpSocket {

    /** What a socket reports. */
    interface Listener {
        /** The socket is bound to {@code local} (the real port when 0 was asked for). */
        void opened(Endpoint local);

        /** One whole datagram from {@code sender}; {@code datagram} is valid during the call only. */
        void received(ByteBuffer datagram, Endpoint sender);

        /**
         * {@code op} is LISTEN (a bind that had to wait for the loop failed; the socket stays closed), RESOLVE (a
         * destination was refused or not found) or WRITE (a datagram could not be sent); the last two drop that
         * datagram only.
         */
        void failed(NetError error, NetOp op);
    }

    void setListener(Listener listener);

    /**
     * Binds to {@code ip} (a literal; {@code 0.0.0.0} = every IPv4 interface) and {@code port} (0: the OS picks) and
     * returns the outcome at once, so that a caller can answer synchronously: {@link NetError#OK}, or why not (98
     * address in use, 13 permission, 22 a bad address, port or state). {@link Listener#opened} follows. Only a
     * call from a thread standing in for the loop (a LuaJ coroutine) binds on a later turn: it returns OK and a
     * failure comes as {@link Listener#failed} on LISTEN.
     */
    NetError open(String ip, int port);

    /**
     * Queues one datagram of {@code data} (copied) for {@code host:port}, sent in call order once the socket is
     * open; a host name is resolved first (off the loop). False when the socket is not opened or is closed.
     */
    boolean send(String host, int port, ByteBuffer data);

    /** The bound address, or null before. */
    Endpoint localAddress();

    /** Closes at once, without any callback; datagrams still queued are dropped. */
    void close();
}
