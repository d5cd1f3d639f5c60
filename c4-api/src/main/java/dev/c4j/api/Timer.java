package dev.c4j.api;

/** A scheduled timer of a driver. */
public interface Timer {

    /** No further expiries. Safe to repeat, safe inside the timer's own task, a no-op after a one-shot fired. */
    void cancel();

    /** True until a one-shot timer has fired or any timer is cancelled. */
    boolean isActive();
}
