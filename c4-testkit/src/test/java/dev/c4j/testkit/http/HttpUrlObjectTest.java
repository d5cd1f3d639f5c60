package dev.c4j.testkit.http;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.MockHttpServer;
import dev.c4j.testkit.MockResponse;
import dev.c4j.testkit.RecordedRequest;
import dev.c4j.testkit.TestDriver;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.c4j.testkit.http.HttpDrivers.awaitLine;
import static dev.c4j.testkit.http.HttpDrivers.lines;
import static dev.c4j.testkit.http.HttpDrivers.quoted;
import static dev.c4j.testkit.http.HttpDrivers.sync;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code C4:url()} end to end (host spec 5.1-5.3, 5.6) against a {@link MockHttpServer} on 127.0.0.1. */
class HttpUrlObjectTest {

    private final MockHttpServer server = MockHttpServer.start();

    @org.junit.jupiter.api.AfterEach
    void stopServer() {
        server.close();
    }

    private String url(String path) {
        return quoted(server.url(path));
    }

    @AllEngines
    void settersReturnSelfUntilTheStartAndCallbacksComeInOrderOnLaterTurns(String engine) {
        server.enqueue(new MockResponse().body("hello"));
        try (TestDriver d = HttpDrivers.start(engine, """
                u = C4:url()
                print('setters', trace(u) == u, u:SetOption('timeout', 30) == u, u:SetOptions({fail_on_error = true}) == u)
                print('ticket before', u:TicketId())
                print('get', u:Get(%s) == u)
                print('ticket running', u:TicketId() > 0)
                print('once started', u:Get('http://127.0.0.1:1/'), u:SetOption('timeout', 1), u:OnDone(print),
                  u:SetOptions({}), u:OnBody(nil))
                function after() print('ticket after', u:TicketId()) end
                """.formatted(url("/a")))) {
            awaitLine(d, "done");
            d.driver().callGlobal("after");
            assertThat(d.outputLines()).containsExactly(
                    "setters\ttrue\ttrue\ttrue",
                    "ticket before\t0",
                    "get\ttrue",
                    "ticket running\ttrue",
                    "once started\tnil\tnil\tnil\tnil\tnil",
                    "headers\ttrue\t200",
                    "body\thello",
                    "done\ttrue\t1\t0\tnil",
                    "ticket after\t0");
            assertThat(server.takeRequest().path()).isEqualTo("/a");
            assertThat(server.requestCount()).isEqualTo(1);
            d.assertNoErrors();
        }
    }

    @AllEngines
    void theResponseTableIsTheSameTableThroughoutWithTheDriversEditsAndHeaderCaseKept(String engine) {
        server.enqueue(new MockResponse().header("X-CuStOm", "v1").header("Content-Type", "text/plain").body("b"));
        try (TestDriver d = HttpDrivers.start(engine, """
                local seen
                C4:url()
                  :OnHeaders(function(t, r) seen = r; r.mark = 'edited'; print('headers', r.headers['X-CuStOm'],
                    r.headers['x-custom'], r.headers['Content-Type'], r.body) end)
                  :OnBody(function(t, r) print('body', r == seen, r.mark, r.body) end)
                  :OnDone(function(t, rs, code, msg) print('done', rs[1] == seen, rs[1].mark, rs[1].body, rs[1].code,
                    type(rs[1].headers)) end)
                  :Get(%s)
                """.formatted(url("/")))) {
            awaitLine(d, "done");
            assertThat(d.outputLines()).containsExactly(
                    "headers\tv1\tnil\ttext/plain\tnil",
                    "body\ttrue\tedited\tb",
                    "done\ttrue\tedited\tb\t200\ttable");
            d.assertNoErrors();
        }
    }

