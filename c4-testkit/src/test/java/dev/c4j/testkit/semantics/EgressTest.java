package dev.c4j.testkit.semantics;

import dev.c4j.api.EgressPolicy;
import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.MockDevice;
import dev.c4j.testkit.TestDriver;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.c4j.testkit.semantics.Drivers.awaitLine;
import static dev.c4j.testkit.semantics.Drivers.awaitMessage;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The testkit's default egress policy (loopback only): outbound connections anywhere else are refused before any
 * lookup, and the driver sees what an unreachable destination gives it on a controller. The destinations tried
 * here can never be reached anyway ({@code .invalid} names never resolve, 0.0.0.0/8 is not routable), so even a
 * broken policy sends nothing off this machine.
 */
class EgressTest {

    private static final String CONNECT = """
            cli = C4:CreateTCPClient()
              :OnConnect(function(c) print('connected') end)
              :OnError(function(c, code, msg, op) print('error', code, msg, op) end)
            """;

    @AllEngines
    void aNameOutsideLoopbackIsRefusedBeforeAnyLookup(String engine) {
        try (TestDriver d = Drivers.start(engine, CONNECT + "cli:Connect('licence.example.invalid', 443)")) {
            assertThat(awaitLine(d, "error")).isEqualTo("error\t1\tHost not found (authoritative)\tresolve");
            assertThat(awaitMessage(d, "refused")).contains("licence.example.invalid:443").contains("--network any");
        }
    }

    @AllEngines
    void anAddressOutsideLoopbackIsUnreachable(String engine) {
        try (TestDriver d = Drivers.start(engine, CONNECT + "cli:Connect('0.0.0.1', 80)")) {
            assertThat(awaitLine(d, "error")).isEqualTo("error\t101\tNetwork is unreachable\tresolve");
            assertThat(awaitMessage(d, "refused")).contains("0.0.0.1:80");
        }
    }

    @AllEngines
    void loopbackStillConnects(String engine) {
        try (MockDevice device = MockDevice.start();
             TestDriver d = Drivers.start(engine, CONNECT + "cli:Connect('127.0.0.1', " + device.port() + ")")) {
            assertThat(awaitLine(d, "connected")).isEqualTo("connected");
        }
    }

    @Test
    void theLoopbackPolicyKnowsLoopbackOnly() {
        List<String> refusals = new ArrayList<>();
        EgressPolicy policy = EgressPolicy.loopbackOnly(refusals::add);
        assertThat(List.of("127.0.0.1", "127.8.9.10", "::1", "[::1]", "localhost", "LOCALHOST", "!local", "!loopback"))
                .allMatch(policy::permits);
        assertThat(List.of("0.0.0.1", "8.8.8.8", "::2", "example.com", "localhost.example.com", "127.0.0.1.nip.io",
                "128.0.0.1", "*")).noneMatch(policy::permits);
        policy.refused("example.com", "80");
        assertThat(refusals).containsExactly("network policy loopback: refused a connection to example.com:80"
                + " (not a loopback address; run with --network any to allow it)");
        assertThat(EgressPolicy.ANY.permits("example.com")).isTrue();
    }
}
