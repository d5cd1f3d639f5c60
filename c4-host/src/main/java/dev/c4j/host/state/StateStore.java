package dev.c4j.host.state;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Where one driver's {@link DriverState} lives between runs. {@link #inMemory()} keeps nothing beyond the run;
 * {@link #directory} keeps it in a folder, written atomically off the driver's loop.
 */
public interface StateStore extends AutoCloseable {

    /**
     * The state of the last run, or an empty one (version null) the first time. A corrupt file gives a warning
     * through {@code warnings} and an empty state; the corrupt file is kept aside, never deleted.
     */
    DriverState load(Consumer<String> warnings);

    /** Saves a snapshot; returns at once, the write happens on the store's own thread. Later saves supersede. */
    void save(DriverState state);

    /** Waits until every save requested so far is on disk. */
    void flush();

    /** Whether state outlives the run. */
    boolean persistent();

    /** The folder for the driver's files sandbox (§7.5) and other per-driver data. */
    Path directory();

    /** Flushes, then stops the writer. */
    @Override
    void close();

    static StateStore inMemory(Path scratchDirectory) {
        return new MemoryStateStore(scratchDirectory);
    }

    static StateStore directory(Path directory) {
        return new FileStateStore(directory);
    }
}
