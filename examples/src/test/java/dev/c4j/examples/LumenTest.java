package dev.c4j.examples;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.MockDevice;
import dev.c4j.testkit.TestDriver;
import dev.c4j.testkit.TestPeer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.c4j.examples.Drivers.eventually;
import static dev.c4j.testkit.DirectorAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The Lumen Projector package (src/main/drivers/lumen) against a mock projector on 127.0.0.1: what it tells
 * Director, what it sends the projector, and how it keeps the connection, on virtual time.
 */
class LumenTest {

    static final Path LUMEN = Path.of("src/main/drivers/lumen");

    private final MockDevice projector = MockDevice.start();

    @TempDir
    Path stateDirectory;

    @AfterEach
    void stopProjector() {
        projector.close();
    }

    private static TestDriver.Builder lumen(String engine, MockDevice projector) {
        return TestDriver.builder().engine(engine).virtualTime().driverPackage(LUMEN)
                .property("Device Port", String.valueOf(projector.port())); // "Device Address" is 127.0.0.1
    }

    private TestDriver start(String engine) {
        return lumen(engine, projector).start();
    }

    /** The driver's next connection to {@code device}, once it has asked for the status as it does first. */
    static TestPeer connectionTo(MockDevice device) {
        TestPeer connection = device.takeConnection();
        assertThat(connection.readUntil("\r")).isEqualTo("STATUS?\r");
        return connection;
    }

    /** Every value the driver gave its "Status" property, in order. */
    static List<String> statusHistory(TestDriver driver) {
        return driver.calls().stream()
                .filter(call -> call.function().equals("UpdateProperty") && "Status".equals(call.arg(0)))
                .map(call -> String.valueOf(call.arg(1)))
                .toList();
    }

    private static long count(TestDriver driver, String function, Object firstArgument) {
        return driver.calls().stream()
                .filter(call -> call.function().equals(function) && firstArgument.equals(call.arg(0)))
                .count();
    }

    // ---- what the projector says reaches Director -------------------------------------------------------------

