package dev.c4j.api.http;

import java.nio.ByteBuffer;

/** One running transfer: a request, its redirects and their responses. */
public interface HttpTransfer {

    /**
     * What a transfer reports, on the driver's loop, never inside the call that started it. For each response
     * (one per redirect hop; 1xx interim ones are not reported): {@link #headers}, then {@link #bodyChunk} per
     * piece when the body is streamed, then {@link #body}; finally {@link #done} once. A {@code true} from any of
     * the first three aborts: nothing more is read and {@code done} follows with {@link HttpError#ABORTED}.
     */
    interface Listener {
        boolean headers(HttpResponseHead head);

        /** A decoded piece of the body, at most 64 KiB, valid during the call only. */
        boolean bodyChunk(ByteBuffer chunk);

        /** The body is complete: all of it when collected, null when it was streamed. */
        boolean body(byte[] collected);

        /** The transfer ended; not called after {@link HttpTransfer#cancel}. */
        void done(HttpError result);
    }

    /** Stops the transfer; the listener hears nothing more. Harmless when it has ended. */
    void cancel();

    /** True until {@code done} was delivered or the transfer was cancelled. */
    boolean isRunning();
}
