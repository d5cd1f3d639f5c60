package dev.c4j.testkit.bindings;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static dev.c4j.testkit.bindings.BoundDriver.BINDING;
import static dev.c4j.testkit.bindings.BoundDriver.HOST;
import static dev.c4j.testkit.bindings.BoundDriver.awaitLine;
import static dev.c4j.testkit.bindings.BoundDriver.lines;
import static dev.c4j.testkit.bindings.BoundDriver.sync;
import static org.assertj.core.api.Assertions.assertThat;

/** Network bindings over UDP (host spec §4.4) on every engine, against a datagram socket of the test. */
class UdpBindingTest {

    private DatagramSocket device;

    @TempDir
    Path folder;

    @BeforeEach
    void openDevice() throws IOException {
        device = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        device.setSoTimeout((int) BoundDriver.TIMEOUT.toMillis());
    }

    @AfterEach
    void closeDevice() {
        device.close();
    }

    /** A UDP binding whose port 23 the address map sends to the test's socket. */
    private TestDriver start(String engine, String portOptions) {
        Path driverPackage = BoundDriver.write(folder, "UDP", portOptions, BoundDriver.TRACING);
        return TestDriver.builder().engine(engine).virtualTime().driverPackage(driverPackage)
                .binding(BINDING, HOST).mapAddress(BoundDriver.ADDRESS, HOST + ":" + device.getLocalPort()).start();
    }

    private DatagramPacket receive() throws IOException {
        DatagramPacket packet = new DatagramPacket(new byte[2048], 2048);
        device.receive(packet);
        return packet;
    }

    private static String text(DatagramPacket packet) {
        return new String(Arrays.copyOf(packet.getData(), packet.getLength()), StandardCharsets.ISO_8859_1);
    }

    private void reply(DatagramPacket to, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        device.send(new DatagramPacket(bytes, bytes.length, to.getSocketAddress()));
    }

    @AllEngines
    void netConnectReportsOnlineAndDatagramsGoWholeBothWays(String engine) throws IOException {
        try (TestDriver driver = start(engine, "<delimiter>0d0a</delimiter>")) {
            driver.command("connect");
            awaitLine(driver, "status");
            driver.command("send", Map.of("DATA", "M-SEARCH\r\n"));
            DatagramPacket request = receive();
            assertThat(text(request)).isEqualTo("M-SEARCH\r\n");
            assertThat(request.getPort()).as("from an ephemeral port").isNotEqualTo(23);

            reply(request, "one\r\ntwo"); // whole, the delimiter does not apply
            awaitLine(driver, "data");
            driver.command("disconnect");
            sync(driver);
            assertThat(driver.outputLines()).containsExactly("late init", "status\t6001\t23\tONLINE",
                    "data\t6001\t23\tone\r\ntwo\t127.0.0.1", "status\t6001\t23\tOFFLINE");
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void aSendOpensTheSocketWithoutStatusAndNetConnectReportsItLater(String engine) throws IOException {
        try (TestDriver driver = start(engine, "")) {
            driver.command("send", Map.of("DATA", "ping"));
            DatagramPacket ping = receive();
            assertThat(text(ping)).isEqualTo("ping");
            reply(ping, "pong");
            awaitLine(driver, "data");
            assertThat(lines(driver, "status")).isEmpty();

            driver.command("connect");
            awaitLine(driver, "status");
            driver.command("send", Map.of("DATA", "again"));
            assertThat(receive().getPort()).as("the same socket").isEqualTo(ping.getPort());
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void mirrorUdpPortSendsFromTheBindingsPortItself(String engine) throws IOException {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort(); // free a moment ago: the driver's port 23 stands for it below
        }
        Path driverPackage = BoundDriver.write(folder, "UDP", port, "<mirror_udp_port>True</mirror_udp_port>",
                BoundDriver.tracing(port));
        try (TestDriver driver = TestDriver.builder().engine(engine).virtualTime().driverPackage(driverPackage)
                .binding(BINDING, HOST).mapAddress(HOST + ":" + port, HOST + ":" + device.getLocalPort()).start()) {
            driver.command("send", Map.of("DATA", "mirrored"));
            DatagramPacket packet = receive();
            assertThat(text(packet)).isEqualTo("mirrored");
            assertThat(packet.getPort()).isEqualTo(port);
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }
}
