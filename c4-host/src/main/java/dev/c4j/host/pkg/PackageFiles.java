package dev.c4j.host.pkg;

import java.io.IOException;
import java.util.Optional;

/** Where a package's files are read from: a folder, a zip, or nowhere ({@code .c4i} and bare {@code .lua}). */
interface PackageFiles {

    /** A {@code .c4i} or bare {@code .lua} driver has no files besides its script. */
    PackageFiles NONE = name -> Optional.empty();

    /** The bytes of a regular file; {@code name} is already {@linkplain RelativeNames#normalize normalised}. */
    Optional<byte[]> read(String name) throws IOException;

    /** The folder the files are in, when they are in one. */
    default Optional<java.nio.file.Path> folder() {
        return Optional.empty();
    }
}
