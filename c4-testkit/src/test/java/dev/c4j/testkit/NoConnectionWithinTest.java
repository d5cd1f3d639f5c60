package dev.c4j.testkit;

import org.junit.jupiter.api.AfterEach;

import java.time.Duration;

import static dev.c4j.testkit.RequestMatcher.exactly;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@link MockDevice#assertNoConnectionWithin} and {@link MockDevice#assertNoRequestWithin}: virtual time moves
 * through the window, and the same assertions fail when the driver does connect or send within it.
 */
class NoConnectionWithinTest {

    private final MockDevice device = MockDevice.start();

    @AfterEach
    void closeDevice() {
        device.close();
    }

    /**
     * Connects {@code firstMillis + thenMillis} ms after the start, by a timer that a timer sets: moved by one big
     * step, virtual time would run the first timer only, and the connection would come after the window. Once
     * connected it asks "STATUS?", and again every 10 s.
     */
    private TestDriver connectingLater(String engine, long firstMillis, long thenMillis) {
        String lua = """
                function OnDriverLateInit()
                  C4:SetTimer(%d, function()
                    C4:SetTimer(%d, function()
                      print('connecting at ' .. C4:GetTickCount())
                      cli = C4:CreateTCPClient():OnConnect(function(c)
                        c:Write('STATUS?\\r')
                        C4:SetTimer(10000, function() c:Write('STATUS?\\r') end, true)
                      end)
                      cli:Connect('127.0.0.1', %d)
                    end)
                  end)
                end
                """.formatted(firstMillis, thenMillis, device.port());
        return TestDriver.builder().engine(engine).virtualTime().lua("later", lua).start();
    }

    @AllEngines
    void passesBeforeTheConnectionAndFailsWhenTheWindowHoldsIt(String engine) {
        try (TestDriver driver = connectingLater(engine, 1000, 2000)) {
            device.assertNoConnectionWithin(driver, Duration.ofMillis(2900));
            assertThat(device.connectionCount()).isZero();

            assertThatThrownBy(() -> device.assertNoConnectionWithin(driver, Duration.ofSeconds(5)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("expected no connection to the mock device on port " + device.port()
                            + " within 5000 ms of virtual time, but got 1: [mock device connection from port ")
                    .hasMessageContaining("(noticed ")
                    .hasMessageContaining("(driver later on " + engine + ")")
                    .hasMessageContaining("--- driver output (1 lines) ---\nconnecting at 3000");
            device.awaitConnectionCount(1);
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void aLongWindowTakesLittleRealTime(String engine) {
        try (TestDriver driver = connectingLater(engine, 60_000, 9 * 60_000)) {
            long start = System.nanoTime();
            device.assertNoConnectionWithin(driver, Duration.ofMinutes(9));
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));

            driver.advance(Duration.ofMinutes(2));   // it does connect, at 10 minutes (and at most a step late)
            device.takeConnection();
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void noRequestWithinFailsOnThePollItWaitsFor(String engine) {
        device.framing(Framing.delimiter("\r")).on(exactly("STATUS?"), DeviceReply.none());
        try (TestDriver driver = connectingLater(engine, 1, 1)) {
            driver.advance(Duration.ofMillis(1));
            driver.advance(Duration.ofMillis(1));
            assertThat(device.takeRequest().text()).isEqualTo("STATUS?");
            device.assertNoRequestWithin(driver, Duration.ofMillis(9900));

            assertThatThrownBy(() -> device.assertNoRequestWithin(driver, Duration.ofSeconds(1)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageStartingWith("expected no request to the mock device on port " + device.port()
                            + " within 1000 ms of virtual time, but got 1: [\"STATUS?\" on connection 1] (noticed ")
                    .hasMessageContaining("--- driver output (1 lines) ---\nconnecting at 2");
            device.assertAllAnswered();
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void refusesWhatCannotBeChecked(String engine) {
        try (TestDriver virtual = connectingLater(engine, 1000, 0);
             TestDriver real = TestDriver.builder().engine(engine).lua("real", "").start()) {
            assertThatThrownBy(() -> device.assertNoConnectionWithin(real, Duration.ofSeconds(5)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessage("advance needs virtual time: TestDriver.builder().virtualTime()");
            assertThatThrownBy(() -> device.assertNoConnectionWithin(virtual, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("the window must be positive, was PT0S");
            assertThatThrownBy(() -> device.assertNoRequestWithin(virtual, Duration.ofSeconds(5)))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("assertNoRequestWithin needs a device that answers");
            assertThat(device.connectionCount()).isZero();
        }
    }
}
