package dev.c4j.testkit;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * How an answering {@link MockDevice} serves a connection: cuts what arrives into requests ({@link Framing}),
 * records each, and sends what the first matching rule (or the dispatcher) says. Serves every connection on its
 * own thread until the connection ends.
 */
final class Answering {

    /** How long a connection may stay quiet between requests: a driver may poll rarely; the hang-up ends it. */
    private static final Duration IDLE = Duration.ofHours(1);

    private final List<Map.Entry<RequestMatcher, DeviceReply>> rules = new CopyOnWriteArrayList<>();
    private final List<DeviceRequest> received = new CopyOnWriteArrayList<>();
    private final List<DeviceRequest> unanswered = new CopyOnWriteArrayList<>();
    private final BlockingQueue<DeviceRequest> untaken = new LinkedBlockingQueue<>();
    private volatile Framing framing = Framing.lines();
    private volatile MockDevice.Dispatcher dispatcher = this::firstMatchingRule;
    private volatile boolean customDispatcher;
    private final Duration timeout;

    /** {@code timeout} bounds each reply's sends. */
    Answering(Duration timeout) {
        this.timeout = timeout;
    }

    void framing(Framing framing) {
        this.framing = framing;
    }

    void rule(RequestMatcher matcher, DeviceReply reply) {
        rules.add(Map.entry(matcher, reply));
    }

    void dispatcher(MockDevice.Dispatcher dispatcher) {
        this.dispatcher = dispatcher;
        this.customDispatcher = true;
    }

    /** Every request so far, in arrival order. */
    List<DeviceRequest> received() {
        return List.copyOf(received);
    }

    /** Requests in arrival order, each taken once ({@link MockDevice#takeRequest()}). */
    BlockingQueue<DeviceRequest> untaken() {
        return untaken;
    }

    List<DeviceRequest> unanswered() {
        return List.copyOf(unanswered);
    }

    /** Who decides the answers, for failure messages. */
    String answerers() {
        return customDispatcher ? "a dispatcher" : "rules " + rules.stream()
                .map(rule -> rule.getKey() + " -> " + rule.getValue()).toList();
    }

    /** Serves {@code connection} until it ends (the driver hung up, a reply closed it, the device closed). */
    void serve(TestPeer connection, int number) {
        try {
            while (true) {
                connection.timeout(IDLE);
                DeviceRequest request = new DeviceRequest(number, framing.next(connection));
                connection.timeout(timeout);
                received.add(request);
                DeviceReply reply = dispatcher.dispatch(request);
                if (reply == null) {
                    unanswered.add(request);
                }
                untaken.add(request); // after the bookkeeping: a test that took it sees it complete
                if (reply != null && !reply.perform(request, connection)) {
                    return;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private DeviceReply firstMatchingRule(DeviceRequest request) {
        for (Map.Entry<RequestMatcher, DeviceReply> rule : rules) {
            if (rule.getKey().matches(request)) {
                return rule.getValue();
            }
        }
        return null;
    }
}
