package dev.c4j.examples;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.MockDevice;
import dev.c4j.testkit.TestDriver;
import dev.c4j.testkit.TestPeer;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The device client example (src/main/lua/device-client.lua) against a mock device on 127.0.0.1: polling on
 * virtual time, and reconnecting with exponential back-off when the device goes away.
 */
class DeviceClientTest {

    private static final int POLL_SECONDS = 5;

    private final MockDevice device = MockDevice.start();

    @AfterEach
    void stopDevice() {
        device.close();
    }

    private static TestDriver start(String engine, int port) {
        return TestDriver.builder().engine(engine).virtualTime().resource("drivers/device-client.lua")
                .property("Host", "127.0.0.1")
                .property("Port", String.valueOf(port))
                .property("Poll Seconds", String.valueOf(POLL_SECONDS))
                .start();
    }

    @AllEngines
    void asksForTheStatusAndPollsAgainEveryPollPeriod(String engine) {
        try (TestDriver driver = start(engine, device.port())) {
            TestPeer connection = device.takeConnection();
            assertThat(connection.readUntil("\r")).isEqualTo("STATUS?\r");
            driver.awaitOutput("^Device online at 127\\.0\\.0\\.1:" + device.port() + "$");
            connection.send("POWER ON\r");
            driver.awaitOutput("^Device status: POWER ON$");

            Drivers.advance(driver, Duration.ofSeconds(POLL_SECONDS).minusMillis(1));
            assertThat(connection.readAvailable(Drivers.QUIET)).isEmpty();
            Drivers.advance(driver, Duration.ofMillis(1));
            assertThat(connection.readUntil("\r")).isEqualTo("STATUS?\r");
            connection.send("POWER OFF\r");
            driver.awaitOutput("^Device status: POWER OFF$");

            Drivers.advance(driver, Duration.ofSeconds(POLL_SECONDS));
            assertThat(connection.readUntil("\r")).isEqualTo("STATUS?\r");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void aPortOutOfRangeIsReportedOnceAndNotRetried(String engine) {
        try (TestDriver driver = start(engine, 70000)) {
            driver.awaitOutput("^Cannot connect to 127\\.0\\.0\\.1:70000; check the Host and Port properties$");
            Drivers.advance(driver, Duration.ofMinutes(1));
            assertThat(driver.outputLines()).hasSize(1);
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void reconnectsOneSecondAfterTheDeviceHangsUp(String engine) throws InterruptedException {
        try (TestDriver driver = start(engine, device.port())) {
            TestPeer first = device.takeConnection();
            assertThat(first.readUntil("\r")).isEqualTo("STATUS?\r");
            first.close();
            driver.awaitOutput("^Device offline \\(closed\\); retrying in 1000 ms$");

            Drivers.advance(driver, Duration.ofMillis(999));
            Thread.sleep(Drivers.QUIET.toMillis()); // time for a wrongly early connect to arrive
            device.awaitConnectionCount(1);

            Drivers.advance(driver, Duration.ofMillis(1));
            TestPeer second = device.takeConnection();
            assertThat(second.readUntil("\r")).isEqualTo("STATUS?\r");
            second.send("BACK\r");
            driver.awaitOutput("^Device status: BACK$");
            assertThat(driver.awaitOutput("^Device online", 2, Drivers.TIMEOUT)).hasSize(2);
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void backsOffExponentiallyWhileRefusedAndStartsOverAfterASuccess(String engine) throws IOException {
        int port = device.port();
        try (TestDriver driver = start(engine, port)) {
            assertThat(device.takeConnection().readUntil("\r")).isEqualTo("STATUS?\r");
            device.close(); // the device goes away: its connection ends, its port refuses connections
            driver.awaitOutput("^Device offline \\(closed\\); retrying in 1000 ms$");
            Drivers.advance(driver, Duration.ofMillis(1000));
            driver.awaitOutput("^Device offline \\(Connection refused\\); retrying in 2000 ms$");
            Drivers.advance(driver, Duration.ofMillis(2000));
            driver.awaitOutput("^Device offline \\(Connection refused\\); retrying in 4000 ms$");

            // The device comes back on the same port.
            try (ServerSocket revived = new ServerSocket(port, 50, InetAddress.getLoopbackAddress())) {
                Drivers.advance(driver, Duration.ofMillis(3999));
                revived.setSoTimeout((int) Drivers.QUIET.toMillis());
                assertThatThrownBy(revived::accept).as("a connection before the back-off ended")
                        .isInstanceOf(SocketTimeoutException.class);
                Drivers.advance(driver, Duration.ofMillis(1));
                revived.setSoTimeout((int) Drivers.TIMEOUT.toMillis());
                try (Socket connection = revived.accept()) {
                    assertThat(driver.awaitOutput("^Device online", 2, Drivers.TIMEOUT)).hasSize(2);
                    connection.setSoTimeout((int) Drivers.TIMEOUT.toMillis());
                    byte[] poll = connection.getInputStream().readNBytes(8);
                    assertThat(new String(poll, StandardCharsets.US_ASCII)).isEqualTo("STATUS?\r");
                    connection.close(); // gracefully (nothing unread): a success resets the back-off
                    assertThat(driver.awaitOutput("^Device offline \\(closed\\); retrying in 1000 ms$", 2,
                            Drivers.TIMEOUT)).hasSize(2);
                }
            }
            driver.assertNoErrors();
        }
    }
}