    @AllEngines
    void connectsAndReportsThePowerStateToDirector(String engine) {
        try (TestDriver driver = start(engine)) {
            TestPeer connection = connectionTo(projector);
            assertThat(driver).called("AddVariable", "POWER_STATE", "0", "BOOL")
                    .called("AddVariable", "INPUT", "", "STRING");
            assertThat(statusHistory(driver))
                    .containsExactly("Connecting to 127.0.0.1:" + projector.port(), "Connected");

            connection.send("POWER=ON\r");
            eventually(() -> assertThat(driver).setVariable("POWER_STATE", "1")
                    .firedEvent("Powered On")
                    .sentToProxy(5001, "ON"));
            assertThat(driver.control().info().variables()).containsEntry("POWER_STATE", "1");

            connection.send("POWER=ON\rPOWER=OFF\r"); // only changes count: one more event, not two
            eventually(() -> assertThat(driver).setVariable("POWER_STATE", "0")
                    .firedEvent("Powered Off")
                    .sentToProxy(5001, "OFF"));
            assertThat(count(driver, "FireEvent", "Powered On")).isEqualTo(1);
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void reportsTheInputToTheVariableAndTheProxy(String engine) {
        try (TestDriver driver = start(engine)) {
            connectionTo(projector).send("INPUT=HDMI2\r");
            eventually(() -> assertThat(driver).setVariable("INPUT", "HDMI2")
                    .sentToProxy(5001, "INPUT_CHANGED", Map.of("INPUT", "HDMI2")));
            driver.assertNoErrors();
        }
    }

    // ---- commands reach the projector -------------------------------------------------------------------------

    @AllEngines
    void commandsAndActionsSendTheProjectorItsCommands(String engine) {
        try (TestDriver driver = start(engine)) {
            TestPeer connection = connectionTo(projector);

            driver.command("POWER_OFF");
            assertThat(connection.readUntil("\r")).isEqualTo("POWER OFF\r");
            driver.action("Power Off");
            assertThat(connection.readUntil("\r")).isEqualTo("POWER OFF\r");
            driver.action("Power On");
            assertThat(connection.readUntil("\r")).isEqualTo("POWER ON\r");
            driver.command("SET_INPUT", Map.of("INPUT", "HDMI3"));
            assertThat(connection.readUntil("\r")).isEqualTo("INPUT HDMI3\r");

            driver.command("SET_INPUT", Map.of("INPUT", "VGA")); // not an input of the projector
            assertThat(connection.readAvailable(Drivers.QUIET)).isEmpty();
            assertThat(driver).called("ExecuteCommand", "LUA_ACTION", Map.of("ACTION", "POWER_OFF"));
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void theProxyDrivesTheProjector(String engine) {
        try (TestDriver driver = start(engine)) {
            TestPeer connection = connectionTo(projector);

            driver.proxy(5001, "ON", Map.of());
            assertThat(connection.readUntil("\r")).isEqualTo("POWER ON\r");
            driver.proxy(5001, "SET_INPUT", Map.of("INPUT", "HDMI1"));
            assertThat(connection.readUntil("\r")).isEqualTo("INPUT HDMI1\r");
            driver.proxy(5001, "OFF", Map.of());
            assertThat(connection.readUntil("\r")).isEqualTo("POWER OFF\r");
            driver.assertNoErrors();
        }
    }

    // ---- polling and the connection, on virtual time -----------------------------------------------------------

    @AllEngines
    void pollsEveryPollInterval(String engine) {
        try (TestDriver driver = start(engine)) {
            TestPeer connection = connectionTo(projector); // at once, then every 10 s (the default)

            Drivers.advance(driver, Duration.ofSeconds(10).minusMillis(1));
            assertThat(connection.readAvailable(Drivers.QUIET)).isEmpty();
            Drivers.advance(driver, Duration.ofMillis(1));
            assertThat(connection.readUntil("\r")).isEqualTo("STATUS?\r");

            driver.setProperty("Poll Interval", "5"); // polls now, then every 5 s
            assertThat(connection.readUntil("\r")).isEqualTo("STATUS?\r");
            Drivers.advance(driver, Duration.ofSeconds(5));
            assertThat(connection.readUntil("\r")).isEqualTo("STATUS?\r");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void reconnectsAtOnceWhenTheDevicePortChanges(String engine) {
        try (TestDriver driver = start(engine); MockDevice replacement = MockDevice.start()) {
            TestPeer first = connectionTo(projector);

            driver.setProperty("Device Port", String.valueOf(replacement.port()));
            connectionTo(replacement);
            first.expectEof();
            assertThat(statusHistory(driver)).endsWith("Connecting to 127.0.0.1:" + replacement.port(), "Connected");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void reconnectsAfterABackOffWhenTheProjectorHangsUp(String engine) {
        try (TestDriver driver = start(engine)) {
            connectionTo(projector).close();
            eventually(() -> assertThat(statusHistory(driver)).last()
                    .isEqualTo("Disconnected: closed by the projector"));

            projector.assertNoConnectionWithin(driver, Duration.ofMillis(999));
            driver.advance(Duration.ofMillis(1));
            connectionTo(projector);
            eventually(() -> assertThat(statusHistory(driver)).last().isEqualTo("Connected"));
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void doublesTheBackOffWhileTheProjectorIsAway(String engine) {
        try (TestDriver driver = start(engine)) {
            connectionTo(projector);
            projector.close(); // its connection ends and its port refuses connections
            eventually(() -> assertThat(statusHistory(driver)).last()
                    .isEqualTo("Disconnected: closed by the projector"));

            for (int retryMillis : new int[]{1000, 2000, 4000}) {
                long attempts = count(driver, "UpdateProperty", "Status"); // each attempt: Connecting, Disconnected
                Drivers.advance(driver, Duration.ofMillis(retryMillis - 1));
                Drivers.settle(driver);
                assertThat(count(driver, "UpdateProperty", "Status")).as("before %d ms", retryMillis)
                        .isEqualTo(attempts);
                Drivers.advance(driver, Duration.ofMillis(1));
                eventually(() -> assertThat(statusHistory(driver)).hasSize((int) attempts + 2).last()
                        .isEqualTo("Disconnected: Connection refused"));
            }
            driver.assertNoErrors();
        }
    }

    // ---- state across restarts, and what Composer refuses ----------------------------------------------------------

    @AllEngines
    void remembersTheChosenInputAcrossARestart(String engine) {
        try (TestDriver driver = lumen(engine, projector).stateDirectory(stateDirectory).start()) {
            TestPeer connection = connectionTo(projector);
            driver.command("SET_INPUT", Map.of("INPUT", "HDMI2"));
            assertThat(connection.readUntil("\r")).isEqualTo("INPUT HDMI2\r");
            driver.assertNoErrors();
        }
        try (TestDriver restarted = lumen(engine, projector).stateDirectory(stateDirectory).start()) {
            TestPeer connection = connectionTo(projector);
            connection.send("POWER=ON\r"); // a projector boots on HDMI1: the driver selects the one chosen last
            assertThat(connection.readUntil("\r")).isEqualTo("INPUT HDMI2\r");
            assertThat(restarted).neverCalled("AddVariable"); // the variables were kept too
            restarted.assertNoErrors();
        }
    }

    @AllEngines
    void refusesPropertyValuesComposerWouldRefuse(String engine) {
        try (TestDriver driver = start(engine)) {
            connectionTo(projector);

            assertThatThrownBy(() -> driver.setProperty("Device Port", "65536"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
            assertThatThrownBy(() -> driver.setProperty("Device Port", "0"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
            assertThatThrownBy(() -> driver.setProperty("Poll Interval", "7"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not one of");
            assertThatThrownBy(() -> driver.setProperty("Status", "Connected"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-only");

            assertThat(driver.control().info().properties())
                    .containsEntry("Device Port", String.valueOf(projector.port()))
                    .containsEntry("Poll Interval", "10");
            assertThat(driver).neverCalled("OnPropertyChanged");
            assertThat(projector.connectionCount()).isEqualTo(1);
            driver.assertNoErrors();
        }
    }

    // ---- output ---------------------------------------------------------------------------------------------------

    @AllEngines
    void printsTheTrafficOnlyInDebugMode(String engine) {
        try (TestDriver driver = start(engine)) {
            TestPeer connection = connectionTo(projector);
            driver.command("POWER_ON");
            assertThat(connection.readUntil("\r")).isEqualTo("POWER ON\r");
            assertThat(driver.outputLines()).isEmpty();

            driver.setProperty("Debug Mode", "On");
            driver.command("POWER_ON");
            assertThat(connection.readUntil("\r")).isEqualTo("POWER ON\r");
            connection.send("POWER=ON\r\nINPUT=HDMI2\r\n"); // CR LF, as `nc -C` sends: the LF is ignored
            driver.awaitOutput("^Lumen: <- INPUT=HDMI2$");
            assertThat(driver.outputLines())
                    .containsExactly("Lumen: -> POWER ON", "Lumen: <- POWER=ON", "Lumen: <- INPUT=HDMI2");
            eventually(() -> assertThat(driver).setVariable("INPUT", "HDMI2"));
            driver.assertNoErrors();
        }
    }
}
