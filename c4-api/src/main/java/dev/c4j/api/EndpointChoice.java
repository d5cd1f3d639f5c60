package dev.c4j.api;

/**
 * The pending choice of endpoint after a name was resolved (spec section 4). Only the first call counts;
 * later calls, and calls after the object was closed, are ignored. Choosing never runs a listener method
 * inside the call: what follows is posted to the loop.
 */
public interface EndpointChoice {

    /** {@code oneBasedIndex} in 1..n picks that endpoint; any other value cancels (EINVAL, "resolve"). */
    void choose(int oneBasedIndex);

    /** Picks the first endpoint. */
    void chooseDefault();

    /** True until a choice was made or the operation ended. */
    boolean isOpen();
}