    @AllEngines
    void sendsTheDefaultHeadersAndTheDriversWhichReplaceThem(String engine) {
        server.enqueue(new MockResponse());
        server.enqueue(new MockResponse());
        try (TestDriver d = HttpDrivers.start(engine, """
                trace(C4:url(), 'plain '):Get(%s)
                trace(C4:url(), 'own '):Get(%s, {Accept = 'application/json', ['X-Api-Key'] = 'k1',
                  ['Accept-Encoding'] = '', ['user-agent'] = 'drv/1', ['X-Number'] = 42})
                """.formatted(url("/plain?q=1"), url("/own")))) {
            awaitLine(d, "plain done");
            awaitLine(d, "own done");
            RecordedRequest plain = server.takeRequest();
            assertThat(plain.path()).isEqualTo("/plain?q=1");
            assertThat(plain.headers()).containsExactly(
                    Map.entry("Host", "127.0.0.1:" + server.port()),
                    Map.entry("Accept", "*/*"),
                    Map.entry("Accept-Encoding", "deflate, gzip"),
                    Map.entry("Connection", "close"));
            RecordedRequest own = server.takeRequest();
            assertThat(own.header("Accept")).isEqualTo("application/json");
            assertThat(own.header("Accept-Encoding")).isNull();
            assertThat(own.header("X-Number")).isEqualTo("42");
            assertThat(own.headerNames()).startsWith("Host", "Accept", "Connection")
                    .contains("X-Api-Key", "user-agent").doesNotContain("User-Agent");
            d.assertNoErrors();
        }
    }

    @AllEngines
    void postPutDeleteAndCustomSendTheirMethodAndBody(String engine) {
        for (int i = 0; i < 5; i++) {
            server.enqueue(new MockResponse().code(201));
        }
        try (TestDriver d = HttpDrivers.start(engine, """
                trace(C4:url(), 'post '):Post(%1$s, 'a=1', {['Content-Type'] = 'text/plain'})
                """.formatted(url("/post")))) {
            awaitLine(d, "post done");
            d.driver().callGlobal("run", "put");
            RecordedRequest post = server.takeRequest();
            assertThat(post.method()).isEqualTo("POST");
            assertThat(post.bodyUtf8()).isEqualTo("a=1");
            assertThat(post.header("Content-Length")).isEqualTo("3");
            assertThat(post.header("Content-Type")).isEqualTo("text/plain");
        }
        try (TestDriver d = HttpDrivers.start(engine, """
                trace(C4:url(), 'put '):Put(%1$s, 12.5)
                """.formatted(url("/put")))) {
            awaitLine(d, "put done");
            RecordedRequest put = server.takeRequest();
            assertThat(put.method()).isEqualTo("PUT");
            assertThat(put.bodyUtf8()).isEqualTo("12.5");
        }
        try (TestDriver d = HttpDrivers.start(engine, """
                trace(C4:url(), 'd1 '):Delete(%1$s, {['X-A'] = 'b'})
                """.formatted(url("/d1")))) {
            awaitLine(d, "d1 done");
            RecordedRequest delete = server.takeRequest();
            assertThat(delete.method()).isEqualTo("DELETE");
            assertThat(delete.header("X-A")).isEqualTo("b");
            assertThat(delete.body()).isEmpty();
            assertThat(delete.header("Content-Length")).isNull();
        }
        try (TestDriver d = HttpDrivers.start(engine, """
                trace(C4:url(), 'd2 '):Delete(%1$s, 'gone', {['X-A'] = 'c'})
                trace(C4:url(), 'patch '):Custom(%2$s, 'PATCH', '{"on":true}')
                """.formatted(url("/d2"), url("/patch")))) {
            awaitLine(d, "d2 done");
            awaitLine(d, "patch done");
            List<RecordedRequest> requests = List.of(server.takeRequest(), server.takeRequest());
            assertThat(requests).anySatisfy(r -> {
                assertThat(r.method()).isEqualTo("DELETE");
                assertThat(r.bodyUtf8()).isEqualTo("gone");
                assertThat(r.header("X-A")).isEqualTo("c");
            }).anySatisfy(r -> {
                assertThat(r.method()).isEqualTo("PATCH");
                assertThat(r.bodyUtf8()).isEqualTo("{\"on\":true}");
            });
            assertThat(lines(d, "patch done")).containsExactly("patch done\ttrue\t1\t0\tnil");
            d.assertNoErrors();
        }
    }

