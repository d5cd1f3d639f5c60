package dev.c4j.examples;

import dev.c4j.testkit.DeviceBehaviour;
import dev.c4j.testkit.MockDevice;
import dev.c4j.testkit.TestPeer;

import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A Lumen projector for {@link MockDevice}: a {@link DeviceBehaviour#script} that answers every request on its
 * connection as the real projector would (see lumen/protocol.lua) until the driver hangs up, and keeps each
 * request for the test to check. It starts powered off, on HDMI1.
 */
final class FakeLumenProjector {

    /** How long {@link #nextRequest()} waits: a driver in a cold child JVM on a busy machine can be slow. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private final BlockingQueue<String> requests = new LinkedBlockingQueue<>();
    private boolean poweredOn;
    private String input = "HDMI1";

    /** What one connection meets: enqueue it on the MockDevice once per connection the test expects. */
    DeviceBehaviour connection() {
        return DeviceBehaviour.script("Lumen projector", this::serve);
    }

    /** The next request the projector answered, without its "\r", waiting up to {@link #PATIENCE}. */
    String nextRequest() throws InterruptedException {
        String request = requests.poll(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        if (request == null) {
            throw new AssertionError("the projector received no request within " + PATIENCE);
        }
        return request;
    }

    private void serve(TestPeer connection) {
        connection.timeout(Duration.ofHours(1)); // a driver may stay quiet between polls: the hang-up ends this
        while (true) {
            String line = connection.readUntil("\r");
            String request = line.substring(0, line.length() - 1);
            connection.send(answer(request));
            requests.add(request);
        }
    }

    private synchronized String answer(String request) {
        if (request.equals("POWER ON") || request.equals("POWER OFF")) {
            poweredOn = request.equals("POWER ON");
            return power();
        }
        if (request.startsWith("INPUT ")) {
            input = request.substring("INPUT ".length());
            return "INPUT=" + input + "\r";
        }
        if (request.equals("STATUS?")) {
            return power() + "INPUT=" + input + "\r";
        }
        return "ERR\r";
    }

    private String power() {
        return poweredOn ? "POWER=ON\r" : "POWER=OFF\r";
    }
}
