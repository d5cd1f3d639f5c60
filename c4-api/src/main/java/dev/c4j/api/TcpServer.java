package dev.c4j.api;

import java.util.List;

/**
 * A TCP server of a driver ({@code C4:CreateTCPServer()}, spec section 2). All methods are called on the
 * driver's loop; all listener methods run there, never inside the call that caused them.
 */
public interface TcpServer {

    /** What a server reports. Exactly one of {@link #listening} / {@link #failed} ends a {@code listen}. */
    interface Listener {
        /**
         * The name resolved. The listen waits until {@code choice} is used (spec section 4); the listener
         * decides when, and may keep {@code choice} for later.
         */
        void resolved(List<Endpoint> endpoints, EndpointChoice choice);

        /** Listening on {@code endpoint}, the real bound address (the real port when the service was 0). */
        void listening(Endpoint endpoint);

        /** A new connection, already connected, with no listener and no read outstanding. */
        void accepted(TcpClient client);

        /** {@code op} is RESOLVE, LISTEN or ACCEPT. */
        void failed(NetError error, NetOp op);
    }

    void setListener(Listener listener);

    /**
     * Starts resolve, choice, bind and listen. {@code service} is a port number or a service name;
     * {@code backlog} 0 means the OS maximum. Returns false (Lua: nil) for a port out of 0..65535 or when a
     * listen is already pending or active; network failures are reported to the listener, never here.
     */
    boolean listen(String host, String service, int backlog);

    /**
     * Binds and listens on {@code ip} (a literal; {@code 0.0.0.0} = every IPv4 interface) and {@code port} (0: the
     * OS picks) before returning, for callers that must answer at once (the legacy {@code C4:CreateServer}, host
     * spec §6): {@link NetError#OK}, or why not (98 address in use, 13 permission, 22 a bad address, port or
     * state), with no callback. On success {@link Listener#listening} follows on a later turn, as for
     * {@link #listen}. Only a call from a thread standing in for the loop (a LuaJ coroutine) binds on a later
     * turn: it returns OK and a failure comes as {@link Listener#failed} on LISTEN.
     */
    NetError listenNow(String ip, int port);

    /** Cancels a pending listen (ECANCELED on "resolve" or "listen") or stops listening (no callback). */
    void close();

    /** The bound address once listening, else null. */
    Endpoint localAddress();

    /** Sets an option now or, before listening, when the socket is created. False for a client-only option. */
    boolean option(TcpOption option, boolean on, int seconds);

    /** True while a listen is pending (resolve, choice, bind): the Lua object must then stay alive. */
    boolean isPending();

    /** Closes without any callback: the Lua object was collected, or the driver is going away. */
    void abandon();
}
