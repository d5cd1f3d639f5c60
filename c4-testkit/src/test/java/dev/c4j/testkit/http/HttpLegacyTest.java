package dev.c4j.testkit.http;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.MockHttpServer;
import dev.c4j.testkit.MockResponse;
import dev.c4j.testkit.RecordedRequest;
import dev.c4j.testkit.TestDriver;
import org.junit.jupiter.api.AfterEach;

import java.time.Duration;
import java.util.List;

import static dev.c4j.testkit.http.HttpDrivers.awaitLine;
import static dev.c4j.testkit.http.HttpDrivers.quoted;
import static dev.c4j.testkit.http.HttpDrivers.sync;
import static org.assertj.core.api.Assertions.assertThat;

/** The legacy {@code C4:url*} functions (host spec 5.5) on every engine. */
class HttpLegacyTest {

    private final MockHttpServer server = MockHttpServer.start();

    @AfterEach
    void stopServer() {
        server.close();
    }

    private String url(String path) {
        return quoted(server.url(path));
    }

    /** Lua: {@code answer(tag)} is a callback printing its five arguments (headers as one header's value). */
    private static final String ANSWER = """
            function answer(tag)
              return function(ticket, data, code, headers, err)
                print(tag, ticket, data, code, type(headers), headers['X-Reply'], err)
              end
            end
            """;

    @AllEngines
    void eachCallAnswersOnceThroughItsCallbackOrReceivedAsync(String engine) {
        for (int i = 0; i < 5; i++) {
            server.enqueue(new MockResponse().header("X-Reply", "r" + i).body("body" + i));
        }
        try (TestDriver d = HttpDrivers.start(engine, ANSWER + """
                function ReceivedAsync(...) answer('async')(...) end
                print('tickets', C4:urlGet(%1$s, {['X-Q'] = '1'}, false, answer('get')),
                  C4:urlPost(%1$s, 'p=1', {}, false, answer('post'), {fail_on_error = true}),
                  C4:urlPut(%1$s, 'put-data'),
                  C4:urlDelete(%1$s, nil, false, answer('delete')),
                  C4:urlCustom(%1$s, 'PATCH', 'patch-data', {}, false, answer('custom')))
                """.formatted(url("/legacy")))) {
            for (String tag : List.of("get", "post", "async", "delete", "custom")) {
                awaitLine(d, tag);
            }
            assertThat(d.outputLines()).containsExactly(
                    "tickets\t1\t2\t3\t4\t5",
                    "get\t1\tbody0\t200\ttable\tr0\tnil",
                    "post\t2\tbody1\t200\ttable\tr1\tnil",
                    "async\t3\tbody2\t200\ttable\tr2\tnil",
                    "delete\t4\tbody3\t200\ttable\tr3\tnil",
                    "custom\t5\tbody4\t200\ttable\tr4\tnil");
            List<String> methods = List.of("GET", "POST", "PUT", "DELETE", "PATCH");
            List<String> bodies = List.of("", "p=1", "put-data", "", "patch-data");
            for (int i = 0; i < 5; i++) {
                RecordedRequest request = server.takeRequest(); // one host, one transfer at a time: in order
                assertThat(request.method()).isEqualTo(methods.get(i));
                assertThat(request.bodyUtf8()).isEqualTo(bodies.get(i));
            }
            d.assertNoErrors();
        }
    }

    @AllEngines
    void aFailureGivesEmptyDataTheLastStatusAndLibcurlsText(String engine) {
        server.enqueue(new MockResponse().code(404).header("X-Reply", "gone").body("not here"));
        try (TestDriver d = HttpDrivers.start(engine, ANSWER + """
                C4:urlGet(%s, nil, false, answer('missing'))
                C4:urlGet('http://127.0.0.1:1/', nil, false, answer('refused'))
                print('unparseable', C4:urlGet('http://[::1/', nil, false, answer('never')))
                """.formatted(url("/missing")))) {
            awaitLine(d, "missing");
            awaitLine(d, "refused");
            sync(d);
            assertThat(d.outputLines()).startsWith("unparseable\t0").containsExactlyInAnyOrder( // two hosts: in parallel
                    "unparseable\t0",
                    "missing\t1\t\t404\ttable\tgone\tHTTP response code said error",
                    "refused\t2\t\t0\ttable\tnil\tCouldn't connect to server");
        }
    }

