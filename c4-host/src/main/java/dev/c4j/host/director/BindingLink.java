package dev.c4j.host.director;

import java.nio.ByteBuffer;

/** The socket under one (network binding, port): a {@link StreamLink} (TCP, TLS) or a {@link DatagramLink} (UDP). */
interface BindingLink {

    /** What a link reports to its port, on the driver's loop. */
    interface Events {
        /** Connected, or (UDP) the socket is open. */
        void up();

        /** Bytes from {@code fromIp}, valid during the call only: a chunk as read, or (UDP) one whole datagram. */
        void received(ByteBuffer data, String fromIp);

        /** Could not connect (refused, unreachable, name not resolved, TLS) or open. */
        void failed();

        /** A link that was up ended: the peer closed, or an error. */
        void down();
    }

    /** Queues {@code data} (valid during the call only); a link that is not up drops it. */
    void send(ByteBuffer data);

    /** Closes at once, queued bytes dropped, without any further event. */
    void close();
}
