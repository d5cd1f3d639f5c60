package dev.c4j.examples;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.MockHttpServer;
import dev.c4j.testkit.MockResponse;
import dev.c4j.testkit.RecordedRequest;
import dev.c4j.testkit.TestDriver;
import org.junit.jupiter.api.AfterEach;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Thermo REST Thermostat package (src/main/drivers/thermo) against a mock thermostat on 127.0.0.1: what it
 * shows Director, what it asks the thermostat, and how it copes when the thermostat fails, on virtual time.
 */
class ThermoTest {

    static final Path THERMO = Path.of("src/main/drivers/thermo");

    private final MockHttpServer thermostat = MockHttpServer.start();
    /** What GET /api/status answers now. */
    private final AtomicReference<MockResponse> status = new AtomicReference<>(statusBody("21.5", "heat"));

    ThermoTest() {
        thermostat.dispatcher(request -> request.path().equals("/api/status") ? status.get() : new MockResponse());
    }

    @AfterEach
    void stopThermostat() {
        thermostat.close();
    }

    private static MockResponse statusBody(String temperature, String mode) {
        return new MockResponse().header("Content-Type", "text/plain")
                .body("temperature=" + temperature + "\nmode=" + mode + "\n");
    }

    private TestDriver start(String engine) {
        return TestDriver.builder().engine(engine).virtualTime().driverPackage(THERMO)
                .property("Device Port", String.valueOf(thermostat.port())).start();
    }

    /** Waits until the driver's last value of property {@code name} is {@code value}. */
    private static void awaitProperty(TestDriver driver, String name, String value) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!value.equals(lastValue(driver, name))) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("property " + name + " is " + lastValue(driver, name) + ", not " + value
                        + "; calls: " + driver.calls());
            }
            sleep(5);
        }
    }

    private static String lastValue(TestDriver driver, String name) {
        List<String> values = driver.calls().stream()
                .filter(call -> call.function().equals("UpdateProperty") && name.equals(call.arg(0)))
                .map(call -> String.valueOf(call.arg(1))).toList();
        return values.isEmpty() ? null : values.get(values.size() - 1);
    }

    /** Lets the callback that made the last call finish, then moves virtual time. */
    private static void advance(TestDriver driver, Duration by) {
        driver.driver().onLoop(() -> null);
        driver.advance(by);
    }

    @AllEngines
    void pollsTheStatusAndShowsIt(String engine) {
        try (TestDriver driver = start(engine)) {
            awaitProperty(driver, "Temperature", "21.5");
            awaitProperty(driver, "Mode", "heat");
            awaitProperty(driver, "Status", "Online");
            RecordedRequest first = thermostat.takeRequest();
            assertThat(first.method()).isEqualTo("GET");
            assertThat(first.path()).isEqualTo("/api/status");

            status.set(statusBody("22.0", "heat"));
            advance(driver, Duration.ofSeconds(10)); // the default Poll Interval
            awaitProperty(driver, "Temperature", "22.0");
            assertThat(thermostat.takeRequest().path()).isEqualTo("/api/status");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void setModePostsTheModeAndPollsAgain(String engine) {
        try (TestDriver driver = start(engine)) {
            awaitProperty(driver, "Mode", "heat");
            thermostat.takeRequest();
            status.set(statusBody("21.5", "cool"));
            driver.command("SET_MODE", Map.of("MODE", "cool"));
            RecordedRequest post = thermostat.takeRequest();
            assertThat(post.method()).isEqualTo("POST");
            assertThat(post.path()).isEqualTo("/api/mode");
            assertThat(post.bodyUtf8()).isEqualTo("mode=cool");
            assertThat(post.header("Content-Type")).isEqualTo("text/plain");
            awaitProperty(driver, "Mode", "cool");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void showsWhyTheThermostatIsOfflineAndRecovers(String engine) {
        status.set(MockResponse.noResponse());
        try (TestDriver driver = start(engine)) {
            thermostat.takeRequest();
            advance(driver, Duration.ofSeconds(5)); // the driver's request timeout
            awaitProperty(driver, "Status", "Offline: Timeout was reached");

            status.set(new MockResponse().code(500));
            advance(driver, Duration.ofSeconds(5)); // the next poll, 10 s after the first
            awaitProperty(driver, "Status", "Offline: HTTP response code said error");

            status.set(statusBody("19.0", "off"));
            advance(driver, Duration.ofSeconds(10));
            awaitProperty(driver, "Status", "Online");
            awaitProperty(driver, "Temperature", "19.0");
            driver.assertNoErrors();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
