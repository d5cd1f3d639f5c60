package dev.c4j.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** {@code GET /}: one self-contained page (no external assets) listing the endpoints, the properties and the output. */
final class PageEndpoint {

    private final byte[] page = load("console.html");

    List<Route> routes() {
        return List.of(Route.get("/", request -> Reply.html(page)));
    }

    private static byte[] load(String resource) {
        try (InputStream in = PageEndpoint.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
