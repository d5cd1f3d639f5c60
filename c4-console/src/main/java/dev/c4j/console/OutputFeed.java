package dev.c4j.console;

import java.util.List;

/**
 * The driver's output as the console shows it ({@code GET /api/output}): each line it printed and each runtime
 * message about it, numbered in the order they happened. The runtime implements it; the console calls it from its
 * own threads, so an implementation must be thread-safe and must not call into Lua.
 */
@FunctionalInterface
public interface OutputFeed {

    /** The lines whose sequence number is greater than {@code seq}, oldest first; every line kept for 0. */
    List<OutputLine> since(long seq);

    /** A feed that never has a line. */
    static OutputFeed none() {
        return seq -> List.of();
    }
}
