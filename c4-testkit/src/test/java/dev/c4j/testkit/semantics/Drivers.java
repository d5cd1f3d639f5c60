package dev.c4j.testkit.semantics;

import dev.c4j.testkit.TestDriver;
import dev.c4j.testkit.TestPeer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What the semantics tests share. Their drivers are named {@code drv} (so Lua messages read "drv:LINE: ...") and
 * run on virtual time: no timer fires unless a test moves time.
 */
final class Drivers {

    /** How long a test waits for something that must happen. */
    static final Duration TIMEOUT = TestDriver.DEFAULT_TIMEOUT;

    private Drivers() {
    }

    /** The driver {@code lua}, named {@code drv}, on {@code engine} and virtual time. */
    static TestDriver start(String engine, String lua) {
        return TestDriver.builder().engine(engine).virtualTime().lua("drv", lua).start();
    }

    /** The whole first output line that starts with {@code prefix}, waiting for it. */
    static String awaitLine(TestDriver driver, String prefix) {
        return driver.awaitOutput("(?s)^" + Pattern.quote(prefix) + ".*").group();
    }

    /** The port of the first output line {@code "port N"}, waiting for it. */
    static int awaitPort(TestDriver driver) {
        return Integer.parseInt(driver.awaitOutput("^port (\\d+)$").group(1));
    }

    /** The first runtime message containing {@code text}, waiting up to {@link #TIMEOUT}. */
    static String awaitMessage(TestDriver driver, String text) {
        return driver.awaitMessage(text, TIMEOUT);
    }

    /** Waits until every task already posted to the driver's loop has run (one loop round trip). */
    static void sync(TestDriver driver) {
        driver.driver().onLoop(() -> null);
    }

    /** {@code n} bytes from the peer as text, one char per byte. */
    static String readText(TestPeer peer, int n) {
        return new String(peer.readExactly(n), StandardCharsets.ISO_8859_1);
    }

    /** Asserts that the other side neither sends nor closes for {@code window}. */
    static void assertStaysOpen(TestPeer peer, Duration window) {
        peer.timeout(window);
        try {
            assertThatThrownBy(peer::expectEof).hasMessageContaining("did not close");
        } finally {
            peer.timeout(TestPeer.DEFAULT_TIMEOUT);
        }
    }

    /** Asserts that a connection to {@code 127.0.0.1:port} is refused. */
    static void assertRefused(int port) {
        assertThatThrownBy(() -> TestPeer.connect(port).close()).as("connecting to 127.0.0.1:%d", port)
                .isInstanceOf(AssertionError.class).hasCauseInstanceOf(ConnectException.class);
    }

    /** A port on 127.0.0.1 that nobody listens on (it was free a moment ago). */
    static int closedPort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
