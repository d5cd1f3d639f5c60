package dev.c4j.api.host;

import java.io.IOException;
import java.util.Optional;

/**
 * A driver as its author ships it (host spec §1.1): a {@code .c4z} zip, the same tree in a folder, a {@code .c4i}
 * single file, or a bare {@code .lua} file; its manifest and its files, read in place.
 */
public interface DriverPackage {

    /** The driver's name for messages and output prefixes: the package file name without its extension. */
    String name();

    /** The package file or folder name, e.g. {@code "esphome.c4z"} ({@code GetDriverFileName}). */
    String fileName();

    DriverManifest manifest();

    /** The main script's source bytes. */
    byte[] script();

    /** The main script's chunk name for Lua messages, e.g. {@code "@driver.lua"}. */
    String scriptChunkName();

    /**
     * A file of the package by its relative name with {@code /} separators ({@code require}, the {@code C4Z} file
     * alias); empty when there is none. Names that are absolute or contain {@code ..} are never resolved.
     * A {@code .c4i} or bare {@code .lua} driver has no files besides its script.
     */
    Optional<byte[]> file(String relativeName) throws IOException;

    /** Whether the package has files besides its script (not so for {@code .c4i} and bare {@code .lua}). */
    boolean hasFiles();

    /**
     * The package's folder on this host, for read-only access to its files by path (the {@code C4Z} file alias);
     * empty for a {@code .c4z} read in place, a {@code .c4i} and bare source.
     */
    default Optional<java.nio.file.Path> folder() {
        return Optional.empty();
    }
}
