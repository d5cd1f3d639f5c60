package dev.c4j.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.c4j.api.AddressMap;
import dev.c4j.api.DriverClock;
import dev.c4j.api.EgressPolicy;
import dev.c4j.api.TcpClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The address map (host spec §4.5): parsing, and TCP connects sent elsewhere before the egress policy judges. */
class AddressMapTest extends NetTestBase {

    @Test
    void mapsHostAndPortAsWrittenAndLeavesTheRestAlone() {
        AddressMap map = AddressMap.of(Map.of("127.0.0.1:5020", "127.0.0.1:7000", "Device.Local:23", "[::1]:2323"));
        assertThat(map.target("127.0.0.1", 5020)).isEqualTo(new AddressMap.Target("127.0.0.1", 7000));
        assertThat(map.target("device.local", 23)).isEqualTo(new AddressMap.Target("::1", 2323));
        assertThat(map.target("device.local", 23).toString()).isEqualTo("[::1]:2323");
        assertThat(map.target("127.0.0.1", 5021)).isEqualTo(new AddressMap.Target("127.0.0.1", 5021));
        assertThat(AddressMap.NONE.target("x", 1)).isEqualTo(new AddressMap.Target("x", 1));
        for (String bad : List.of("127.0.0.1", ":80", "host:0", "host:65536", "host:http")) {
            assertThatThrownBy(() -> AddressMap.parse(bad)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining(bad);
        }
    }

    @Test
    void aConnectGoesToTheTargetWhichTheEgressPolicyJudges() throws IOException {
        List<String> refusals = new CopyOnWriteArrayList<>();
        try (ServerSocket device = peerServer()) {
            environment = platform.open("mapped", DriverClock.system(), EgressPolicy.loopbackOnly(refusals::add),
                    AddressMap.of(Map.of("controller.example:5020", "127.0.0.1:" + device.getLocalPort(),
                            "127.0.0.1:5021", "192.0.2.1:5021")));
            loop = environment.loop();
            network = environment.network();

            ClientEvents mapped = clientEvents();
            onLoop(() -> {
                TcpClient client = network.newClient();
                client.setListener(mapped);
                client.connect("controller.example", "5020"); // no lookup of the name: it is mapped
            });
            mapped.expect("resolved:[127.0.0.1:" + device.getLocalPort() + "]", "connected");
            try (Socket accepted = accept(device)) {
                assertThat(accepted.getPort()).isPositive();
            }

            ClientEvents refused = clientEvents();
            onLoop(() -> {
                TcpClient client = network.newClient();
                client.setListener(refused);
                client.connect("127.0.0.1", "5021"); // a loopback address mapped away from loopback
            });
            refused.expect("failed:101:Network is unreachable:resolve");
            assertThat(refusals).singleElement().asString().contains("192.0.2.1:5021");
        }
    }
}
