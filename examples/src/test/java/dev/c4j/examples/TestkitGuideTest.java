package dev.c4j.examples;

import dev.c4j.api.host.EntryResult;
import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.DeviceBehaviour;
import dev.c4j.testkit.MockDevice;
import dev.c4j.testkit.TestDriver;
import dev.c4j.testkit.TestPeer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.c4j.testkit.DirectorAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The test class of docs/testkit.md, shown there whole. Each test runs once per engine. */
class TestkitGuideTest {

    /** The Lumen Projector driver package: driver.xml, driver.lua, lumen/protocol.lua. */
    static final Path LUMEN = Path.of("src/main/drivers/lumen");

    /** The Lumen driver, on virtual time, connecting to {@code projector} (its "Device Address" is 127.0.0.1). */
    static TestDriver.Builder lumen(String engine, MockDevice projector) {
        return TestDriver.builder()
                .engine(engine)
                .virtualTime()
                .driverPackage(LUMEN)
                .property("Device Port", String.valueOf(projector.port()));
    }

    @AllEngines
    void reportsThePowerStateAndSendsCommands(String engine) {
        try (MockDevice projector = MockDevice.start();
             TestDriver driver = lumen(engine, projector).start()) {
            TestPeer connection = projector.takeConnection();        // the driver connected
            assertThat(connection.readUntil("\r")).isEqualTo("STATUS?\r");
            assertThat(driver).updatedProperty("Status", "Connected");

            connection.send("POWER=ON\r");                            // the projector reports
            driver.awaitCall("SendToProxy", Duration.ofSeconds(5));
            assertThat(driver).setVariable("POWER_STATE", "1")
                    .firedEvent("Powered On")
                    .sentToProxy(5001, "ON");

            driver.command("SET_INPUT", Map.of("INPUT", "HDMI2"));    // as programming runs a command
            assertThat(connection.readUntil("\r")).isEqualTo("INPUT HDMI2\r");
            driver.action("Power Off");                               // as Composer's Actions tab does
            assertThat(connection.readUntil("\r")).isEqualTo("POWER OFF\r");
            driver.proxy(5001, "ON", Map.of());                       // as the TV proxy does
            assertThat(connection.readUntil("\r")).isEqualTo("POWER ON\r");

            driver.advance(Duration.ofSeconds(10));                   // the poll interval, at once
            assertThat(connection.readUntil("\r")).isEqualTo("STATUS?\r");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void reconnectsWhenTheProjectorResetsTheConnection(String engine) {
        try (MockDevice projector = MockDevice.start()) {
            projector.enqueue(DeviceBehaviour.acceptThenReset());     // the first connection is reset
            try (TestDriver driver = lumen(engine, projector).property("Debug Mode", "On").start()) {
                driver.awaitOutput("reconnecting in 1000 ms");
                assertThat(driver).updatedProperty("Status", "Disconnected: Connection reset by peer");

                driver.advance(Duration.ofSeconds(1));                // the back-off, at once
                TestPeer connection = projector.takeConnection();     // the second connection is served
                assertThat(connection.readUntil("\r")).isEqualTo("STATUS?\r");
                projector.awaitConnectionCount(2);
                driver.assertNoErrors();
            }
        }
    }

    @AllEngines
    void refusesWhatComposerRefuses(String engine) {
        try (MockDevice projector = MockDevice.start();
             TestDriver driver = lumen(engine, projector).start()) {
            EntryResult changed = driver.setProperty("Poll Interval", "30");   // OnPropertyChanged
            assertThat(changed.handled()).isTrue();
            assertThat(driver.control().info().properties()).containsEntry("Poll Interval", "30");

            assertThatThrownBy(() -> driver.setProperty("Poll Interval", "7"))       // not in the LIST
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not one of [5, 10, 30]");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void echoesWhatAClientSends(String engine) {
        try (TestDriver echo = TestDriver.builder().engine(engine).source(Path.of("src/main/lua/echo.lua")).start()) {
            int port = Integer.parseInt(echo.awaitOutput("listening on 127\\.0\\.0\\.1:(\\d+)").group(1));
            try (TestPeer client = TestPeer.connect(port)) {
                client.send("hello\n");
                assertThat(client.readLine()).isEqualTo("hello");
                client.sendSlowly("one byte at a time\n", 1);             // one TCP segment per byte
                assertThat(client.readLine()).isEqualTo("one byte at a time");
            }
            echo.assertNoErrors();
        }
    }

    @AllEngines
    void tellsWarningsFromErrors(String engine) {
        String lua = """
                function OnDriverInit()
                  C4:SetTimer(1000, function() end)  -- works, but DriverWorks advises OnDriverLateInit
                end
                function ExecuteCommand(command)
                  error("unknown command " .. command)
                end
                """;
        try (TestDriver driver = TestDriver.builder().engine(engine).lua("early", lua).start()) {
            assertThat(driver.warnings()).singleElement().asString().contains("SetTimer called during OnDriverInit");
            driver.assertNoErrors();                                      // a warning is not an error

            EntryResult result = driver.command("REBOOT");
            assertThat(result.status()).isEqualTo(EntryResult.Status.FAILED);
            assertThat(driver.errors()).singleElement().asString().contains("unknown command REBOOT");
        }
    }
}
