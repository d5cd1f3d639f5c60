package dev.c4j.testkit.http;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.DeviceBehaviour;
import dev.c4j.testkit.MockDevice;
import dev.c4j.testkit.MockHttpServer;
import dev.c4j.testkit.MockResponse;
import dev.c4j.testkit.RecordedRequest;
import dev.c4j.testkit.TestDriver;
import org.junit.jupiter.api.AfterEach;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

import static dev.c4j.testkit.http.HttpDrivers.awaitLine;
import static dev.c4j.testkit.http.HttpDrivers.quoted;
import static dev.c4j.testkit.http.HttpDrivers.sync;
import static org.assertj.core.api.Assertions.assertThat;

/** How transfers fail (host spec 5.4), redirects (5.6), timeouts on virtual time (H12), and the driver's end. */
class HttpFailureTest {

    private final MockHttpServer server = MockHttpServer.start();

    @AfterEach
    void stopServer() {
        server.close();
    }

    private String url(String path) {
        return quoted(server.url(path));
    }

    /** The lines of one traced transfer of {@code urlLiteral}, until its "done". */
    private static java.util.List<String> traced(String engine, String urlLiteral, String setup) {
        try (TestDriver d = HttpDrivers.start(engine, "u = trace(C4:url())\n" + setup + "\nu:Get(" + urlLiteral + ")")) {
            awaitLine(d, "done");
            return d.outputLines();
        }
    }

    @AllEngines
    void anErrorStatusFailsTheTransferUnlessFailOnErrorIsOff(String engine) {
        server.enqueue(new MockResponse().code(404).body("no such thing"));
        assertThat(traced(engine, url("/missing"), "")).containsExactly(
                "headers\ttrue\t404",
                "done\ttrue\t1\t22\tHTTP response code said error");
        server.enqueue(new MockResponse().code(500).body("oops"));
        assertThat(traced(engine, url("/broken"), "u:SetOption('fail_on_error', false)")).containsExactly(
                "headers\ttrue\t500",
                "body\toops",
                "done\ttrue\t1\t0\tnil");
    }

    @AllEngines
    void aServerThatClosesMidBodyIs56AndOneThatSaysNothingIs52(String engine) {
        server.enqueue(new MockResponse().body("x".repeat(1000)).policy(MockResponse.SocketPolicy.DISCONNECT_DURING_BODY));
        assertThat(traced(engine, url("/cut"), "")).containsExactly(
                "headers\ttrue\t200",
                "done\ttrue\t1\t56\tFailure when receiving data from the peer");
        server.enqueue(MockResponse.disconnectAtStart());
        assertThat(traced(engine, url("/empty"), "")).containsExactly(
                "done\ttrue\t0\t52\tServer returned nothing (no headers, no data)");
    }

    @AllEngines
    void aBodyWithoutLengthEndsWithTheConnection(String engine) {
        server.enqueue(new MockResponse().body("until close").noContentLength());
        assertThat(traced(engine, url("/eof"), "")).containsExactly(
                "headers\ttrue\t200",
                "body\tuntil close",
                "done\ttrue\t1\t0\tnil");
    }

    @AllEngines
    void refusedUnresolvableUnsupportedAndMalformed(String engine) {
        assertThat(traced(engine, quoted("http://127.0.0.1:" + closedPort() + "/"), ""))
                .containsExactly("done\ttrue\t0\t7\tCouldn't connect to server");
        assertThat(traced(engine, quoted("ftp://127.0.0.1/file"), ""))
                .containsExactly("done\ttrue\t0\t1\tUnsupported protocol");
        assertThat(traced(engine, quoted("http://bad host/"), ""))
                .containsExactly("done\ttrue\t0\t3\tURL using bad/illegal format or missing URL");
    }

    @AllEngines
    void aNameIsRefusedBeforeAnyLookupInLoopbackMode(String engine) {
        try (TestDriver d = HttpDrivers.start(engine, "trace(C4:url()):Get('http://device.invalid/api')")) {
            awaitLine(d, "done");
            assertThat(d.outputLines()).containsExactly("done\ttrue\t0\t6\tCouldn't resolve host name");
            assertThat(d.messages()).singleElement().asString()
                    .contains("network policy loopback: refused a connection to device.invalid:80");
        }
    }

    @AllEngines
    void theTimeoutRunsOnTheDriversClock(String engine) {
        server.enqueue(MockResponse.noResponse());
        try (TestDriver d = HttpDrivers.start(engine, "trace(C4:url()):SetOption('timeout', 10):Get(" + url("/") + ")")) {
            server.takeRequest();
            d.advance(Duration.ofMillis(9_999));
            sync(d);
            assertThat(d.outputLines()).isEmpty();
            d.advance(Duration.ofMillis(1));
            awaitLine(d, "done");
            assertThat(d.outputLines()).containsExactly("done\ttrue\t0\t28\tTimeout was reached");
        }
    }

