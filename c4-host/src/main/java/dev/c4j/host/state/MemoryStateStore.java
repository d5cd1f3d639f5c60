package dev.c4j.host.state;

import java.nio.file.Path;
import java.util.function.Consumer;

/** State for one run only: nothing is read or written (every start is {@code DIT_STARTUP}, as the runner says). */
final class MemoryStateStore implements StateStore {

    private final Path scratchDirectory;

    MemoryStateStore(Path scratchDirectory) {
        this.scratchDirectory = scratchDirectory;
    }

    @Override
    public DriverState load(Consumer<String> warnings) {
        return new DriverState();
    }

    @Override
    public void save(DriverState state) {
    }

    @Override
    public void flush() {
    }

    @Override
    public boolean persistent() {
        return false;
    }

    @Override
    public Path directory() {
        return scratchDirectory;
    }

    @Override
    public void close() {
    }
}
