package dev.c4j.runtime;

/** What destinations drivers may connect to: the runner's {@code --network any|loopback}. */
public enum NetworkAccess {
    /** Any host (the runner's default). */
    ANY,
    /** Only 127.0.0.0/8 and ::1, refused before any name lookup (the testkit's default). */
    LOOPBACK
}
