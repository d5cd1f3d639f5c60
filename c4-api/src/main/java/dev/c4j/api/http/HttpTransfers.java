package dev.c4j.api.http;

/**
 * The HTTP client of one driver: its transfers run on the driver's loop and its timer clock, follow the driver's
 * egress policy, and share a per-host connection limit and a cookie jar.
 */
public interface HttpTransfers {

    /** The default and the range of {@link #maxHostConnections(int)} ({@code urlSetOption}). */
    int DEFAULT_MAX_HOST_CONNECTIONS = 1;
    int MAX_MAX_HOST_CONNECTIONS = 5;

    /** Starts a transfer; it may wait for its host's turn. Callable from the loop (see {@code DriverLoop}). */
    HttpTransfer start(HttpRequest request, HttpTransfer.Listener listener);

    /** How many transfers run at once to one host and port; the others wait in order. */
    void maxHostConnections(int perHost);

    int maxHostConnections();

    /** The driver's in-memory cookie jar. */
    CookieJar cookies();

    /** Cancels every transfer silently (driver teardown). */
    void cancelAll();
}