    @AllEngines
    void binaryBodiesCrossExactlyBothWays(String engine) {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) (255 - i);
        }
        server.enqueue(new MockResponse().header("Content-Type", "application/octet-stream").body(all));
        try (TestDriver d = HttpDrivers.start(engine, """
                local up, down = {}, {}
                for i = 0, 255 do up[#up + 1] = string.char(i); down[#down + 1] = string.char(255 - i) end
                up, down = table.concat(up), table.concat(down)
                C4:url():OnDone(function(t, rs, code) print('done', code, #rs[1].body, rs[1].body == down) end)
                  :Post(%s, up)
                """.formatted(url("/bin")))) {
            awaitLine(d, "done");
            assertThat(d.outputLines()).containsExactly("done\t0\t256\ttrue");
            byte[] sent = server.takeRequest().body();
            assertThat(sent).hasSize(256);
            for (int i = 0; i < 256; i++) {
                assertThat(sent[i]).isEqualTo((byte) i);
            }
        }
    }

    @AllEngines
    void chunkedAndGzippedBodiesArriveDecodedWithTheServersHeaders(String engine) {
        server.enqueue(new MockResponse().body("hello hello hello, chunked").chunked(3));
        server.enqueue(new MockResponse().body("hello hello hello, gzipped").gzip().chunked(5));
        try (TestDriver d = HttpDrivers.start(engine, """
                C4:url():OnDone(function(t, rs, code) print('1', code, rs[1].body, rs[1].headers['Transfer-Encoding']) end)
                  :Get(%s)
                function second()
                  C4:url():OnDone(function(t, rs, code) print('2', code, rs[1].body, rs[1].headers['Content-Encoding'])
                    end):Get(%s)
                end
                """.formatted(url("/1"), url("/2")))) {
            awaitLine(d, "1");
            d.driver().callGlobal("second");
            awaitLine(d, "2");
            assertThat(d.outputLines()).containsExactly(
                    "1\t0\thello hello hello, chunked\tchunked",
                    "2\t0\thello hello hello, gzipped\tgzip");
            server.takeRequest();
            assertThat(server.takeRequest().header("Accept-Encoding")).isEqualTo("deflate, gzip");
        }
    }

    @AllEngines
    void aLargeBodyStreamsThroughOnBodyChunkButIsRefusedWhenCollected(String engine) {
        byte[] fiveMiB = new byte[5 * 1024 * 1024];
        for (int i = 0; i < fiveMiB.length; i++) {
            fiveMiB[i] = (byte) (i * 31);
        }
        server.enqueue(new MockResponse().body(fiveMiB).chunked(100_000));
        server.enqueue(new MockResponse().body(fiveMiB));
        try (TestDriver d = HttpDrivers.start(engine, """
                local total, largest, pieces = 0, 0, 0
                C4:url()
                  :OnBodyChunk(function(t, r, chunk)
                    total = total + #chunk; pieces = pieces + 1; largest = math.max(largest, #chunk) end)
                  :OnBody(function(t, r) print('body', r.body) end)
                  :OnDone(function(t, rs, code, msg)
                    print('streamed', code, msg, total, largest <= 65536, pieces > 1, rs[1].body) end)
                  :Get(%s)
                function collect()
                  trace(C4:url(), 'collected '):Get(%s)
                end
                """.formatted(url("/stream"), url("/collect")))) {
            awaitLine(d, "streamed");
            d.driver().callGlobal("collect");
            awaitLine(d, "collected done");
            assertThat(d.outputLines()).containsExactly(
                    "body\tnil",
                    "streamed\t0\tnil\t5242880\ttrue\ttrue\tnil",
                    "collected headers\ttrue\t200",
                    "collected done\ttrue\t1\t63\tMaximum file size exceeded");
            d.assertNoErrors();
        }
    }

    @AllEngines
    void trueFromACallbackAbortsAndOnDoneSaysMinusOne(String engine) {
        server.enqueue(new MockResponse().body("never read"));
        server.enqueue(new MockResponse().body("x".repeat(300_000)).throttle(50_000, Duration.ofMillis(5)));
        try (TestDriver d = HttpDrivers.start(engine, """
                trace(C4:url(), 'h '):OnHeaders(function(t, r) print('h headers', r.code) return true end):Get(%s)
                function chunks()
                  local n = 0
                  trace(C4:url(), 'c '):OnBodyChunk(function(t, r, chunk) n = n + 1; print('c chunk', n) return n == 1 end)
                    :Get(%s)
                end
                """.formatted(url("/h"), url("/c")))) {
            awaitLine(d, "h done");
            d.driver().callGlobal("chunks");
            awaitLine(d, "c done");
            assertThat(d.outputLines()).containsExactly(
                    "h headers\t200",
                    "h done\ttrue\t1\t-1\tnil",
                    "c headers\ttrue\t200",
                    "c chunk\t1",
                    "c done\ttrue\t1\t-1\tnil");
            d.assertNoErrors();
        }
    }

    @AllEngines
    void cancelInFlightStopsTheTransferWithoutOnDone(String engine) {
        server.enqueue(MockResponse.noResponse());
        try (TestDriver d = HttpDrivers.start(engine, """
                u = trace(C4:url()):Get(%s)
                function cancel() print('cancel', u:Cancel() == u, u:TicketId(), u:Cancel() == u) end
                """.formatted(url("/slow")))) {
            server.takeRequest();
            d.driver().callGlobal("cancel");
            d.advance(Duration.ofSeconds(600)); // no timeout either: the transfer is gone
            HttpDrivers.sleep(100);
            sync(d);
            assertThat(d.outputLines()).containsExactly("cancel\ttrue\t0\ttrue");
            d.assertNoErrors();
        }
    }

    @AllEngines
    void aRunningTransferKeepsItsUnreferencedObjectAliveAndAnIdleOneIsCollected(String engine) {
        server.enqueue(new MockResponse().body("late").delay(Duration.ofMillis(300)));
        try (TestDriver d = HttpDrivers.start(engine, """
                C4:url():OnDone(function(t, rs, code) print('done', code, rs[1].body) end):Get(%s)
                -- weak values: Lua 5.1 clears a finalized userdata from weak keys only one collection later
                idle = setmetatable({}, {__mode = 'v'})
                idle[1] = C4:url():OnDone(function() end)
                function count() local n = 0 for _ in pairs(idle) do n = n + 1 end print('idle', n) end
                """.formatted(url("/late")))) {
            d.collectGarbage();
            d.driver().callGlobal("count");
            awaitLine(d, "done");
            assertThat(d.outputLines()).containsExactly("idle\t0", "done\t0\tlate");
            d.assertNoErrors();
        }
    }

    @AllEngines
    void anErrorInACallbackIsReportedAndCountsAsNil(String engine) {
        server.enqueue(new MockResponse().body("ok"));
        try (TestDriver d = HttpDrivers.start(engine, """
                trace(C4:url()):OnHeaders(function(t, r) error('boom in headers') end):Get(%s)
                """.formatted(url("/")))) {
            awaitLine(d, "done");
            assertThat(d.outputLines()).containsExactly("body\tok", "done\ttrue\t1\t0\tnil");
            assertThat(d.messages()).singleElement().asString().contains("boom in headers");
        }
    }

    @AllEngines
    void badArgumentsRaiseLuasErrorsAndUnknownOptionsWarn(String engine) {
        try (TestDriver d = HttpDrivers.start(engine, """
                function try(label, f, ...)
                  local ok, err = pcall(f, ...)
                  print(label .. ': ' .. (ok and 'no error' or tostring(err)))
                end
                u = C4:url()
                try('Get', u.Get, u)
                try('Post', u.Post, u, 'http://127.0.0.1/', nil)
                try('headers', u.Get, u, 'http://127.0.0.1/', 'Accept: x')
                try('OnDone', u.OnDone, u, 5)
                try('SetOption', u.SetOption, u, 'timeout', 'soon')
                try('SetOptions', u.SetOptions, u, 'x')
                try('Custom', u.Custom, u, 'http://127.0.0.1/', nil)
                try('self', u.Get, 'http://127.0.0.1/')
                print('unknown', u:SetOption('no_such_option', true) == u)
                """)) {
            assertThat(d.outputLines()).containsExactly(
                    "Get: bad argument #1 to 'Get' (string expected, got no value)",
                    "Post: bad argument #2 to 'Post' (string expected, got nil)",
                    "headers: bad argument #2 to 'Get' (table expected, got string)",
                    "OnDone: bad argument #1 to 'OnDone' (function expected, got number)",
                    "SetOption: bad argument #2 to 'SetOption' (number expected, got string)",
                    "SetOptions: bad argument #1 to 'SetOptions' (table expected, got string)",
                    "Custom: bad argument #2 to 'Custom' (string expected, got nil)",
                    "self: calling 'Get' on bad self (C4LuaUrl expected, got string)",
                    "unknown\ttrue");
            assertThat(d.messages()).singleElement().asString().contains("no_such_option");
        }
    }
}
