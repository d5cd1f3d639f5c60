package dev.c4j.console;

import dev.c4j.api.host.DriverControl;
import dev.c4j.api.host.EntryResult;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * Runs one {@link DriverControl} verb for a request and waits for the driver's answer: the only place that waits.
 * The verb only posts to the driver's loop; this server thread blocks on the future (never on Lua) until the entry
 * point has returned, or answers 504 after the timeout. A refusal, thrown by the verb or failing its future, is
 * a 409: {@link IllegalArgumentException} (read-only, a value outside the items or range, an unknown name) or
 * {@link IllegalStateException} (the driver has stopped).
 */
final class ControlCalls {

    private final DriverControl control;
    private final Duration timeout;

    ControlCalls(DriverControl control, Duration timeout) {
        this.control = control;
        this.timeout = timeout;
    }

    /** The verb's {@link EntryResult} as JSON. */
    Reply run(Function<DriverControl, CompletableFuture<EntryResult>> verb) {
        try {
            EntryResult result = verb.apply(control).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Reply.json(ConsoleJson.entryResult(result));
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw failure(e);
        } catch (ExecutionException e) {
            throw failure(e.getCause());
        } catch (TimeoutException e) {
            throw HttpError.timeout("the driver did not answer within " + timeout.toMillis() + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HttpError.unavailable("the console is closing");
        }
    }

    /** A refusal is 409, anything else a 500; futures chained with then* wrap the cause in CompletionException. */
    private static HttpError failure(Throwable cause) {
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof IllegalArgumentException || cause instanceof IllegalStateException) {
            return HttpError.refused(cause.getMessage() != null ? cause.getMessage() : cause.toString());
        }
        return HttpError.internal("the driver control failed: " + cause);
    }
}
