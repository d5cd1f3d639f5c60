package dev.c4j.api.host;

import dev.c4j.api.DriverLoop;
import dev.c4j.api.DriverNetwork;
import dev.c4j.api.TimerService;

/**
 * How Director reaches into one hosted driver: implemented by the Lua face. Every method but {@link #loop()}
 * runs on the driver's loop only; Director posts to it (rule H4: an entry point caused by the driver's own call
 * runs on a later turn, never inside that call).
 */
public interface DriverPort {

    DriverLoop loop();

    /** The driver's sockets: Director owns those of network bindings and legacy servers (host spec §4, §6). */
    DriverNetwork network();

    /** The driver's timers, on its clock: Director's reconnect delays use them (rule H12). */
    TimerService timers();

    /** The engine's configuration name ({@code luaj}, {@code jnlua}, {@code luajit}). */
    String engine();

    /** A warning about the driver (text without a prefix), to wherever its runtime messages go. Any thread. */
    void warning(String text);

    /**
     * Sets {@code Properties[key]} or {@code Variables[key]} (the global {@code table}) in the driver's state;
     * a null value removes the entry.
     */
    void mirror(String table, String key, String value);

    /** Stops the driver ({@code OnDriverDestroyed}, then teardown) once the current loop turn is done. Any thread. */
    void stopDriver();

    /** Calls the driver's global function {@code entryPoint} with plain values; a Lua error is reported. */
    EntryResult call(String entryPoint, Object... args);
}
