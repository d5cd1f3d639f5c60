package dev.c4j.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where the console listens: 127.0.0.1 unless a host is given, so other hosts cannot reach it by default. */
class ConsoleBindingTest {

    private final FakeControl control = new FakeControl();

    @Test
    void listensOnLoopbackAtAFreePort() throws IOException {
        try (Console console = Console.start(Console.bindAddress("0"), control, OutputFeed.none())) {
            assertThat(console.address().getAddress().getHostAddress()).isEqualTo("127.0.0.1");
            assertThat(console.port()).isPositive();
            assertThat(console.uri()).hasToString("http://127.0.0.1:" + console.port() + "/");
            assertThat(new ConsoleClient(console.uri()).get("/api/output").status()).isEqualTo(200);
        }
    }

    @Test
    void isNotReachableOnTheHostsOtherAddresses() throws IOException {
        Optional<InetAddress> lanAddress = NetworkInterface.networkInterfaces()
                .filter(ConsoleBindingTest::isUp)
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
                .findFirst();
        assumeTrue(lanAddress.isPresent(), "this host has no address besides loopback");
        try (Console console = Console.start(Console.loopback(0), control, OutputFeed.none())) {
            assertThatThrownBy(() -> new Socket(lanAddress.get(), console.port()).close())
                    .isInstanceOf(ConnectException.class);
        }
    }

    @Test
    void closeStopsServingAndMayBeRepeated() throws IOException {
        Console console = Console.start(Console.loopback(0), control, OutputFeed.none());
        int port = console.port();

        console.close();
        console.close();

        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void bindAddressWithoutAHostIsLoopback() {
        assertThat(Console.bindAddress("8080")).isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
    }

    @Test
    void bindAddressWithAHostIsThatHost() {
        assertThat(Console.bindAddress("0.0.0.0:8080")).isEqualTo(new InetSocketAddress("0.0.0.0", 8080));
        assertThat(Console.bindAddress("[::1]:9000").getAddress().getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
        assertThat(Console.bindAddress("[::1]:9000").getPort()).isEqualTo(9000);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "http", "host:", ":8080", "70000", "-1", "127.0.0.1:port"})
    void bindAddressRefusesWhatIsNotAPort(String given) {
        assertThatThrownBy(() -> Console.bindAddress(given))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not a port or HOST:PORT: '" + given + "'");
    }

    private static boolean isUp(NetworkInterface network) {
        try {
            return network.isUp();
        } catch (SocketException e) {
            return false;
        }
    }
}
