package dev.c4j.examples;

import dev.c4j.testkit.TestDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Small helpers the example tests share. */
final class Drivers {

    /** How long a test waits for something that must happen. */
    static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** How long a test watches for something that must not happen. */
    static final Duration QUIET = Duration.ofMillis(200);

    private Drivers() {
    }

    /** The port in group 1 of the first output line that matches {@code regex}, waiting for it. */
    static int port(TestDriver driver, String regex) {
        return Integer.parseInt(driver.awaitOutput(regex).group(1));
    }

    /**
     * Waits until every callback running or queued on the driver's loop has finished. {@code awaitOutput} returns
     * as soon as a line is printed, possibly while the callback that printed it is still running; a timer that
     * callback sets afterwards would be scheduled from the already advanced virtual time.
     */
    static void settle(TestDriver driver) {
        driver.driver().onLoop(() -> null);
    }

    /** {@link #settle}, then moves virtual time forward. */
    static void advance(TestDriver driver, Duration by) {
        settle(driver);
        driver.advance(by);
    }

    /**
     * Retries {@code assertion} until it passes, for at most {@link #TIMEOUT}, then lets its last failure through:
     * for what a driver does in reaction to bytes still on their way.
     */
    static void eventually(Runnable assertion) {
        eventually(TIMEOUT, assertion);
    }

    /** {@link #eventually(Runnable)} for at most {@code within}. */
    static void eventually(Duration within, Runnable assertion) {
        long deadline = System.nanoTime() + within.toNanos();
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    /** A port on 127.0.0.1 that nobody listens on (it was free a moment ago). */
    static int closedPort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that a connection to {@code 127.0.0.1:port} is refused. */
    static void assertRefused(int port) {
        try (Socket socket = new Socket()) {
            assertThatThrownBy(() -> socket.connect(
                    new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) TIMEOUT.toMillis()))
                    .as("connecting to 127.0.0.1:%d", port)
                    .isInstanceOf(ConnectException.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
