package dev.c4j.api;

import java.nio.ByteBuffer;

/**
 * One read request of a {@link TcpClient} (spec section 3.4). When it is satisfied the client's listener
 * gets {@link TcpClient.Listener#received} once and the request is finished.
 */
public sealed interface ReadRequest {

    /** Largest {@code ReadAtLeast} ("1024 kb"). */
    int MAX_AT_LEAST = 1_048_576;
    /** Largest {@code ReadUpTo} ("4096 kb"), and the receive-buffer limit of the delimiter reads. */
    int MAX_UP_TO = 4_194_304;
    /** Buffer limit of {@code ReadUntil*} and matcher reads; beyond it: ENOBUFS on "read". */
    int MAX_UNTIL_BUFFER = MAX_UP_TO;

    /** Satisfied by at least {@code min} buffered bytes; delivers the whole buffer. */
    record AtLeast(int min) implements ReadRequest {
        public AtLeast {
            if (min < 1 || min > MAX_AT_LEAST) throw new IllegalArgumentException("min " + min);
        }
    }

    /** Satisfied by one byte; delivers up to {@code max} bytes. */
    record UpTo(int max) implements ReadRequest {
        public UpTo {
            if (max < 1 || max > MAX_UP_TO) throw new IllegalArgumentException("max " + max);
        }
    }

    /** Delivers up to and including the first occurrence of {@code delimiter} (non-empty). */
    record Until(byte[] delimiter) implements ReadRequest {
        public Until {
            if (delimiter.length == 0) throw new IllegalArgumentException("empty delimiter");
        }
    }

    /** Delivers up to and including the first byte that is in {@code set} (non-empty). */
    record UntilOneOf(byte[] set) implements ReadRequest {
        public UntilOneOf {
            if (set.length == 0) throw new IllegalArgumentException("empty set");
        }
    }

    /** Delivers up to and including the first byte that is not in {@code set} (non-empty). */
    record UntilOneNotOf(byte[] set) implements ReadRequest {
        public UntilOneNotOf {
            if (set.length == 0) throw new IllegalArgumentException("empty set");
        }
    }

    /** The matcher protocol of {@code ReadUntil(fn)} (spec section 3.5). */
    record Matching(Matcher matcher) implements ReadRequest {
    }

    /** Decides, from the whole current buffer, whether a {@link Matching} request is satisfied. */
    @FunctionalInterface
    interface Matcher {
        /**
         * Called with the whole buffer (valid during the call only) when the request is issued with a
         * non-empty buffer and whenever new bytes arrive while it is outstanding.
         */
        Match match(ByteBuffer buffer);
    }

    /**
     * A matcher's answer. {@code consume} is the number of bytes to remove from the front, or
     * {@link #ALL_OR_NOTHING} when the matcher gave none (done: the whole buffer; not done: nothing).
     * {@code replacement}, when not null, is handed to {@code read} instead of the removed bytes.
     */
    record Match(boolean done, int consume, Object replacement) {
        public static final int ALL_OR_NOTHING = -1;
        public static final Match NOT_YET = new Match(false, ALL_OR_NOTHING, null);
    }
}
