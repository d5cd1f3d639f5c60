package dev.c4j.runtime;

/**
 * The configured engine cannot be used: its name is unknown, or it cannot run on this platform (a native
 * library that does not load). The message is meant for the user as it is, with no stack trace.
 */
public final class EngineException extends RuntimeException {

    private EngineException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code origin} says where the name came from (e.g. "environment variable C4_ENGINE"), or null. */
    static EngineException unknown(String name, String origin) {
        return new EngineException("unknown engine '" + name + "'" + (origin == null ? "" : " (from " + origin + ")")
                + "; available engines: " + String.join(", ", Engines.names()), null);
    }

    static EngineException unavailable(String name, Throwable cause) {
        return new EngineException("engine '" + name + "' cannot run on this platform: " + cause.getMessage()
                + "; available engines: " + String.join(", ", Engines.names()), cause);
    }
}
