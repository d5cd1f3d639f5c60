package dev.c4j.api.host;

/**
 * How an entry point call ended (rule H5): the driver had no such global function ({@link Status#UNHANDLED}),
 * it returned ({@code value}: its first result as a plain copy, null for none), or it raised a Lua error
 * ({@code error}: the message with its traceback, already reported).
 */
public record EntryResult(Status status, Object value, String error) {

    public enum Status { RETURNED, UNHANDLED, FAILED }

    public static final EntryResult UNHANDLED = new EntryResult(Status.UNHANDLED, null, null);

    public static EntryResult returned(Object value) {
        return new EntryResult(Status.RETURNED, value, null);
    }

    public static EntryResult failed(String error) {
        return new EntryResult(Status.FAILED, null, error);
    }

    public boolean handled() {
        return status != Status.UNHANDLED;
    }
}
