package dev.c4j.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.c4j.cli.testing.ChildProcess;
import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.MockDevice;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static dev.c4j.examples.Drivers.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Lumen package run as examples/README.md shows: {@code c4 run examples/src/main/drivers/lumen --console 0}
 * in a child JVM (on this test's classpath), driven through the console's HTTP API, stopped with SIGTERM.
 */
class LumenCommandLineTest {

    private static final String CONSOLE_ADDRESS = "\\[c4\\] console: (http://\\S+/)";
    /** A bound for each step of the child: a cold JVM on a busy machine is slow. */
    private static final Duration PATIENCE = FakeLumenProjector.PATIENCE;

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @AllEngines
    void runsFromTheCommandLineDrivenThroughTheConsole(String engine) throws Exception {
        try (MockDevice device = FakeLumenProjector.start();
             ChildProcess c4 = ChildProcess.c4("run", LumenTest.LUMEN.toString(), "--console", "0", "--engine", engine,
                     "--network", "loopback", "--property", "Device Port=" + device.port())) {
            URI console = URI.create(c4.awaitStderr(CONSOLE_ADDRESS).group(1));
            assertThat(device.takeRequest().text()).isEqualTo("STATUS?");

            assertThat(send(console, "POST", "api/actions/Power%20On", "").path("handled").asBoolean()).isTrue();
            assertThat(device.takeRequest().text()).isEqualTo("POWER ON");
            // The console reads while the driver runs: wait for the event, which the driver fires after SetVariable.
            eventually(PATIENCE, () -> assertThat(read(console, "api/calls?since=0").path("calls")).anySatisfy(call -> {
                assertThat(call.path("function").asText()).isEqualTo("FireEvent");
                assertThat(call.path("args").path(0).asText()).isEqualTo("Powered On");
            }));
            assertThat(read(console, "api/driver").path("variables").path("POWER_STATE").asText()).isEqualTo("1");

            send(console, "POST", "api/commands", "{\"command\": \"SET_INPUT\", \"params\": {\"INPUT\": \"HDMI3\"}}");
            assertThat(device.takeRequest().text()).isEqualTo("INPUT HDMI3");

            assertThat(status(console, "PUT", "api/properties/Device%20Port", "{\"value\": 70000}")).isEqualTo(409);
            assertThat(read(console, "api/driver").path("properties").path("Status").asText()).isEqualTo("Connected");

            c4.signal("TERM");
            assertThat(c4.waitFor(PATIENCE)).as("exited").isTrue();
            assertThat(c4.exitValue()).as("exit status; stderr: %s", c4.stderr()).isZero();
            assertThat(c4.stdout()).as("printed (Debug Mode is Off)").isEmpty();
        }
    }

    // ---- the console over HTTP -----------------------------------------------------------------------------------

    private JsonNode read(URI console, String path) {
        return send(console, "GET", path, null);
    }

    /** The JSON answer of a request that must succeed. */
    private JsonNode send(URI console, String method, String path, String body) {
        HttpResponse<String> response = exchange(console, method, path, body);
        assertThat(response.statusCode()).as("%s /%s: %s", method, path, response.body()).isEqualTo(200);
        try {
            return json.readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + response.body(), e);
        }
    }

    private int status(URI console, String method, String path, String body) {
        return exchange(console, method, path, body).statusCode();
    }

    private HttpResponse<String> exchange(URI console, String method, String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(console.resolve(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .timeout(PATIENCE)
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(method + " " + request.uri() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
