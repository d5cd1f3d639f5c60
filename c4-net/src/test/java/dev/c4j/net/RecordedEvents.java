package dev.c4j.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c4j.api.Endpoint;
import dev.c4j.api.EndpointChoice;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** Events a listener saw, as short strings ("connected", "read:abc", "failed:111:connect"), in order. */
abstract class RecordedEvents {

    private final NetTestBase test;
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    /** Runs on the loop right after an event was recorded (a driver's reaction). */
    volatile Consumer<String> reaction = event -> {
    };

    /** Keep the endpoint choice open instead of picking the default at once. */
    volatile boolean holdChoice;
    volatile EndpointChoice choice;

    RecordedEvents(NetTestBase test) {
        this.test = test;
    }

    /** {@code resolved} of both listener kinds: records the endpoints, then chooses the default unless held. */
    public void resolved(List<Endpoint> endpoints, EndpointChoice choice) {
        this.choice = choice;
        record("resolved:" + endpoints);
        if (!holdChoice) {
            choice.chooseDefault();
        }
    }

    void record(String event) {
        test.checkListenerCall(event);
        events.add(event);
        reaction.accept(event);
    }

    /** The next event, waiting for it a bounded time. */
    String next() {
        try {
            String event = events.poll(NetTestBase.TIMEOUT_SECONDS, TimeUnit.SECONDS);
            assertThat(event).as("an event within %d s", NetTestBase.TIMEOUT_SECONDS).isNotNull();
            return event;
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    void expect(String... expected) {
        for (String event : expected) {
            assertThat(next()).isEqualTo(event);
        }
    }

    /** Nothing happens for {@code millis}. */
    void expectNone(long millis) {
        try {
            assertThat(events.poll(millis, TimeUnit.MILLISECONDS)).isNull();
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
