package dev.c4j.api.host;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One entry of the Director record (rule H1): a call the driver made ({@code C4:UpdateProperty}) or an entry
 * point the host called ({@code OnPropertyChanged}), in the order they happened.
 *
 * @param seq      1, 2, 3, ... per runtime
 * @param timeMillis the driver clock's monotonic time in milliseconds (virtual time in tests)
 * @param driver   the driver's name
 * @param function the call's name without {@code C4:}, e.g. {@code "UpdateProperty"}, or an entry point's
 * @param args     the arguments as plain copies: strings as {@link String}, numbers as {@link Double}, tables as
 *                 maps, functions as {@code "<function>"}
 * @param result   what the call returned, likewise; null for nothing
 * @param notes    warnings and flags: {@code "unknown property"}, {@code "early"}, {@code "unhandled"}, ...
 */
public record DirectorCall(long seq, long timeMillis, String driver, String function, List<Object> args,
                           Object result, List<String> notes) {

    public DirectorCall {
        args = Collections.unmodifiableList(new ArrayList<>(args)); // arguments may be nil: no List.copyOf
        notes = List.copyOf(notes);
    }

    /** The argument at {@code index} (0-based), or null past the end. */
    public Object arg(int index) {
        return index < args.size() ? args.get(index) : null;
    }
}
