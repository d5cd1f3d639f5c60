package dev.c4j.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c4j.api.host.EntryResult;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Each answer waits for the driver's callback; refusals and failures of the control come back as errors. */
class ConsoleWaitsForTheDriverTest extends ConsoleTestBase {

    private CompletableFuture<HttpResponse<String>> postLater(String path, String body) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(console.uri() + path.substring(1)))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void theAnswerWaitsUntilTheCallbackReturned() throws Exception {
        CompletableFuture<EntryResult> callback = control.answerLater();

        CompletableFuture<HttpResponse<String>> response = postLater("/api/commands", "{\"command\": \"Slow\"}");
        Thread.sleep(300);
        assertThat(response).isNotDone();
        assertThat(control.requests).containsExactly("command(Slow, {})");

        callback.complete(EntryResult.returned("done"));
        HttpResponse<String> answer = response.get(10, TimeUnit.SECONDS);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("{\"handled\":true,\"result\":\"done\"}");
    }

    @Test
    void otherRequestsAreServedWhileOneWaits() throws Exception {
        CompletableFuture<EntryResult> callback = control.answerLater();
        CompletableFuture<HttpResponse<String>> waiting = postLater("/api/commands", "{\"command\": \"Slow\"}");
        output.add(OutputLine.message(1, "still here"));

        assertThat(client.get("/api/output").json().get("lines").get(0).get("text").asText()).isEqualTo("still here");
        assertThat(client.get("/api/driver").status()).isEqualTo(200);
        assertThat(waiting).isNotDone();

        callback.complete(EntryResult.UNHANDLED);
        assertThat(waiting.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    }

    @Test
    void aRefusalThrownByTheControlIs409() {
        control.refuse(new IllegalArgumentException("property 'Driver Version' is read-only"));

        ConsoleClient.Response response = client.put("/api/properties/Driver%20Version", "{\"value\": \"2\"}");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.error()).isEqualTo("property 'Driver Version' is read-only");
    }

    @Test
    void aRefusalFailingTheFutureIs409() {
        control.fail(new IllegalArgumentException("'Fast' is not an item of Mode"));
        assertThat(client.put("/api/properties/Mode", "{\"value\": \"Fast\"}").error())
                .isEqualTo("'Fast' is not an item of Mode");

        control.fail(new CompletionException(new IllegalArgumentException("70000 is above 65535")));
        ConsoleClient.Response wrapped = client.put("/api/properties/Port", "{\"value\": 70000}");
        assertThat(wrapped.status()).isEqualTo(409);
        assertThat(wrapped.error()).isEqualTo("70000 is above 65535");
    }

    @Test
    void aStoppedDriverIs409() {
        control.fail(new IllegalStateException("the driver has stopped"));

        ConsoleClient.Response response = client.post("/api/remove", "");

        assertThat(response.status()).isEqualTo(409);
        assertThat(response.error()).isEqualTo("the driver has stopped");
    }

    @Test
    void anyOtherFailureIs500() {
        control.fail(new UnsupportedOperationException("not built yet"));

        ConsoleClient.Response response = client.post("/api/device-event", "{\"deviceId\": 1, \"eventId\": 2}");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.error())
                .isEqualTo("the driver control failed: java.lang.UnsupportedOperationException: not built yet");
    }
}
