package dev.c4j.testkit.semantics;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.MockDevice;
import dev.c4j.testkit.TestDriver;

import static dev.c4j.testkit.semantics.Drivers.awaitLine;
import static dev.c4j.testkit.semantics.Drivers.sync;
import static org.assertj.core.api.Assertions.assertThat;

/** OnResolve and choose (spec section 4), on a server listening on 127.0.0.1. */
class ResolveChoiceTest {

    /** A server whose OnResolve handler is {@code handler}; prints "listening" or "error code msg op". */
    private static TestDriver serverWith(String engine, String handler) {
        return Drivers.start(engine, """
                server = C4:CreateTCPServer()
                  :OnResolve(%s)
                  :OnListen(function(s, ep) print('listening', ep.ip) end)
                  :OnError(function(s, code, msg, op) print('error', code, msg, op) end)
                  :Listen('127.0.0.1', 0)
                """.formatted(handler));
    }

    private static String outcome(String engine, String handler) {
        try (TestDriver d = serverWith(engine, handler)) {
            String line = d.awaitOutput("^(listening|error).*").group();
            sync(d);
            d.assertNoErrors();
            return line;
        }
    }

    @AllEngines
    void theHandlersResultDecides(String engine) {
        assertThat(outcome(engine, "function(s, eps) return 1 end")).isEqualTo("listening\t127.0.0.1");
        assertThat(outcome(engine, "function(s, eps) return 0 end")).isEqualTo("error\t22\tInvalid argument\tresolve");
        assertThat(outcome(engine, "function(s, eps) return 2 end")).isEqualTo("error\t22\tInvalid argument\tresolve");
        assertThat(outcome(engine, "function(s, eps) return 'one' end")).isEqualTo("error\t22\tInvalid argument\tresolve");
        assertThat(outcome(engine, "function(s, eps) return 1.7 end")).isEqualTo("listening\t127.0.0.1");
    }

    @AllEngines
    void chooseCalledInsideTheHandlerWinsOverItsResult(String engine) {
        assertThat(outcome(engine, "function(s, eps, choose) choose(1); return 0 end")).isEqualTo("listening\t127.0.0.1");
        assertThat(outcome(engine, "function(s, eps, choose) choose() end")).isEqualTo("listening\t127.0.0.1");
        assertThat(outcome(engine, "function(s, eps, choose) choose(nil) end")).isEqualTo("listening\t127.0.0.1");
        assertThat(outcome(engine, "function(s, eps, choose) choose('1') end")).isEqualTo("listening\t127.0.0.1");
        assertThat(outcome(engine, "function(s, eps, choose) choose(0); choose(1) end"))
                .isEqualTo("error\t22\tInvalid argument\tresolve");
        assertThat(outcome(engine, "function(s, eps, choose) choose(9) end")).isEqualTo("error\t22\tInvalid argument\tresolve");
        assertThat(outcome(engine, "function(s, eps, choose) choose({}) end")).isEqualTo("error\t22\tInvalid argument\tresolve");
    }

    @AllEngines
    void aHandlerThatCannotReceiveChooseGetsTheDefaultAtOnce(String engine) {
        assertThat(outcome(engine, "function(s, eps) end")).isEqualTo("listening\t127.0.0.1");
        assertThat(outcome(engine, "function() end")).isEqualTo("listening\t127.0.0.1");
    }

    @AllEngines
    void aHandlerThatDropsChooseGetsTheDefaultOnceItIsCollected(String engine) {
        assertThat(outcome(engine, "function(s, eps, choose) end")).isEqualTo("listening\t127.0.0.1");
        assertThat(outcome(engine, "function(...) end")).isEqualTo("listening\t127.0.0.1");
    }

    @AllEngines
    void aKeptChooseDelaysTheListenUntilItIsCalled(String engine) {
        try (TestDriver d = serverWith(engine, "function(s, eps, choose) held = choose; print('resolved', #eps, eps[1].ip, eps[1].port) end")) {
            awaitLine(d, "resolved");
            d.collectGarbage();
            sync(d);
            assertThat(d.outputLines()).containsExactly("resolved\t1\t127.0.0.1\t0");
            d.driver().callGlobal("held", 1);
            awaitLine(d, "listening");
            d.driver().callGlobal("held", 0); // only the first call counts
            sync(d);
            assertThat(d.outputLines()).containsExactly("resolved\t1\t127.0.0.1\t0", "listening\t127.0.0.1");
        }
    }

    @AllEngines
    void anErrorInTheHandlerIsReportedAndTheDefaultApplies(String engine) {
        try (TestDriver d = serverWith(engine, "function(s, eps) error('resolve handler broke') end")) {
            awaitLine(d, "listening");
            assertThat(d.messages()).singleElement().asString().startsWith("drv:2: resolve handler broke");
        }
    }

    @AllEngines
    void clientsChooseTheSameWay(String engine) {
        try (MockDevice device = MockDevice.start();
             TestDriver d = Drivers.start(engine, """
                     cli = C4:CreateTCPClient()
                       :OnResolve(function(c, eps, choose) held = choose; print('resolved', eps[1].ip, eps[1].port) end)
                       :OnConnect(function(c) print('connected') end)
                       :Connect('127.0.0.1', %d)
                     """.formatted(device.port()))) {
            awaitLine(d, "resolved\t127.0.0.1\t" + device.port());
            d.driver().callGlobal("held");
            awaitLine(d, "connected");
        }
    }
}
