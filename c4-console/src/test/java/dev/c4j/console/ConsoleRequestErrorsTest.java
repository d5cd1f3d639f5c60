package dev.c4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Requests the console refuses itself: a 4xx with {"error": ...} naming the problem, and nothing reaches the driver. */
class ConsoleRequestErrorsTest extends ConsoleTestBase {

    @AfterEach
    void nothingReachedTheDriver() {
        assertThat(control.requests).isEmpty();
    }

    private void assertError(ConsoleClient.Response response, int status, String message) {
        assertThat(response.status()).as(response.text()).isEqualTo(status);
        assertThat(response.contentType()).isEqualTo("application/json; charset=utf-8");
        assertThat(response.error()).contains(message);
    }

    @ParameterizedTest(name = "{0} gives: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"value\": | bad JSON",
            "{value: \"1\"} | bad JSON: Unexpected character ('v'",
            "{\"value\": \"1\"} x | bad JSON",
            "{\"value\": \"1\", \"value\": \"2\"} | bad JSON: Duplicate field 'value'",
            "[\"1\"] | the body must be a JSON object, not an array",
            "`\"1\"` | the body must be a JSON object, not text",
            "{} | 'value' is missing",
            "`` | 'value' is missing",
            "{\"value\": null} | 'value' must be text, a number or a boolean, not null",
            "{\"value\": [\"1\"]} | 'value' must be text, a number or a boolean, not an array",
            "{\"value\": {\"a\": 1}} | 'value' must be text, a number or a boolean, not an object",
            "{\"value\": \"1\", \"force\": \"yes\"} | 'force' must be true or false, not text",
            "{\"value\": \"1\", \"forse\": true} | unknown field 'forse'; this endpoint takes value, force",
    })
    void badPropertyBodies(String body, String message) {
        assertError(client.put("/api/properties/Port", body), 400, message);
    }

    @ParameterizedTest(name = "{0} gives: {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "{\"binding\": \"5001\", \"command\": \"ON\"} | 'binding' must be an integer, not text",
            "{\"binding\": 1.5, \"command\": \"ON\"} | 'binding' must be an integer, not the number 1.5",
            "{\"binding\": 3000000000, \"command\": \"ON\"} | 'binding' must be an integer, not the number 3000000000",
            "{\"command\": \"ON\"} | 'binding' is missing",
            "{\"binding\": 5001} | 'command' is missing",
            "{\"binding\": 5001, \"command\": \"ON\", \"params\": [1]} | 'params' must be an object, not an array",
            "{\"binding\": 5001, \"command\": \"ON\", \"params\": {\"A\": null}} | 'params.A' must be text, a number or a boolean, not null",
            "{\"binding\": 5001, \"command\": \"ON\", \"params\": {\"A\": {}}} | 'params.A' must be text, a number or a boolean, not an object",
    })
    void badProxyBodies(String body, String message) {
        assertError(client.post("/api/proxy", body), 400, message);
    }

    @Test
    void everyVerbChecksItsBody() {
        assertError(client.post("/api/commands", "{\"params\": {}}"), 400, "'command' is missing");
        assertError(client.post("/api/ui-request", "{\"command\": 1, \"extra\": 1}"), 400, "unknown field 'extra'");
        assertError(client.post("/api/test-condition", "{}"), 400, "'name' is missing");
        assertError(client.post("/api/actions/Reconnect", "{\"params\": 5}"), 400, "'params' must be an object");
        assertError(client.put("/api/variables/LEVEL", "{\"value\": []}"), 400, "'value' must be text");
        assertError(client.put("/api/device-variables/200/1001", "{}"), 400, "'value' is missing");
        assertError(client.put("/api/bindings/6001", "{\"value\": \"x\"}"), 400, "unknown field 'value'");
        assertError(client.post("/api/bind", "{\"providerDevice\": 200}"), 400, "'providerBinding' is missing");
        assertError(client.post("/api/unbind", "{\"consumerDevice\": 100, \"consumerBinding\": true}"), 400,
                "'consumerBinding' must be an integer, not true");
        assertError(client.post("/api/system-event", "{\"name\": \"OnPIP\", \"deviceId\": \"0\"}"), 400,
                "'deviceId' must be an integer");
        assertError(client.post("/api/device-event", "{\"deviceId\": 200}"), 400, "'eventId' is missing");
        assertError(client.post("/api/remove", "{\"now\": true}"), 400, "unknown field 'now': this endpoint takes none");
    }

    @Test
    void pathVariablesThatMustBeIntegers() {
        assertError(client.put("/api/bindings/net", "{\"address\": \"x\"}"), 400,
                "'id' in the path must be an integer, not 'net'");
        assertError(client.put("/api/device-variables/two/1001", "{\"value\": \"x\"}"), 400,
                "'device' in the path must be an integer, not 'two'");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "/api/calls?since=-1 | not '-1'", "/api/output?since=abc | not 'abc'", "/api/calls?since= | not ''"})
    void sinceMustBeANonNegativeInteger(String path, String given) {
        assertError(client.get(path), 400, "'since' must be a non-negative integer, " + given);
    }

    @Test
    void undeclaredNamesOfADeclaredDriver() {
        assertError(client.put("/api/properties/Nope", "{\"value\": \"1\"}"), 404,
                "the driver declares no property 'Nope'");
        assertError(client.post("/api/actions/Nope", null), 404, "the driver declares no action 'Nope'");
    }

    @ParameterizedTest
    @CsvSource({"GET, /api/nothing", "GET, /api/driver/", "GET, /index.html", "PUT, /api/properties/",
            "PUT, /api/properties/Port/extra", "POST, /api/actions"})
    void unknownRoutes(String method, String path) {
        assertError(client.send(method, path, "{}"), 404, "no endpoint " + path);
    }

    @ParameterizedTest
    @CsvSource({"DELETE, /api/properties/Port, PUT", "GET, /api/commands, POST", "POST, /api/driver, GET",
            "POST, /, GET", "PUT, /api/output, GET"})
    void wrongMethods(String method, String path, String allowed) {
        ConsoleClient.Response response = client.send(method, path, "{}");

        assertError(response, 405, method + " is not allowed on " + path + "; allowed: " + allowed);
        assertThat(response.raw().headers().firstValue("Allow")).contains(allowed);
    }

    @Test
    void headIsAWrongMethodWithoutABody() {
        ConsoleClient.Response response = client.send("HEAD", "/api/driver", null);

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.raw().headers().firstValue("Allow")).contains("GET");
        assertThat(response.text()).isEmpty();
    }

    @Test
    void aBodyAboveOneMebibyte() {
        String huge = "{\"value\": \"" + "x".repeat(Request.MAX_BODY_BYTES) + "\"}";

        assertError(client.put("/api/properties/Port", huge), 413, "the body is larger than 1048576 bytes");
    }

    @Test
    void aBrokenPercentEscapeIsRefusedByTheServer() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", console.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /api/properties/%ZZ HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 2\r\n"
                    + "Connection: close\r\n\r\n{}").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(response).startsWith("HTTP/1.1 400");
        }
    }
}
