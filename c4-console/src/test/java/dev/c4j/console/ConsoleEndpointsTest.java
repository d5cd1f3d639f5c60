package dev.c4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.c4j.api.host.DirectorCall;
import dev.c4j.api.host.EntryResult;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every endpoint, answered: what reached the control and what came back. */
class ConsoleEndpointsTest extends ConsoleTestBase {

    private static final String JSON = "application/json; charset=utf-8";

    private ConsoleClient.Response ok(ConsoleClient.Response response) {
        assertThat(response.status()).as(response.text()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo(JSON);
        return response;
    }

    @Test
    void driverShowsTheSnapshotAndTheManifest() {
        JsonNode driver = ok(client.get("/api/driver")).json();

        assertThat(driver.get("name").asText()).isEqualTo("fake");
        assertThat(driver.get("engine").asText()).isEqualTo("luaj");
        assertThat(driver.get("deviceId").asInt()).isEqualTo(100);
        assertThat(driver.get("proxyIds").toString()).isEqualTo("[101,102]");
        assertThat(driver.get("properties").toString()).isEqualTo("{\"Port\":\"2323\"}");
        assertThat(driver.get("variables").toString()).isEqualTo("{\"LEVEL\":\"5\"}");
        JsonNode manifest = driver.get("manifest");
        assertThat(manifest.get("declared").asBoolean()).isTrue();
        assertThat(manifest.get("properties").get(0).toString()).isEqualTo("{\"name\":\"Port\","
                + "\"type\":\"RANGED_INTEGER\",\"default\":\"2323\",\"readonly\":false,\"items\":[],\"minimum\":1,"
                + "\"maximum\":65535,\"description\":\"TCP port\"}");
        assertThat(manifest.get("properties").get(1).get("items").toString()).isEqualTo("[\"Auto\",\"Manual\"]");
        assertThat(manifest.get("properties").get(2).get("readonly").asBoolean()).isTrue();
        assertThat(manifest.get("commands").get(0).toString()).isEqualTo("{\"name\":\"Set Level\","
                + "\"description\":\"Sets the level\",\"params\":[{\"name\":\"LEVEL\",\"type\":\"RANGED_INTEGER\","
                + "\"items\":[],\"minimum\":0,\"maximum\":100}]}");
        assertThat(manifest.get("actions").get(0).toString())
                .isEqualTo("{\"name\":\"Reconnect Now\",\"command\":\"Reconnect\",\"params\":[]}");
        assertThat(manifest.get("events").get(0).toString())
                .isEqualTo("{\"id\":1,\"name\":\"Power On\",\"description\":\"The receiver turned on\"}");
        assertThat(manifest.get("connections").get(0).toString()).isEqualTo("{\"id\":6001,\"type\":4,"
                + "\"name\":\"Receiver\",\"consumer\":true,\"classes\":[\"TCP\"],"
                + "\"ports\":[{\"number\":23,\"options\":{\"AUTO_CONNECT\":\"True\"}}]}");
        assertThat(manifest.get("proxies").get(0).toString())
                .isEqualTo("{\"bindingId\":5001,\"type\":\"receiver\",\"name\":\"Receiver\",\"primary\":true}");
        assertThat(manifest.get("conditionals").get(0).toString()).isEqualTo("{\"id\":1,\"name\":\"IS_ON\","
                + "\"type\":\"BOOL\",\"trueText\":\"On\",\"falseText\":\"Off\"}");
        assertThat(control.requests).isEmpty();
    }

    @Test
    void setPropertyAnswersAfterOnPropertyChanged() {
        JsonNode answer = ok(client.put("/api/properties/Port", "{\"value\": \"2424\"}")).json();

        assertThat(control.requests).containsExactly("setProperty(Port, 2424, false)");
        assertThat(answer.toString()).isEqualTo("{\"handled\":true,\"result\":null}");
    }

    @Test
    void setPropertyByAnEncodedNameCanForce() {
        ok(client.put("/api/properties/Driver%20Version", "{\"value\": \"2\", \"force\": true}"));

        assertThat(control.requests).containsExactly("setProperty(Driver Version, 2, true)");
    }

    @Test
    void aBareDriverTakesAnyPropertyName() {
        control.manifest = Manifests.bare();

        ok(client.put("/api/properties/Anything", "{\"value\": \"x\"}"));

        assertThat(control.requests).containsExactly("setProperty(Anything, x, false)");
    }

    @Test
    void commandAnswersTheEntryPointsResult() {
        Map<Object, Object> table = new LinkedHashMap<>();
        table.put(1.0, "ok");
        table.put(2.0, 42.0);
        control.answer(EntryResult.returned(Map.of("status", table)));

        JsonNode answer = ok(client.post("/api/commands",
                "{\"command\": \"Set Level\", \"params\": {\"LEVEL\": 50, \"RAMP\": 0.5, \"FADE\": true}}")).json();

        assertThat(control.requests).containsExactly("command(Set Level, {LEVEL=50, RAMP=0.5, FADE=true})");
        assertThat(answer.toString()).isEqualTo("{\"handled\":true,\"result\":{\"status\":[\"ok\",42]}}");
    }

    @Test
    void aCommandWithoutAHandlerIsUnhandled() {
        control.answer(EntryResult.UNHANDLED);

        JsonNode answer = ok(client.post("/api/commands", "{\"command\": \"Undeclared\"}")).json();

        assertThat(control.requests).containsExactly("command(Undeclared, {})");
        assertThat(answer.toString()).isEqualTo("{\"handled\":false,\"result\":null}");
    }

    @Test
    void aCommandThatRaisedAnswersItsError() {
        control.answer(EntryResult.failed("driver.lua:3: attempt to index a nil value"));

        JsonNode answer = ok(client.post("/api/commands", "{\"command\": \"Boom\"}")).json();

        assertThat(answer.toString()).isEqualTo("{\"handled\":true,\"result\":null,"
                + "\"error\":\"driver.lua:3: attempt to index a nil value\"}");
    }

    @Test
    void actionRunsByNameWithOrWithoutParams() {
        ok(client.post("/api/actions/Reconnect%20Now", null));
        ok(client.post("/api/actions/Reconnect", "{\"params\": {\"FAST\": \"1\"}}"));

        assertThat(control.requests).containsExactly("action(Reconnect Now, {})", "action(Reconnect, {FAST=1})");
    }

    @Test
    void proxyMessage() {
        ok(client.post("/api/proxy", "{\"binding\": 5001, \"command\": \"ON\", \"params\": {\"ARGS\": \"<args/>\"}}"));

        assertThat(control.requests).containsExactly("proxy(5001, ON, {ARGS=<args/>})");
    }

    @Test
    void uiRequestAnswersItsText() {
        control.answer(EntryResult.returned("<ok/>"));

        JsonNode answer = ok(client.post("/api/ui-request", "{\"command\": \"GET_STATE\"}")).json();

        assertThat(control.requests).containsExactly("uiRequest(GET_STATE, {})");
        assertThat(answer.get("result").asText()).isEqualTo("<ok/>");
    }

    @Test
    void testConditionAnswersItsTruth() {
        control.answer(EntryResult.returned(true));

        JsonNode answer = ok(client.post("/api/test-condition",
                "{\"name\": \"IS_ON\", \"params\": {\"VALUE\": \"On\"}}")).json();

        assertThat(control.requests).containsExactly("testCondition(IS_ON, {VALUE=On})");
        assertThat(answer.get("result").asBoolean()).isTrue();
    }

    @Test
    void settingsOfVariablesDevicesAndBindings() {
        ok(client.put("/api/variables/LEVEL", "{\"value\": 7}"));
        ok(client.put("/api/variables/LOCKED", "{\"value\": \"1\", \"force\": true}"));
        ok(client.put("/api/device-variables/200/1001", "{\"value\": \"on\"}"));
        ok(client.put("/api/bindings/6001", "{\"address\": \"192.168.1.20\"}"));

        assertThat(control.requests).containsExactly("setVariable(LEVEL, 7, false)",
                "setVariable(LOCKED, 1, true)", "setDeviceVariable(200, 1001, on)",
                "setBindingAddress(6001, 192.168.1.20)");
    }

    @Test
    void theProjectAroundTheDriver() {
        ok(client.post("/api/bind", "{\"providerDevice\": 200, \"providerBinding\": 1, \"consumerDevice\": 100, "
                + "\"consumerBinding\": 5, \"class\": \"TV\"}"));
        ok(client.post("/api/unbind", "{\"consumerDevice\": 100, \"consumerBinding\": 5}"));
        ok(client.post("/api/system-event", "{\"name\": \"OnPIP\"}"));
        ok(client.post("/api/system-event", "{\"name\": \"OnProjectChanged\", \"deviceId\": 200, \"data\": \"x\"}"));
        ok(client.post("/api/device-event", "{\"deviceId\": 200, \"eventId\": 3}"));
        ok(client.post("/api/remove", null));

        assertThat(control.requests).containsExactly("bind(200, 1, 100, 5, TV)", "unbind(100, 5)",
                "systemEvent(OnPIP, 0, )", "systemEvent(OnProjectChanged, 200, x)", "deviceEvent(200, 3)",
                "remove()");
    }

    @Test
    void pageIsSelfContainedHtml() {
        ConsoleClient.Response page = client.get("/");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.contentType()).isEqualTo("text/html; charset=utf-8");
        assertThat(page.text()).contains("<title>c4j console</title>", "/api/properties/{name}", "/api/output")
                .doesNotContain("src=\"http", "href=\"http");
    }

