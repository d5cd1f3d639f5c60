package dev.c4j.examples;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.DeviceBehaviour;
import dev.c4j.testkit.DeviceReply;
import dev.c4j.testkit.DeviceRequest;
import dev.c4j.testkit.Framing;
import dev.c4j.testkit.MockDevice;
import dev.c4j.testkit.TestDriver;
import dev.c4j.testkit.TestPeer;
import org.junit.jupiter.api.AfterEach;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.c4j.testkit.DirectorAssert.assertThat;
import static dev.c4j.testkit.RequestMatcher.exactly;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Tessera Amplifier package (src/main/drivers/tessera-amp) against a mock amplifier on 127.0.0.1: Director owns
 * the connection of its network binding 6001, on virtual time. The binding's port, 4998, is fixed by driver.xml;
 * the address map sends it to wherever the mock listens.
 */
class TesseraAmpTest {

    static final Path TESSERA = Path.of("src/main/drivers/tessera-amp");
    private static final int BINDING = 6001;

    private final MockDevice amplifier = MockDevice.start();

    @AfterEach
    void stopAmplifier() {
        amplifier.close();
    }

    // docs:begin binding
    /** The package, its port 4998 (fixed by driver.xml) sent to the mock amplifier (host spec §4.5). */
    private TestDriver.Builder tessera(String engine) {
        return TestDriver.builder().engine(engine).virtualTime().driverPackage(TESSERA)
                .mapAddress("127.0.0.1:4998", amplifier.address());
    }

    /** Started with the amplifier's address set, as an installer would have on Composer's Network tab. */
    private TestDriver start(String engine) {
        return tessera(engine).binding(BINDING, "127.0.0.1").start();
    }
    // docs:end binding

    // docs:begin answering
    /** Makes the mock answer as an amplifier that is on, at volume 35, would: line by line, each ending in CR. */
    private void answerAsAnAmplifier() {
        amplifier.framing(Framing.delimiter("\r"))
                .on(exactly("POWER?"), DeviceReply.of("POWER=ON\r"))
                .on(exactly("VOLUME?"), DeviceReply.of("VOLUME=35\r").inChunks(3));  // in pieces, 10 ms apart
    }

    @AllEngines
    void pollsEveryPollIntervalWhileConnected(String engine) {
        answerAsAnAmplifier();
        try (TestDriver driver = start(engine)) {
            assertThat(amplifier.takeRequest().text()).isEqualTo("POWER?");   // on connecting
            assertThat(amplifier.takeRequest().text()).isEqualTo("VOLUME?");

            amplifier.assertNoRequestWithin(driver, Duration.ofSeconds(29)); // 29 s of virtual time, at once
            driver.advance(Duration.ofSeconds(1));
            assertThat(amplifier.takeRequest().text()).isEqualTo("POWER?");   // the poll, 30 s on
            assertThat(amplifier.takeRequest().text()).isEqualTo("VOLUME?");
            amplifier.assertAllAnswered();
            driver.assertNoErrors();
        }
    }
    // docs:end answering

    /** The driver's next connection, once it has asked for the state as it does first. */
    private TestPeer connection() {
        TestPeer connection = amplifier.takeConnection();
        assertThat(connection.readUntil("\r")).isEqualTo("POWER?\r");
        assertThat(connection.readUntil("\r")).isEqualTo("VOLUME?\r");
        return connection;
    }

    private static List<String> statusHistory(TestDriver driver) {
        return driver.calls().stream()
                .filter(call -> call.function().equals("UpdateProperty") && "Status".equals(call.arg(0)))
                .map(call -> String.valueOf(call.arg(1)))
                .toList();
    }

    @AllEngines
    void connectsOnStartAsksForTheStateAndPublishesIt(String engine) {
        answerAsAnAmplifier();
        try (TestDriver driver = start(engine)) {
            Drivers.eventually(() -> assertThat(driver).setVariable("VOLUME", "35"));
            assertThat(driver).setVariable("POWER_STATE", "1").firedEvent("Powered On")
                    .called("AddVariable", "POWER_STATE", "0", "BOOL");
            assertThat(statusHistory(driver)).containsExactly("Connecting to 127.0.0.1", "Connected");
            assertThat(amplifier.requests()).extracting(DeviceRequest::text).containsExactly("POWER?", "VOLUME?");
            amplifier.assertAllAnswered();
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void commandsAndActionsGoToTheAmplifier(String engine) {
        try (TestDriver driver = start(engine)) {
            TestPeer connection = connection();
            driver.command("SET_VOLUME", Map.of("LEVEL", "55"));
            assertThat(connection.readUntil("\r")).isEqualTo("VOLUME 55\r");
            driver.action("Power On");
            assertThat(connection.readUntil("\r")).isEqualTo("POWER ON\r");
            connection.send("POWER=ON\r");
            Drivers.eventually(() -> assertThat(driver).setVariable("POWER_STATE", "1"));
            assertThat(driver).called("SendToNetwork", BINDING, 4998, "VOLUME 55\r");
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void whenTheAmplifierGoesAwayDirectorReconnectsFiveSecondsLater(String engine) {
        amplifier.enqueue(DeviceBehaviour.script("answers half a line, then hangs up", connection -> {
            connection.readUntil("VOLUME?\r");
            connection.send("VOLUM");
            connection.close();
        }));
        try (TestDriver driver = start(engine)) {
            Drivers.eventually(() -> assertThat(statusHistory(driver)).last()
                    .isEqualTo("Disconnected: Director reconnects"));
            assertThat(driver).neverCalled("SetVariable"); // "VOLUM" was no line, whatever it is

            amplifier.assertNoConnectionWithin(driver, Duration.ofMillis(4999));
            Drivers.advance(driver, Duration.ofMillis(1));
            connection().send("VOLUME=40\r");
            Drivers.eventually(() -> assertThat(driver).setVariable("VOLUME", "40"));
            assertThat(statusHistory(driver)).containsExactly("Connecting to 127.0.0.1", "Connected",
                    "Disconnected: Director reconnects", "Connected");
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void withoutAnAddressItWaitsForTheInstaller(String engine) {
        try (TestDriver driver = tessera(engine).start()) {
            amplifier.assertNoConnectionWithin(driver, Duration.ofMinutes(1));
            assertThat(statusHistory(driver)).containsExactly("No address: set it on the Connections tab");

            driver.setBindingAddress(BINDING, "127.0.0.1"); // the Connections tab
            connection();
            Drivers.eventually(() -> assertThat(statusHistory(driver)).containsExactly(
                    "No address: set it on the Connections tab", "Connecting to 127.0.0.1", "Connected"));
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }
}
