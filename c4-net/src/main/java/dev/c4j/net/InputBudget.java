package dev.c4j.net;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * The bytes that a driver's connections have received and not yet delivered, held to
 * {@link dev.c4j.api.DriverLimits#bufferedInput} so that peers cannot make a driver grow without end. Loop thread
 * only.
 *
 * <p>A connection reads from its socket only while the driver is under its budget; read-ahead (no request
 * outstanding) only while under half of it, which keeps room for requests. A connection that must wait pauses
 * reading, and TCP flow control pushes back on its peer. When a connection with a request outstanding must wait,
 * the connection holding the most bytes for an unsatisfied request is refused (ENOBUFS on "read", its bytes
 * dropped) instead, so that a hog cannot starve the others. The budget may be passed by one socket read (64 KiB)
 * per connection reading at that moment.
 */
final class InputBudget {

    /** A connection whose buffered input counts against the budget. */
    interface Holder {
        /** Bytes it holds for a request that they do not satisfy, or 0 (no request, or none held). */
        int unsatisfiedBytes();

        /** Fails its request with ENOBUFS and drops its buffered bytes. */
        void refuse();

        /** There may be room again: read if it wants to. */
        void roomMade();
    }

    private final long limit; // 0: none
    private long used;
    /** Every connection of the driver, held weakly: searched only when one must be refused. */
    private final Set<Holder> holders = Collections.newSetFromMap(new WeakHashMap<>());
    private final Set<Holder> waiting = new LinkedHashSet<>();

    InputBudget(long limit) {
        this.limit = limit;
    }

    /** Whether {@code holder} may read now; when not, it is woken by {@link Holder#roomMade} once there is room. */
    boolean mayRead(Holder holder, boolean forRequest) {
        if (hasRoom(forRequest)) {
            return true;
        }
        if (forRequest) {
            refuseLargest();
            if (hasRoom(true)) {
                return true;
            }
        }
        waiting.add(holder);
        return false;
    }

    /** A new connection of the driver. */
    void join(Holder holder) {
        holders.add(holder);
    }

    /** A connection's buffered bytes changed by {@code delta}. The hot path: no more than arithmetic. */
    void changed(long delta) {
        used += delta;
        if (delta < 0 && !waiting.isEmpty() && hasRoom(true)) {
            wakeWaiting(); // each checks again for what it wants to read for
        }
    }

    /** The holder is gone: it waits for nothing any more. */
    void forget(Holder holder) {
        waiting.remove(holder);
        holders.remove(holder);
    }

    private boolean hasRoom(boolean forRequest) {
        return limit == 0 || used < (forRequest ? limit : limit / 2);
    }

    private void refuseLargest() {
        Holder largest = null;
        int most = 0;
        for (Holder holder : holders) {
            int bytes = holder.unsatisfiedBytes();
            if (bytes > most) {
                most = bytes;
                largest = holder;
            }
        }
        if (largest != null) {
            largest.refuse();
        }
    }

    private void wakeWaiting() {
        List<Holder> woken = new ArrayList<>(waiting);
        waiting.clear();
        for (Holder holder : woken) {
            holder.roomMade();
        }
    }
}