    @Test
    void callsAreTheRecordAsJson() {
        control.recordCalls(2);

        JsonNode page = ok(client.get("/api/calls")).json();

        assertThat(page.get("calls").get(0).toString()).isEqualTo("{\"seq\":1,\"time\":1000,\"driver\":\"fake\","
                + "\"function\":\"UpdateProperty\",\"args\":[\"Port\",2301],\"result\":true,\"notes\":[]}");
        assertThat(page.get("next").asLong()).isEqualTo(2);
    }

    @Test
    void outputLinesKeepTheirKindAndText() {
        output.add(OutputLine.print(1, "caf\u00e9 \u2713".getBytes(StandardCharsets.UTF_8)));
        output.add(OutputLine.print(2, new byte[] {'a', (byte) 0xFF, 'b'}));
        output.add(OutputLine.message(3, "driver.lua:1: oops"));

        JsonNode page = ok(client.get("/api/output")).json();

        assertThat(page.toString()).isEqualTo("{\"lines\":["
                + "{\"seq\":1,\"kind\":\"print\",\"text\":\"caf\u00e9 \u2713\"},"
                + "{\"seq\":2,\"kind\":\"print\",\"text\":\"a\ufffdb\"},"
                + "{\"seq\":3,\"kind\":\"message\",\"text\":\"driver.lua:1: oops\"}],\"next\":3}");
    }

    @Test
    void theControlsRecordKeepsNilArguments() {
        control.record.add(new DirectorCall(1, 5, "fake", "SetTimer",
                Arrays.asList(1000.0, null), null, List.of("early")));

        JsonNode call = ok(client.get("/api/calls")).json().get("calls").get(0);

        assertThat(call.get("args").toString()).isEqualTo("[1000,null]");
        assertThat(call.get("result").isNull()).isTrue();
        assertThat(call.get("notes").toString()).isEqualTo("[\"early\"]");
    }
}
