package dev.c4j.console;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.c4j.api.host.DirectorCall;
import dev.c4j.api.host.DriverControl;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * What happened since a poller last asked: the Director record and the driver's output. Each page answers
 * {@code next}, the last sequence number it holds (or {@code since} when it holds none): passed back as
 * {@code since}, the next poll gets exactly the entries that came after.
 */
final class FeedEndpoints {

    private final DriverControl control;
    private final OutputFeed output;

    FeedEndpoints(DriverControl control, OutputFeed output) {
        this.control = control;
        this.output = output;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/api/calls", request -> {
                    long since = request.sequence("since");
                    return page("calls", since, control.calls(since), DirectorCall::seq, ConsoleJson::call);
                }),
                Route.get("/api/output", request -> {
                    long since = request.sequence("since");
                    return page("lines", since, output.since(since), OutputLine::seq, ConsoleJson::line);
                }));
    }

    private static <T> Reply page(String field, long since, List<T> entries, ToLongFunction<T> seq,
                                  Function<T, ObjectNode> shape) {
        long next = entries.isEmpty() ? since : seq.applyAsLong(entries.get(entries.size() - 1));
        ObjectNode json = Json.object();
        json.set(field, ConsoleJson.array(entries, shape));
        json.put("next", next);
        return Reply.json(json);
    }
}
