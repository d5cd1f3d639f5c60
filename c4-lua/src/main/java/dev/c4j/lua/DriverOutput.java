package dev.c4j.lua;

/**
 * Where a driver's output goes. The runner sends {@link #print} to standard output and {@link #message} to
 * standard error; the testkit captures both.
 */
public interface DriverOutput {

    /** One {@code print} (or {@code hexdump}) line: exactly the bytes Lua produced, without a line end. */
    void print(String driverName, byte[] line);

    /**
     * A runtime message about the driver: a Lua error with its traceback, a warning such as a networking
     * call during {@code OnDriverInit}. May span several lines.
     */
    void message(String driverName, String text);

    /** What a runtime message is about: tests tell errors from warnings, a terminal shows them all. */
    enum Kind {
        /** Something failed: a Lua error with its traceback, an internal error, a value that could not be stored. */
        ERROR(""),
        /** Advice the controller would give too: a call made too early, an unknown name, a refused destination. */
        WARNING("warning: "),
        /** The driver's own log ({@code C4:ErrorLog}, {@code C4:DebugLog}) and the runtime's notices. */
        LOG("");

        private final String prefix;

        Kind(String prefix) {
            this.prefix = prefix;
        }

        /** How the text of a message of this kind starts ({@code "warning: "} for warnings). */
        public String prefix() {
            return prefix;
        }
    }

    /**
     * A runtime message of a {@link Kind}. By default it goes to {@link #message(String, String)} with the kind's
     * {@linkplain Kind#prefix() prefix}; outputs that keep kinds apart (the testkit's) override this.
     */
    default void message(String driverName, Kind kind, String text) {
        message(driverName, kind.prefix() + text);
    }
}
