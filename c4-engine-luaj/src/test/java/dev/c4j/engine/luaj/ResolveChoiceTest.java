package dev.c4j.engine.luaj;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** OnResolve and choose (spec section 4), on a server listening on 127.0.0.1. */
class ResolveChoiceTest {

    /** A server whose OnResolve handler is {@code handler}; prints "listening" or "error code msg op". */
    private static TestDriver serverWith(String handler) {
        return TestDriver.start("""
                server = C4:CreateTCPServer()
                  :OnResolve(%s)
                  :OnListen(function(s, ep) print('listening', ep.ip) end)
                  :OnError(function(s, code, msg, op) print('error', code, msg, op) end)
                  :Listen('127.0.0.1', 0)
                """.formatted(handler));
    }

    private static String outcome(String handler) {
        try (TestDriver d = serverWith(handler)) {
            String line = d.output.awaitLine(l -> l.startsWith("listening") || l.startsWith("error"), "an outcome");
            d.sync();
            assertThat(d.messages()).isEmpty();
            return line;
        }
    }

    @Test
    void theHandlersResultDecides() {
        assertThat(outcome("function(s, eps) return 1 end")).isEqualTo("listening\t127.0.0.1");
        assertThat(outcome("function(s, eps) return 0 end")).isEqualTo("error\t22\tInvalid argument\tresolve");
        assertThat(outcome("function(s, eps) return 2 end")).isEqualTo("error\t22\tInvalid argument\tresolve");
        assertThat(outcome("function(s, eps) return 'one' end")).isEqualTo("error\t22\tInvalid argument\tresolve");
        assertThat(outcome("function(s, eps) return 1.7 end")).isEqualTo("listening\t127.0.0.1");
    }

    @Test
    void chooseCalledInsideTheHandlerWinsOverItsResult() {
        assertThat(outcome("function(s, eps, choose) choose(1); return 0 end")).isEqualTo("listening\t127.0.0.1");
        assertThat(outcome("function(s, eps, choose) choose() end")).isEqualTo("listening\t127.0.0.1");
        assertThat(outcome("function(s, eps, choose) choose(nil) end")).isEqualTo("listening\t127.0.0.1");
        assertThat(outcome("function(s, eps, choose) choose('1') end")).isEqualTo("listening\t127.0.0.1");
        assertThat(outcome("function(s, eps, choose) choose(0); choose(1) end"))
                .isEqualTo("error\t22\tInvalid argument\tresolve");
        assertThat(outcome("function(s, eps, choose) choose(9) end")).isEqualTo("error\t22\tInvalid argument\tresolve");
        assertThat(outcome("function(s, eps, choose) choose({}) end")).isEqualTo("error\t22\tInvalid argument\tresolve");
    }

    @Test
    void aHandlerThatCannotReceiveChooseGetsTheDefaultAtOnce() {
        assertThat(outcome("function(s, eps) end")).isEqualTo("listening\t127.0.0.1");
        assertThat(outcome("function() end")).isEqualTo("listening\t127.0.0.1");
    }

    @Test
    void aHandlerThatDropsChooseGetsTheDefaultOnceItIsCollected() {
        assertThat(outcome("function(s, eps, choose) end")).isEqualTo("listening\t127.0.0.1");
        assertThat(outcome("function(...) end")).isEqualTo("listening\t127.0.0.1");
    }

    @Test
    void aKeptChooseDelaysTheListenUntilItIsCalled() {
        try (TestDriver d = serverWith("function(s, eps, choose) held = choose; print('resolved', #eps, eps[1].ip, eps[1].port) end")) {
            d.await("resolved");
            d.collectGarbage();
            d.sync();
            assertThat(d.lines()).containsExactly("resolved\t1\t127.0.0.1\t0");
            d.driver.callGlobal("held", 1);
            d.await("listening");
            d.driver.callGlobal("held", 0); // only the first call counts
            d.sync();
            assertThat(d.lines()).containsExactly("resolved\t1\t127.0.0.1\t0", "listening\t127.0.0.1");
        }
    }

    @Test
    void anErrorInTheHandlerIsReportedAndTheDefaultApplies() {
        try (TestDriver d = serverWith("function(s, eps) error('resolve handler broke') end")) {
            d.await("listening");
            assertThat(d.messages()).singleElement().asString().startsWith("drv:2: resolve handler broke");
        }
    }

    @Test
    void clientsChooseTheSameWay() throws Exception {
        try (java.net.ServerSocket server = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"));
             TestDriver d = TestDriver.start("""
                     cli = C4:CreateTCPClient()
                       :OnResolve(function(c, eps, choose) held = choose; print('resolved', eps[1].ip, eps[1].port) end)
                       :OnConnect(function(c) print('connected') end)
                       :Connect('127.0.0.1', %d)
                     """.formatted(server.getLocalPort()))) {
            d.await("resolved\t127.0.0.1\t" + server.getLocalPort());
            d.driver.callGlobal("held");
            d.await("connected");
        }
    }
}
