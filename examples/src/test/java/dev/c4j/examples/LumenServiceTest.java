package dev.c4j.examples;

import dev.c4j.lua.DriverOutput;
import dev.c4j.testkit.MockDevice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.c4j.examples.Drivers.eventually;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@link LumenService}, the embedding example of docs/embedding.md, against a fake projector. */
class LumenServiceTest {

    @TempDir
    Path state;

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final DriverOutput output = new DriverOutput() {
        @Override
        public void print(String driverName, byte[] line) {
        }

        @Override
        public void message(String driverName, String text) {
            messages.add(text);
        }
    };

    @Test
    void drivesTheProjectorAndKeepsItsStateAcrossRuns() throws Exception {
        try (MockDevice device = FakeLumenProjector.start()) {
            try (LumenService service = new LumenService(LumenTest.LUMEN, state, device.host(), device.port(), output)) {
                assertThat(device.takeRequest().text()).isEqualTo("STATUS?");
                eventually(() -> assertThat(service.status()).isEqualTo("Connected"));
                long before = service.lastSeq();

                service.powerOn();
                assertThat(device.takeRequest().text()).isEqualTo("POWER ON");
                eventually(() -> assertThat(service.poweredOn()).isTrue());
                eventually(() -> assertThat(service.eventsFiredAfter(before)).containsExactly("Powered On"));

                assertThatThrownBy(() -> service.setPollInterval(7))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not one of");
                service.setPollInterval(30);
            }
            try (LumenService again = new LumenService(LumenTest.LUMEN, state, device.host(), device.port(), output)) {
                assertThat(again.poweredOn()).isTrue(); // the POWER_STATE variable was kept
                assertThat(again.control().info().properties()).containsEntry("Poll Interval", "30");
                assertThat(device.takeRequest().text()).isEqualTo("STATUS?");
            }
        }
        assertThat(messages).isEmpty();
    }
}
