package dev.c4j.net;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * {@code max_host_connections}: how many transfers run at once to one host and port; the others wait their turn,
 * in order (host spec 5.5). Loop only.
 */
final class HostSlots {

    /** A transfer waiting for its host's turn. */
    interface Waiter {
        void admitted();
    }

    private final Map<String, Set<Waiter>> running = new HashMap<>();
    private final Map<String, ArrayDeque<Waiter>> waiting = new HashMap<>();
    private int perHost;

    HostSlots(int perHost) {
        this.perHost = perHost;
    }

    int perHost() {
        return perHost;
    }

    /** A new limit; a higher one admits waiting transfers at once. */
    void perHost(int limit) {
        perHost = limit;
        for (String host : new HashSet<>(waiting.keySet())) {
            admitWaiting(host);
        }
    }

    /** Admits {@code waiter} now (it runs inside this call) or when a transfer to the same host leaves. */
    void enter(String host, Waiter waiter) {
        waiting.computeIfAbsent(host, h -> new ArrayDeque<>()).add(waiter);
        admitWaiting(host);
    }

    /** {@code waiter} ended (or gave up waiting): the next one to its host may run. */
    void leave(String host, Waiter waiter) {
        Set<Waiter> hostRunning = running.get(host);
        if (hostRunning != null && hostRunning.remove(waiter)) {
            if (hostRunning.isEmpty()) {
                running.remove(host);
            }
            admitWaiting(host);
            return;
        }
        ArrayDeque<Waiter> queue = waiting.get(host);
        if (queue != null && queue.remove(waiter) && queue.isEmpty()) {
            waiting.remove(host);
        }
    }

    private void admitWaiting(String host) {
        ArrayDeque<Waiter> queue;
        // read afresh each round: an admitted transfer may end, and leave, inside admitted()
        while ((queue = waiting.get(host)) != null && running.getOrDefault(host, Set.of()).size() < perHost) {
            Waiter next = queue.poll();
            running.computeIfAbsent(host, h -> new HashSet<>()).add(next);
            if (queue.isEmpty()) {
                waiting.remove(host);
            }
            next.admitted();
        }
    }
}
