package dev.c4j.net;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one policy for calling the listener of a server or client: what it throws is logged and swallowed, so a
 * failure on the driver's side never unwinds c4-net's state handling or the Netty pipeline.
 */
final class ListenerCalls {

    private static final Logger log = LoggerFactory.getLogger(ListenerCalls.class);

    private ListenerCalls() {
    }

    /** Runs {@code call}; {@code what} names it in the log, e.g. {@code "client connected()"}. */
    static void call(String what, Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            log.warn("listener failed in {}", what, e);
        }
    }
}
