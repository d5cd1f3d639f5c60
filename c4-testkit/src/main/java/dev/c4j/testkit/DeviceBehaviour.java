package dev.c4j.testkit;

import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * What a {@link MockDevice} does with one accepted connection. Behaviours run on their own thread as soon as
 * the connection is accepted; a connection they leave open is then handed to
 * {@link MockDevice#takeConnection()} (except {@link #acceptAndSilence()}). Failures inside a behaviour (the
 * driver closed first, ...) just end it: misbehaving devices are the point.
 */
public final class DeviceBehaviour {

    /** How long {@link #acceptThenReset()} waits before the reset. */
    public static final Duration RESET_DELAY = Duration.ofMillis(100);

    private final String description;
    private final Consumer<TestPeer> script;
    private final boolean handOver;

    private DeviceBehaviour(String description, Consumer<TestPeer> script, boolean handOver) {
        this.description = description;
        this.script = script;
        this.handOver = handOver;
    }

    /** The default: the connection goes straight to {@link MockDevice#takeConnection()}. */
    public static DeviceBehaviour serve() {
        return new DeviceBehaviour("serve", connection -> { }, true);
    }

    /** Closes the connection gracefully (FIN) at once. */
    public static DeviceBehaviour acceptThenClose() {
        return new DeviceBehaviour("acceptThenClose", TestPeer::close, false);
    }

    /**
     * Resets the connection (RST) after {@link #RESET_DELAY}: the pause lets the connecting side finish its
     * connect first, so that it sees a connection that is then reset (an immediate RST can make the connect
     * itself fail, depending on timing).
     */
    public static DeviceBehaviour acceptThenReset() {
        return new DeviceBehaviour("acceptThenReset", connection -> {
            sleep(RESET_DELAY);
            connection.resetClose();
        }, false);
    }

    /** Keeps the connection open and never reads, writes or closes it, until the device closes. */
    public static DeviceBehaviour acceptAndSilence() {
        return new DeviceBehaviour("acceptAndSilence", connection -> { }, false);
    }

    /** Sends {@code bytes} one byte per TCP segment, {@link TestPeer#DEFAULT_CHUNK_PAUSE} apart, then hands over. */
    public static DeviceBehaviour answerOneByteAtATime(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new DeviceBehaviour("answerOneByteAtATime", connection -> connection.sendSlowly(copy, 1), true);
    }

    /** Sends {@code bytes} (several MiB, say) in one write, then hands over. */
    public static DeviceBehaviour burst(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new DeviceBehaviour("burst of " + copy.length + " bytes", connection -> connection.send(copy), true);
    }

    /** Sends the first half of {@code line} (its first {@code line.length / 2} bytes), then closes gracefully. */
    public static DeviceBehaviour closeHalfwayThroughLine(byte[] line) {
        byte[] half = Arrays.copyOf(line, line.length / 2);
        return new DeviceBehaviour("closeHalfwayThroughLine", connection -> {
            connection.send(half);
            connection.close();
        }, false);
    }

    /** Any script of your own; the connection is handed over afterwards if the script left it open. */
    public static DeviceBehaviour script(String description, Consumer<TestPeer> script) {
        return new DeviceBehaviour(description, Objects.requireNonNull(script), true);
    }

    /** How an answering {@link MockDevice} serves a connection: by {@code serve}, never handing it over. */
    static DeviceBehaviour answer(Consumer<TestPeer> serve) {
        return new DeviceBehaviour("answer", serve, false);
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void perform(TestPeer connection) {
        script.accept(connection);
    }

    boolean handsOver() {
        return handOver;
    }

    @Override
    public String toString() {
        return description;
    }
}
