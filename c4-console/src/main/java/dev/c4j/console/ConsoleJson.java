package dev.c4j.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.c4j.api.host.DirectorCall;
import dev.c4j.api.host.DriverControl.DriverInfo;
import dev.c4j.api.host.DriverManifest;
import dev.c4j.api.host.EntryResult;
import java.util.List;
import java.util.function.Function;

/**
 * The shapes of the console's answers, written field by field so that renaming a Java component never changes
 * the wire format (docs/console.md describes them).
 */
final class ConsoleJson {

    private ConsoleJson() {
    }

    static ObjectNode driver(DriverInfo info) {
        ObjectNode json = Json.object()
                .put("name", info.name())
                .put("engine", info.engine())
                .put("deviceId", info.deviceId());
        json.set("proxyIds", PlainValues.toJson(info.proxyIds()));
        json.set("properties", PlainValues.toJson(info.properties()));
        json.set("variables", PlainValues.toJson(info.variables()));
        json.set("manifest", manifest(info.manifest()));
        return json;
    }

    /** {@code handled}, {@code result}, and {@code error} when the entry point raised a Lua error. */
    static ObjectNode entryResult(EntryResult result) {
        ObjectNode json = Json.object().put("handled", result.handled());
        json.set("result", PlainValues.toJson(result.value()));
        if (result.status() == EntryResult.Status.FAILED) {
            json.put("error", result.error());
        }
        return json;
    }

    static ObjectNode call(DirectorCall call) {
        ObjectNode json = Json.object()
                .put("seq", call.seq())
                .put("time", call.timeMillis())
                .put("driver", call.driver())
                .put("function", call.function());
        json.set("args", PlainValues.toJson(call.args()));
        json.set("result", PlainValues.toJson(call.result()));
        json.set("notes", PlainValues.toJson(call.notes()));
        return json;
    }

    static ObjectNode line(OutputLine line) {
        return Json.object()
                .put("seq", line.seq())
                .put("kind", line.kind().jsonName())
                .put("text", line.text());
    }

    static <T> ArrayNode array(List<T> items, Function<T, ? extends JsonNode> shape) {
        ArrayNode array = Json.array();
        items.forEach(item -> array.add(shape.apply(item)));
        return array;
    }

    private static ObjectNode manifest(DriverManifest manifest) {
        ObjectNode json = Json.object()
                .put("declared", manifest.declared())
                .put("name", manifest.name())
                .put("version", manifest.version());
        json.set("properties", array(manifest.properties(), ConsoleJson::property));
        json.set("commands", array(manifest.commands(), ConsoleJson::command));
        json.set("actions", array(manifest.actions(), ConsoleJson::action));
        json.set("events", array(manifest.events(), ConsoleJson::event));
        json.set("connections", array(manifest.connections(), ConsoleJson::connection));
        json.set("proxies", array(manifest.proxies(), ConsoleJson::proxy));
        json.set("conditionals", array(manifest.conditionals(), ConsoleJson::conditional));
        return json;
    }

    private static ObjectNode property(DriverManifest.Property property) {
        ObjectNode json = Json.object()
                .put("name", property.name())
                .put("type", property.type())
                .put("default", property.defaultValue())
                .put("readonly", property.readOnly());
        json.set("items", PlainValues.toJson(property.items()));
        json.set("minimum", PlainValues.toJson(property.minimum()));
        json.set("maximum", PlainValues.toJson(property.maximum()));
        json.put("description", property.description());
        return json;
    }

    private static ObjectNode command(DriverManifest.Command command) {
        ObjectNode json = Json.object()
                .put("name", command.name())
                .put("description", command.description());
        json.set("params", array(command.params(), ConsoleJson::param));
        return json;
    }

    private static ObjectNode action(DriverManifest.Action action) {
        ObjectNode json = Json.object()
                .put("name", action.name())
                .put("command", action.command());
        json.set("params", array(action.params(), ConsoleJson::param));
        return json;
    }

    private static ObjectNode param(DriverManifest.Param param) {
        ObjectNode json = Json.object()
                .put("name", param.name())
                .put("type", param.type());
        json.set("items", PlainValues.toJson(param.items()));
        json.set("minimum", PlainValues.toJson(param.minimum()));
        json.set("maximum", PlainValues.toJson(param.maximum()));
        return json;
    }

    private static ObjectNode event(DriverManifest.Event event) {
        return Json.object()
                .put("id", event.id())
                .put("name", event.name())
                .put("description", event.description());
    }

    private static ObjectNode connection(DriverManifest.Connection connection) {
        ObjectNode json = Json.object()
                .put("id", connection.id())
                .put("type", connection.type())
                .put("name", connection.name())
                .put("consumer", connection.consumer());
        json.set("classes", PlainValues.toJson(connection.classes()));
        json.set("ports", array(connection.ports(), port -> {
            ObjectNode shape = Json.object().put("number", port.number());
            shape.set("options", PlainValues.toJson(port.options()));
            return shape;
        }));
        return json;
    }

    private static ObjectNode proxy(DriverManifest.Proxy proxy) {
        return Json.object()
                .put("bindingId", proxy.bindingId())
                .put("type", proxy.type())
                .put("name", proxy.name())
                .put("primary", proxy.primary());
    }

    private static ObjectNode conditional(DriverManifest.Conditional conditional) {
        return Json.object()
                .put("id", conditional.id())
                .put("name", conditional.name())
                .put("type", conditional.type())
                .put("trueText", conditional.trueText())
                .put("falseText", conditional.falseText());
    }
}
