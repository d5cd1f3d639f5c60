package dev.c4j.net;

import dev.c4j.api.DriverLoop;
import dev.c4j.api.EndpointChoice;
import dev.c4j.api.NetError;
import dev.c4j.api.NetOp;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * The resolve-and-choose step of one listen or connect (spec section 4): resolves off the loop, tells its owner,
 * then waits for the choice. Once {@link #cancel cancelled} nothing of it reaches the owner any more.
 */
final class EndpointLookup implements EndpointChoice {

    /** The owner's side; every method runs on the loop, on a turn of its own. */
    interface Steps {
        /** Resolution succeeded; the owner hands {@code lookup} as the choice to its listener. */
        void resolved(EndpointLookup lookup, List<InetSocketAddress> addresses);

        /** Resolution failed, or the choice cancelled it (EINVAL). */
        void resolveFailed(EndpointLookup lookup, NetError error);

        void chosen(EndpointLookup lookup, InetSocketAddress address);
    }

    private final DriverLoop loop;
    private final Steps owner;
    private List<InetSocketAddress> addresses; // set once resolved
    private boolean choiceOpen;
    private boolean endpointChosen; // an endpoint was picked; the owner hears of it on a later turn
    private boolean cancelled;

    private EndpointLookup(DriverLoop loop, Steps owner) {
        this.loop = loop;
        this.owner = owner;
    }

    /** A lookup that fails with {@code error} on a later turn, without resolving anything. */
    static EndpointLookup failed(DriverLoop loop, Steps owner, NetError error) {
        EndpointLookup lookup = new EndpointLookup(loop, owner);
        loop.execute(() -> {
            if (!lookup.cancelled) {
                lookup.cancelled = true;
                owner.resolveFailed(lookup, error);
            }
        });
        return lookup;
    }

    static EndpointLookup start(Resolver resolver, DriverLoop loop, String host, String service, int port,
                                Steps owner) {
        EndpointLookup lookup = new EndpointLookup(loop, owner);
        resolver.resolve(loop, host, service, port, new Resolver.Callback() {
            @Override
            public void resolved(List<InetSocketAddress> found) {
                if (lookup.cancelled) {
                    return;
                }
                if (found.isEmpty()) {
                    lookup.cancelled = true;
                    owner.resolveFailed(lookup, NetError.of(NetError.HOST_NOT_FOUND));
                    return;
                }
                lookup.addresses = found;
                lookup.choiceOpen = true;
                owner.resolved(lookup, found);
            }

            @Override
            public void failed(NetError error) {
                if (!lookup.cancelled) {
                    lookup.cancelled = true;
                    owner.resolveFailed(lookup, error);
                }
            }
        });
        return lookup;
    }

    /** Any thread; off the loop (e.g. a Cleaner that found the Lua {@code choose} collected) it goes to the loop. */
    @Override
    public void choose(int oneBasedIndex) {
        if (!loop.inLoop()) {
            loop.execute(() -> choose(oneBasedIndex));
            return;
        }
        if (!choiceOpen || cancelled) {
            return;
        }
        choiceOpen = false;
        if (oneBasedIndex >= 1 && oneBasedIndex <= addresses.size()) {
            InetSocketAddress address = addresses.get(oneBasedIndex - 1);
            endpointChosen = true;
            loop.execute(() -> {
                if (!cancelled) {
                    cancelled = true; // done: nothing more of this lookup reaches the owner
                    owner.chosen(this, address);
                }
            });
        } else {
            loop.execute(() -> {
                if (!cancelled) {
                    cancelled = true;
                    owner.resolveFailed(this, NetError.of(NetError.EINVAL));
                }
            });
        }
    }

    @Override
    public void chooseDefault() {
        choose(1);
    }

    @Override
    public boolean isOpen() {
        return choiceOpen && !cancelled;
    }

    /**
     * The operation that a close now cancels: {@code next} (listen or connect) once an endpoint was chosen, even
     * though the owner hears of the choice only on a later turn (spec 2.4, 3.7); else the resolve.
     */
    NetOp cancelledOp(NetOp next) {
        return endpointChosen ? next : NetOp.RESOLVE;
    }

    /** The operation was closed: later choices, and results still under way, are ignored. */
    void cancel() {
        cancelled = true;
        choiceOpen = false;
    }
}
