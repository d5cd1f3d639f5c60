package dev.c4j.runtime;

import dev.c4j.host.state.StateStore;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/**
 * The state stores of a runtime's drivers: {@code root/<driver name>/} when a state directory is configured,
 * else a store for the run only whose scratch folder (the files sandbox) is deleted when the runtime closes.
 */
final class DriverStates implements AutoCloseable {

    private final Path root;
    private final List<StateStore> stores = new ArrayList<>();
    private Path scratch;

    DriverStates(Path root) {
        this.root = root;
    }

    synchronized StateStore store(String driverName) {
        StateStore store = root != null ? StateStore.directory(root.resolve(driverName))
                : StateStore.inMemory(scratch().resolve(driverName));
        stores.add(store);
        return store;
    }

    private Path scratch() {
        if (scratch == null) {
            try {
                scratch = Files.createTempDirectory("c4j-state-");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make a temporary state folder", e);
            }
        }
        return scratch;
    }

    @Override
    public synchronized void close() {
        stores.forEach(StateStore::close);
        stores.clear();
        if (scratch != null) {
            deleteTree(scratch);
            scratch = null;
        }
    }

    private static void deleteTree(Path top) {
        try {
            Files.walkFileTree(top, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
