package dev.c4j.host.director;

import dev.c4j.api.host.DirectorCall;

import java.util.ArrayList;
import java.util.List;

/**
 * The Director record of one runtime (rule H1): every Director call and every entry point, in order, numbered
 * from 1. Appended from the drivers' loops, read from any thread.
 */
final class CallRecord {

    /** Past this many entries the oldest go: a long run must not grow without bound. */
    static final int CAPACITY = 100_000;

    private final ArrayList<DirectorCall> calls = new ArrayList<>();
    private long nextSeq = 1;
    private long dropped;

    synchronized DirectorCall append(long timeMillis, String driver, String function, List<Object> args,
                                     Object result, List<String> notes) {
        DirectorCall call = new DirectorCall(nextSeq++, timeMillis, driver, function, args, result, notes);
        if (calls.size() == CAPACITY) {
            calls.subList(0, CAPACITY / 10).clear();
            dropped += CAPACITY / 10;
        }
        calls.add(call);
        return call;
    }

    /** Calls with a sequence number greater than {@code afterSeq}, of {@code driver} only when it is not null. */
    synchronized List<DirectorCall> after(long afterSeq, String driver) {
        int from = (int) Math.max(0, Math.min(calls.size(), afterSeq - dropped));
        List<DirectorCall> result = new ArrayList<>();
        for (int i = from; i < calls.size(); i++) {
            DirectorCall call = calls.get(i);
            if (driver == null || call.driver().equals(driver)) {
                result.add(call);
            }
        }
        return result;
    }
}
