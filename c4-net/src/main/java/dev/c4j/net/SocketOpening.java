package dev.c4j.net;

import dev.c4j.api.Endpoint;
import dev.c4j.api.EndpointChoice;
import dev.c4j.api.NetError;
import dev.c4j.api.NetOp;
import io.netty.channel.Channel;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The opening of a listening or a connecting socket (spec sections 2, 3, 4): resolve, let the listener choose an
 * endpoint, create the socket, register it on the loop and bind it ({@link NetOp#LISTEN}) or connect it
 * ({@link NetOp#CONNECT}). The owner keeps its state and hears each step; once {@link #cancel cancelled} nothing of
 * a pending lookup reaches it any more. Loop thread only.
 *
 * @param <C> the owner's kind of channel
 */
final class SocketOpening<C extends Channel> implements EndpointLookup.Steps {

    /** The socket's owner: its side of each step. */
    interface Owner<C extends Channel> {
        /** The name resolved: the owner offers the endpoints to its listener, {@code choice} continues. */
        void offerEndpoints(List<Endpoint> endpoints, EndpointChoice choice);

        /** A new socket for {@code address}, set up but not registered; a RuntimeException fails the opening. */
        C newSocket(InetSocketAddress address);

        /** The socket was created and is being registered and bound or connected. */
        void opening(C ch);

        /** The bind or connect of {@code ch} succeeded ({@code failure} null) or failed. */
        void opened(C ch, Throwable failure);

        /** The opening failed before a socket was under way: on resolve, or making the socket. */
        void openFailed(NetError error, NetOp op);
    }

    private final NettyDriverNetwork network;
    private final NetOp op;
    private final Owner<C> owner;
    private EndpointLookup lookup; // resolving or waiting for the choice, else null

    /** {@code op}: LISTEN binds the chosen endpoint, CONNECT connects to it. */
    SocketOpening(NettyDriverNetwork network, NetOp op, Owner<C> owner) {
        this.network = network;
        this.op = op;
        this.owner = owner;
    }

    /** Starts resolving {@code host}; for a port given by name {@code port} is {@link Resolver#NAMED}. */
    void start(String host, String service, int port) {
        lookup = EndpointLookup.start(network.resolver(), network.loop(), host, service, port, this);
    }

    /** Fails on a later turn with {@code error} on "resolve", without resolving anything. */
    void refuse(NetError error) {
        lookup = EndpointLookup.failed(network.loop(), this, error);
    }

    /** Closed while resolving or choosing: returns the operation that the close cancels (spec 2.4, 3.7). */
    NetOp cancel() {
        NetOp cancelled = lookup.cancelledOp(op);
        lookup.cancel();
        lookup = null;
        return cancelled;
    }

    /** The owner is going away: whatever is pending of the lookup is dropped. */
    void abandon() {
        if (lookup != null) {
            lookup.cancel();
            lookup = null;
        }
    }

    @Override
    public void resolved(EndpointLookup from, List<InetSocketAddress> addresses) {
        if (from == lookup) {
            owner.offerEndpoints(Resolver.endpoints(addresses), from);
        }
    }

    @Override
    public void resolveFailed(EndpointLookup from, NetError error) {
        if (from != lookup) {
            return;
        }
        lookup = null;
        owner.openFailed(error, NetOp.RESOLVE);
    }

    /** Opens on the chosen endpoint only (no fallback to the others: the driver chose). */
    @Override
    public void chosen(EndpointLookup from, InetSocketAddress address) {
        if (from != lookup) {
            return;
        }
        lookup = null;
        C ch;
        try {
            ch = owner.newSocket(address);
        } catch (RuntimeException e) { // no socket of that family on this host, an option the OS refused, bad TLS
            owner.openFailed(NetErrors.of(e), op);
            return;
        }
        owner.opening(ch);
        if (op == NetOp.LISTEN) {
            LoopBinder.bindLater(network.loop(), ch, address, failure -> owner.opened(ch, failure));
        } else {
            LoopBinder.connectLater(network.loop(), ch, address, failure -> owner.opened(ch, failure));
        }
    }
}
