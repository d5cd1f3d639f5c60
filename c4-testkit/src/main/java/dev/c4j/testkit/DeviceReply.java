package dev.c4j.testkit;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;

/**
 * What an answering {@link MockDevice} does about one request, in the manner of {@link MockResponse}: the bytes it
 * sends back, how they travel (after a delay, in chunks with pauses), and whether the connection then ends.
 *
 * <pre>{@code
 * DeviceReply.of("POWER=ON\r")
 * DeviceReply.of(request -> "ECHO " + request.text() + "\r")
 * DeviceReply.of("POWER=ON\r").after(Duration.ofMillis(300)).inChunks(1, Duration.ofMillis(20))
 * DeviceReply.of("BYE\r").thenClose()
 * DeviceReply.none()                  // a request the device ignores
 * DeviceReply.none().thenReset()      // the device drops the connection with a reset
 * }</pre>
 *
 * Immutable: each option returns a new reply.
 */
public final class DeviceReply {

    /** What the connection does after the answer. */
    private enum Ending { STAY_OPEN, CLOSE, RESET }

    private final Function<DeviceRequest, byte[]> answer;
    private final String description;
    private final Duration delay;
    private final int chunkSize; // 0: all in one write
    private final Duration pause;
    private final Ending ending;

    private DeviceReply(Function<DeviceRequest, byte[]> answer, String description, Duration delay, int chunkSize,
                        Duration pause, Ending ending) {
        this.answer = answer;
        this.description = description;
        this.delay = delay;
        this.chunkSize = chunkSize;
        this.pause = pause;
        this.ending = ending;
    }

    /** Answers {@code text}, one byte per char (ISO-8859-1). */
    public static DeviceReply of(String text) {
        return of(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public static DeviceReply of(byte[] bytes) {
        byte[] copy = bytes.clone();
        return new DeviceReply(request -> copy, Bytes.show(copy), Duration.ZERO, 0, Duration.ZERO, Ending.STAY_OPEN);
    }

    /** Answers what {@code answer} makes of the request (ISO-8859-1); runs on the device's thread. */
    public static DeviceReply of(Function<DeviceRequest, String> answer) {
        Objects.requireNonNull(answer);
        return new DeviceReply(request -> answer.apply(request).getBytes(StandardCharsets.ISO_8859_1),
                "a computed answer", Duration.ZERO, 0, Duration.ZERO, Ending.STAY_OPEN);
    }

    /** Sends nothing: the request is answered by silence. */
    public static DeviceReply none() {
        return of(new byte[0]).described("no answer");
    }

    /** Waits {@code delay} before the answer (the device reads no further request meanwhile). */
    public DeviceReply after(Duration delay) {
        requireNotNegative(delay);
        return new DeviceReply(answer, description, delay, chunkSize, pause, ending);
    }

    /** Sends the answer {@code size} bytes per TCP segment, {@link TestPeer#DEFAULT_CHUNK_PAUSE} apart. */
    public DeviceReply inChunks(int size) {
        return inChunks(size, TestPeer.DEFAULT_CHUNK_PAUSE);
    }

    /** Sends the answer {@code size} bytes per TCP segment, {@code pause} apart. */
    public DeviceReply inChunks(int size, Duration pause) {
        if (size < 1) {
            throw new IllegalArgumentException("chunk size must be positive, was " + size);
        }
        requireNotNegative(pause);
        return new DeviceReply(answer, description, delay, size, pause, ending);
    }

    /** Closes the connection gracefully (FIN) after the answer. */
    public DeviceReply thenClose() {
        return new DeviceReply(answer, description, delay, chunkSize, pause, Ending.CLOSE);
    }

    /** Resets the connection (RST) after the answer. */
    public DeviceReply thenReset() {
        return new DeviceReply(answer, description, delay, chunkSize, pause, Ending.RESET);
    }

    private DeviceReply described(String description) {
        return new DeviceReply(answer, description, delay, chunkSize, pause, ending);
    }

    private static void requireNotNegative(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("negative duration " + duration);
        }
    }

    /** Answers {@code request} on {@code connection}; false when the connection is over. */
    boolean perform(DeviceRequest request, TestPeer connection) throws InterruptedException {
        Thread.sleep(delay.toMillis());
        byte[] bytes = answer.apply(request);
        if (chunkSize > 0) {
            connection.sendSlowly(bytes, chunkSize, pause);
        } else if (bytes.length > 0) {
            connection.send(bytes);
        }
        switch (ending) {
            case CLOSE -> connection.close();
            case RESET -> connection.resetClose();
            case STAY_OPEN -> { }
        }
        return ending == Ending.STAY_OPEN;
    }

    @Override
    public String toString() {
        return description + (delay.isZero() ? "" : " after " + delay.toMillis() + " ms")
                + (chunkSize == 0 ? "" : " in chunks of " + chunkSize + " bytes " + pause.toMillis() + " ms apart")
                + (ending == Ending.STAY_OPEN ? "" : ending == Ending.CLOSE ? ", then close" : ", then reset");
    }
}