    @AllEngines
    void ticketsCanBeListedAndCancelledWithoutACallback(String engine) {
        server.enqueue(MockResponse.noResponse());
        try (TestDriver d = HttpDrivers.start(engine, ANSWER + """
                function ReceivedAsync(...) print('unexpected', ...) end
                a = C4:urlGet(%1$s)
                b = C4:urlGet(%1$s)
                u = C4:url():OnDone(function() print('unexpected done') end):Get(%1$s)
                print('tickets', table.concat(C4:urlGetTickets(), ','), u:TicketId())
                print('cancel a', C4:urlCancel(a), C4:urlCancel(a), C4:urlCancel(99))
                print('tickets', table.concat(C4:urlGetTickets(), ','))
                print('cancel all', table.concat(C4:urlCancelAll(), ','), #C4:urlGetTickets(), u:TicketId())
                """.formatted(url("/slow")))) {
            sync(d);
            HttpDrivers.sleep(100);
            sync(d);
            assertThat(d.outputLines()).containsExactly(
                    "tickets\t1,2,3\t3",
                    "cancel a\ttrue\tfalse\tfalse",
                    "tickets\t2,3",
                    "cancel all\t2,3\t0\t0");
            d.assertNoErrors();
        }
    }

    @AllEngines
    void urlSetTimeoutIsTheDefaultOfLaterTransfersOfBothKinds(String engine) {
        server.enqueue(MockResponse.noResponse());
        try (TestDriver d = HttpDrivers.start(engine, ANSWER + """
                C4:urlSetTimeout(20)
                C4:urlGet(%s, nil, false, answer('legacy'))
                """.formatted(url("/slow")))) {
            server.takeRequest();
            d.advance(Duration.ofSeconds(19));
            sync(d);
            assertThat(d.outputLines()).isEmpty();
            d.advance(Duration.ofSeconds(1));
            awaitLine(d, "legacy");
            assertThat(d.outputLines()).containsExactly("legacy\t1\t\t0\ttable\tnil\tTimeout was reached");
        }
    }

    @AllEngines
    void maxHostConnectionsLetsTransfersToOneHostRunSideBySide(String engine) {
        String lua = ANSWER + """
                function run(limit)
                  C4:urlSetOption('max_host_connections', limit)
                  C4:urlSetOption('max_host_connections', 9) -- out of range: ignored
                  print('limit', C4:urlGetOption('max_host_connections'))
                  C4:urlGet(%1$s, nil, false, answer('slow'))
                  C4:urlGet(%2$s, nil, false, answer('fast'))
                end
                """.formatted(url("/slow"), url("/fast"));
        server.dispatcher(request -> request.path().equals("/slow")
                ? new MockResponse().body("s").delay(Duration.ofMillis(300)) : new MockResponse().body("f"));
        try (TestDriver d = HttpDrivers.start(engine, lua)) {
            d.driver().callGlobal("run", 1);
            awaitLine(d, "fast");
            assertThat(d.outputLines()).containsExactly("limit\t1", "slow\t1\ts\t200\ttable\tnil\tnil",
                    "fast\t2\tf\t200\ttable\tnil\tnil");
        }
        try (TestDriver d = HttpDrivers.start(engine, lua)) {
            d.driver().callGlobal("run", 2);
            awaitLine(d, "slow");
            assertThat(d.outputLines()).containsExactly("limit\t2", "fast\t2\tf\t200\ttable\tnil\tnil",
                    "slow\t1\ts\t200\ttable\tnil\tnil");
        }
    }

    @AllEngines
    void optionsProxyAndCookies(String engine) {
        server.enqueue(new MockResponse().header("Set-Cookie", "session=abc; Path=/")
                .header("Set-Cookie", "theme=dark; Max-Age=3600"));
        server.enqueue(new MockResponse());
        try (TestDriver d = HttpDrivers.start(engine, ANSWER + """
                print('proxy', select('#', C4:urlSetProxy('proxy.example', 3128, 'u', 'p')))
                C4:urlSetOption('pipelining', true)
                print('pipelining', C4:urlGetOption('pipelining'), C4:urlGetOption('nothing'))
                C4:urlGet(%1$s, nil, false, function()
                  local jar = C4:urlGetCookies()['127.0.0.1']
                  print('jar', jar.session.value, jar.session.expires, jar.theme.value, jar.theme.expires > 0,
                    jar.session.path, jar.session.wildcard, jar.session.secure)
                  C4:urlGet(%1$s, nil, false, function()
                    print('session cleared', C4:urlClearSessionCookies(), C4:urlClearCookies(),
                      next(C4:urlGetCookiesForDomain('127.0.0.1')))
                  end, {cookies_enable = true})
                end, {cookies_enable = true})
                """.formatted(url("/cookies")))) {
            awaitLine(d, "session cleared");
            assertThat(d.outputLines()).containsExactly(
                    "proxy\t0",
                    "pipelining\ttrue\tnil",
                    "jar\tabc\t0\tdark\ttrue\t/\tfalse\tfalse",
                    "session cleared\t1\t1\tnil");
            assertThat(server.takeRequest().header("Cookie")).isNull();
            assertThat(server.takeRequest().header("Cookie")).isEqualTo("session=abc; theme=dark");
            d.assertNoErrors();
        }
    }
}
