package dev.c4j.host.pkg;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The files of an unpacked package. A symbolic link is followed only while it stays inside the folder, so a link
 * cannot make a file outside the package readable. Names are as case-sensitive as the file system is.
 */
final class FolderFiles implements PackageFiles {

    private final Path root;

    FolderFiles(Path folder) throws IOException {
        this.root = folder.toRealPath();
    }

    @Override
    public Optional<byte[]> read(String name) throws IOException {
        Path file = root.resolve(name);
        if (!Files.isRegularFile(file) || !file.toRealPath().startsWith(root)) {
            return Optional.empty();
        }
        return Optional.of(Files.readAllBytes(file));
    }

    @Override
    public Optional<Path> folder() {
        return Optional.of(root);
    }
}
