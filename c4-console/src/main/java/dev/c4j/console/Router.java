package dev.c4j.console;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The server's one handler: finds the route for a request's method and path, runs it and writes its reply.
 * No route for the path is a 404, a route for the path but not the method a 405; an {@link HttpError} becomes its
 * status with {@code {"error": message}}, anything else thrown a 500.
 */
final class Router implements HttpHandler {

    private final List<Route> routes;

    Router(List<Route> routes) {
        this.routes = List.copyOf(routes);
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try {
            send(exchange, answer(exchange));
        } finally {
            exchange.close();
        }
    }

    private Reply answer(HttpExchange exchange) {
        try {
            return route(exchange);
        } catch (HttpError e) {
            return Reply.error(e.status(), e.getMessage());
        } catch (RuntimeException e) {
            return Reply.error(500, "internal error: " + e);
        }
    }

    private Reply route(HttpExchange exchange) {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        List<String> segments = Route.segments(path).stream().map(Router::decode).toList();
        Set<String> allowed = new LinkedHashSet<>();
        for (Route route : routes) {
            Optional<Map<String, String>> variables = route.match(segments);
            if (variables.isEmpty()) {
                continue;
            }
            if (route.method().equals(method)) {
                return route.handler().handle(new Request(exchange, variables.get()));
            }
            allowed.add(route.method());
        }
        if (allowed.isEmpty()) {
            throw HttpError.notFound("no endpoint " + path);
        }
        exchange.getResponseHeaders().set("Allow", String.join(", ", allowed));
        return Reply.error(405, method + " is not allowed on " + path + "; allowed: " + String.join(", ", allowed));
    }

    /** A path segment's percent-escapes decoded; a {@code +} stays a plus (it means a space only in queries). */
    private static String decode(String segment) {
        return Request.decode(segment.replace("+", "%2B"));
    }

    private static void send(HttpExchange exchange, Reply reply) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.getResponseHeaders().set("Cache-Control", "no-store");
        if (exchange.getRequestMethod().equals("HEAD")) { // no route answers HEAD, and its reply has no body
            exchange.sendResponseHeaders(reply.status(), -1);
            return;
        }
        exchange.sendResponseHeaders(reply.status(), reply.body().length);
        try (OutputStream body = exchange.getResponseBody()) {
            body.write(reply.body());
        }
    }
}
