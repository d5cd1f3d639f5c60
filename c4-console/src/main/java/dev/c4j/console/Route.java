package dev.c4j.console;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An endpoint: a method, a path pattern whose {@code {name}} segments are variables, and what answers it.
 *
 * @param pattern e.g. {@code /api/properties/{name}}
 */
record Route(String method, String pattern, Handler handler) {

    /** Answers a routed request; throws {@link HttpError} for a 4xx/5xx. */
    @FunctionalInterface
    interface Handler {
        Reply handle(Request request);
    }

    static Route get(String pattern, Handler handler) {
        return new Route("GET", pattern, handler);
    }

    static Route put(String pattern, Handler handler) {
        return new Route("PUT", pattern, handler);
    }

    static Route post(String pattern, Handler handler) {
        return new Route("POST", pattern, handler);
    }

    /** The variables when {@code segments} (a decoded path, split at {@code /}) fit the pattern. */
    Optional<Map<String, String>> match(List<String> segments) {
        List<String> parts = segments(pattern);
        if (parts.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> variables = new HashMap<>();
        for (int i = 0; i < parts.size(); i++) {
            String part = parts.get(i);
            String segment = segments.get(i);
            if (part.startsWith("{") && part.endsWith("}") && !segment.isEmpty()) {
                variables.put(part.substring(1, part.length() - 1), segment);
            } else if (!part.equals(segment)) {
                return Optional.empty();
            }
        }
        return Optional.of(variables);
    }

    /** {@code /api/properties/Port} as {@code [api, properties, Port]}; {@code /} as {@code [""]}. */
    static List<String> segments(String path) {
        return List.of(path.substring(path.startsWith("/") ? 1 : 0).split("/", -1));
    }
}
