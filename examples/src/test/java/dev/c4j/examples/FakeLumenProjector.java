package dev.c4j.examples;

import dev.c4j.testkit.DeviceReply;
import dev.c4j.testkit.DeviceRequest;
import dev.c4j.testkit.Framing;
import dev.c4j.testkit.MockDevice;

import java.time.Duration;

/**
 * A Lumen projector: a {@link MockDevice} that answers every request on every connection as the real projector
 * would (see lumen/protocol.lua). It starts powered off, on HDMI1.
 */
final class FakeLumenProjector implements MockDevice.Dispatcher {

    /** How long {@link MockDevice#takeRequest()} waits: a driver in a cold child JVM on a busy machine can be slow. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    private boolean poweredOn;
    private String input = "HDMI1";

    private FakeLumenProjector() {
    }

    /** A projector listening on 127.0.0.1; {@code takeRequest()} gives each request, without its "\r". */
    static MockDevice start() {
        return MockDevice.start(PATIENCE).framing(Framing.delimiter("\r")).dispatcher(new FakeLumenProjector());
    }

    @Override
    public synchronized DeviceReply dispatch(DeviceRequest request) {
        return DeviceReply.of(answer(request.text()));
    }

    private String answer(String request) {
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
