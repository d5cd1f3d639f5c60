package dev.c4j.lua.spi;

/** The engine cannot run here (its native library does not load on this platform, ...). */
public class EngineUnavailableException extends RuntimeException {
    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
