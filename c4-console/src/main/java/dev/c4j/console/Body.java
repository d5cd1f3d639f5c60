package dev.c4j.console;

import dev.c4j.api.LuaNumbers;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request's JSON object, read field by field: the one place that decides what a field may hold. Each endpoint
 * names the fields it takes; an unknown field, a missing one or a wrong type is a 400 naming the field, so a typo
 * never reaches the driver as a default.
 *
 * <p>Text fields and parameter values take JSON text, numbers and booleans, converted as Director converts what
 * a driver passes (rules H7, H8): numbers as Lua 5.1's {@code tostring} writes them ({@code 80}, {@code 0.5}),
 * booleans {@code "true"}/{@code "false"}. {@code null}, arrays and objects are refused.
 */
final class Body {

    private static final String PARAMS = "params";

    private final ObjectNode fields;

    private Body(ObjectNode fields) {
        this.fields = fields;
    }

    /** The request's object; an empty body (Jackson's missing node) reads as {@code {}}. */
    static Body of(JsonNode tree, List<String> accepted) {
        if (tree.isMissingNode()) {
            return new Body(Json.object());
        }
        if (!tree.isObject()) {
            throw HttpError.badRequest("the body must be a JSON object, not " + describe(tree));
        }
        for (Map.Entry<String, JsonNode> field : tree.properties()) {
            String name = field.getKey();
            if (!accepted.contains(name)) {
                throw HttpError.badRequest("unknown field '" + name + "'"
                        + (accepted.isEmpty() ? ": this endpoint takes none" : "; this endpoint takes "
                        + String.join(", ", accepted)));
            }
        }
        return new Body((ObjectNode) tree);
    }

    String text(String name) {
        return asText(name, required(name));
    }

    String text(String name, String fallback) {
        JsonNode node = fields.get(name);
        return node == null ? fallback : asText(name, node);
    }

    /** An optional boolean, false when absent. */
    boolean flag(String name) {
        JsonNode node = fields.get(name);
        if (node == null) {
            return false;
        }
        if (!node.isBoolean()) {
            throw HttpError.badRequest("'" + name + "' must be true or false, not " + describe(node));
        }
        return node.booleanValue();
    }

    int integer(String name) {
        return asInteger(name, required(name));
    }

    int integer(String name, int fallback) {
        JsonNode node = fields.get(name);
        return node == null ? fallback : asInteger(name, node);
    }

    /** {@code "params"}: an object of text values (rule H6), empty when absent. */
    Map<String, String> params() {
        JsonNode node = fields.get(PARAMS);
        if (node == null) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw HttpError.badRequest("'" + PARAMS + "' must be an object, not " + describe(node));
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            params.put(entry.getKey(), asText(PARAMS + "." + entry.getKey(), entry.getValue()));
        }
        return params;
    }

    private JsonNode required(String name) {
        JsonNode node = fields.get(name);
        if (node == null) {
            throw HttpError.badRequest("'" + name + "' is missing");
        }
        return node;
    }

    private static String asText(String name, JsonNode node) {
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isNumber()) {
            return LuaNumbers.format(node.doubleValue());
        }
        if (node.isBoolean()) {
            return node.toString();
        }
        throw HttpError.badRequest("'" + name + "' must be text, a number or a boolean, not " + describe(node));
    }

    private static int asInteger(String name, JsonNode node) {
        if (node.isNumber() && node.canConvertToExactIntegral() && node.canConvertToInt()) {
            return node.intValue();
        }
        throw HttpError.badRequest("'" + name + "' must be an integer, not " + describe(node));
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case STRING -> "text";
            case NUMBER -> "the number " + node;
            case BOOLEAN -> node.toString();
            case NULL -> "null";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> node.getNodeType().toString().toLowerCase(Locale.ROOT);
        };
    }
}
