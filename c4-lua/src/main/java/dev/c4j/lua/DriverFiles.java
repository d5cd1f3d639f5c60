package dev.c4j.lua;

import java.nio.file.Path;

/**
 * Where a driver's files live (host spec 7.5), given by its host.
 *
 * @param sandbox     the driver's file sandbox ({@code SANDBOX}), created when missing; null: a fresh temporary
 *                    directory made on first use and deleted when the driver stops
 * @param packageRoot the driver's own package ({@code C4Z}), read-only; null: {@code C4Z} is refused
 */
public record DriverFiles(Path sandbox, Path packageRoot) {

    /** A temporary sandbox and no package. */
    public static DriverFiles temporary() {
        return new DriverFiles(null, null);
    }
}
