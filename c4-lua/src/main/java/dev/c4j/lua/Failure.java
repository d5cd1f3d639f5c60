package dev.c4j.lua;

/**
 * A helper could not do what it was asked (bad JSON, an unknown digest, a key too long, ...). The calls whose
 * failures are results (spec H7: JSON, encodings, digests and ciphers) hand the message to Lua as
 * {@code nil, message}; see {@link Args#failSoftly}.
 */
final class Failure extends RuntimeException {

    Failure(String message) {
        super(message, null, false, false);
    }

    Failure(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
