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
}
