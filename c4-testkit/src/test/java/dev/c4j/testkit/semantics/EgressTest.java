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

    /**
     * Every way c4j lets a driver reach out (a TCP client, C4:url, the legacy url calls, network bindings of class
     * TCP, SSL and UDP, a UDP server's ServerSend) is refused, each with a warning naming its destination.
     */
    @AllEngines
    void everyOutboundPathIsRefused(String engine) {
        String lua = CONNECT + """
                cli:Connect('tcp.example.invalid', 443)
                C4:url():OnDone(function(t, responses, err) print('url done', err) end)
                  :Get('http://url.example.invalid/licence')
                C4:urlGet('http://legacy.example.invalid/licence', {}, false,
                  function(ticket, data, code, headers, err) print('urlGet done', err) end)
                C4:CreateNetworkConnection(6100, 'binding.example.invalid')
                C4:NetConnect(6100, 23)
                C4:CreateNetworkConnection(6101, 'ssl.example.invalid', 'SSL')
                C4:NetConnect(6101, 443)
                C4:CreateNetworkConnection(6102, '0.0.0.7', 'UDP')
                C4:NetConnect(6102, 5000)
                C4:SendToNetwork(6102, 5000, 'hello')
                C4:CreateServer(0, '', true)
                """;
        try (TestDriver d = Drivers.start(engine, lua)) {
            for (String destination : List.of("tcp.example.invalid:443", "url.example.invalid:80",
                    "legacy.example.invalid:80", "binding.example.invalid:23", "ssl.example.invalid:443",
                    "0.0.0.7:5000")) {
                assertThat(awaitMessage(d, destination)).contains("network policy loopback: refused");
            }
            assertThat(awaitLine(d, "url done")).isNotEqualTo("url done\tnil");
            assertThat(awaitLine(d, "urlGet done")).isNotEqualTo("urlGet done\tnil");
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
