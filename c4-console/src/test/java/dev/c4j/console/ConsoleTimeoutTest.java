package dev.c4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsoleTimeoutTest extends ConsoleTestBase {

    @Override
    Duration timeout() {
        return Duration.ofMillis(200);
    }

    @Test
    void aCallbackThatNeverReturnsIs504() {
        control.answerLater();

        ConsoleClient.Response response = client.post("/api/commands", "{\"command\": \"Hang\"}");

        assertThat(response.status()).isEqualTo(504);
        assertThat(response.error()).isEqualTo("the driver did not answer within 200 ms");
        assertThat(control.requests).containsExactly("command(Hang, {})");
    }
}