    @AllEngines
    void theConnectTimeoutCoversTheTlsHandshake(String engine) {
        try (MockDevice silent = MockDevice.start()) {
            silent.enqueue(DeviceBehaviour.acceptAndSilence());
            try (TestDriver d = HttpDrivers.start(engine,
                    "trace(C4:url()):Get('https://127.0.0.1:" + silent.port() + "/')")) {
                silent.awaitConnectionCount(1);
                d.advance(Duration.ofMillis(4_999));
                sync(d);
                assertThat(d.outputLines()).isEmpty();
                d.advance(Duration.ofMillis(1)); // connect_timeout: 5 s by default
                awaitLine(d, "done");
                assertThat(d.outputLines()).containsExactly("done\ttrue\t0\t28\tTimeout was reached");
            }
        }
    }

    @AllEngines
    void redirectsAreFollowedWithEachResponseReported(String engine) {
        server.enqueue(MockResponse.redirect(302, "/final").body("moved"));
        server.enqueue(new MockResponse().body("arrived"));
        assertThat(traced(engine, url("/start"), "")).containsExactly(
                "headers\ttrue\t302",
                "body\tmoved",
                "headers\ttrue\t200",
                "body\tarrived",
                "done\ttrue\t2\t0\tnil");
        assertThat(server.takeRequest().path()).isEqualTo("/start");
        assertThat(server.takeRequest().path()).isEqualTo("/final");
    }

    @AllEngines
    void aPostRedirectedBy303Or301ContinuesAsGetBut307KeepsTheBody(String engine) {
        try (TestDriver d = HttpDrivers.start(engine, """
                function post(code)
                  C4:url():OnDone(function(t, rs, err) print(code, err, #rs) end)
                    :Post('%s' .. code, 'payload', {['Content-Type'] = 'text/plain'})
                end
                """.formatted(server.url("/post/")))) {
            for (int code : new int[] {303, 301, 307}) {
                server.enqueue(MockResponse.redirect(code, server.url("/after/" + code)));
                server.enqueue(new MockResponse());
                d.driver().callGlobal("post", code);
                awaitLine(d, String.valueOf(code));
                RecordedRequest first = server.takeRequest();
                RecordedRequest second = server.takeRequest();
                assertThat(first.method()).isEqualTo("POST");
                assertThat(second.path()).isEqualTo("/after/" + code);
                if (code == 307) {
                    assertThat(second.method()).isEqualTo("POST");
                    assertThat(second.bodyUtf8()).isEqualTo("payload");
                } else {
                    assertThat(second.method()).isEqualTo("GET");
                    assertThat(second.body()).isEmpty();
                    assertThat(second.header("Content-Length")).isNull();
                }
            }
            assertThat(d.outputLines()).containsExactly("303\t0\t2", "301\t0\t2", "307\t0\t2");
        }
    }

    @AllEngines
    void twentyRedirectsAreFollowedAndTheTwentyFirstFails(String engine) {
        server.dispatcher(request -> {
            int n = Integer.parseInt(request.path().substring(3));
            return MockResponse.redirect(302, "/r/" + (n + 1));
        });
        try (TestDriver d = HttpDrivers.start(engine, """
                C4:url():OnDone(function(t, rs, code, msg) print('done', #rs, code, msg, rs[#rs].headers.Location) end)
                  :Get(%s)
                """.formatted(url("/r/0")))) {
            awaitLine(d, "done");
            assertThat(d.outputLines())
                    .containsExactly("done\t21\t47\tNumber of redirects hit maximum amount\t/r/21");
            assertThat(server.requestCount()).isEqualTo(21);
        }
    }

    @AllEngines
    void stoppingTheDriverCancelsItsTransfersWithoutACallbackAfterOnDriverDestroyed(String engine) {
        server.enqueue(MockResponse.noResponse());
        server.enqueue(MockResponse.noResponse());
        TestDriver d = HttpDrivers.start(engine, """
                trace(C4:url()):Get(%s)
                C4:urlGet(%s, {}, false, function(...) print('legacy', ...) end)
                function ReceivedAsync(...) print('ReceivedAsync', ...) end
                function OnDriverDestroyed() print('destroyed') end
                """.formatted(url("/1"), url("/2")));
        try (d) {
            server.takeRequest(); // the legacy one waits for its turn: one transfer per host at a time
            d.stop();
            HttpDrivers.sleep(200);
            assertThat(d.outputLines()).containsExactly("destroyed");
            d.assertNoErrors();
        }
    }

    private static int closedPort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
