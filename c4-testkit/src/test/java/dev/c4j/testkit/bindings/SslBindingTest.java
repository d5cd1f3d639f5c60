package dev.c4j.testkit.bindings;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import javax.net.ssl.SSLSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.c4j.testkit.DirectorAssert.assertThat;
import static dev.c4j.testkit.bindings.BoundDriver.BINDING;
import static dev.c4j.testkit.bindings.BoundDriver.HOST;
import static dev.c4j.testkit.bindings.BoundDriver.advance;
import static dev.c4j.testkit.bindings.BoundDriver.awaitLine;
import static dev.c4j.testkit.bindings.BoundDriver.lines;
import static org.assertj.core.api.Assertions.assertThat;

/** Network bindings of class SSL (host spec §4.4) on every engine, against a TLS device on 127.0.0.1. */
class SslBindingTest {

    private static final String KEPT = "<auto_connect>True</auto_connect><keep_connection>True</keep_connection>";

    private TlsDevice device;

    @TempDir
    Path folder;

    @AfterEach
    void stopDevice() {
        if (device != null) {
            device.close();
        }
    }

    private TestDriver start(String engine, Path driverPackage) {
        return TestDriver.builder().engine(engine).virtualTime().driverPackage(driverPackage)
                .binding(BINDING, HOST).mapAddress(BoundDriver.ADDRESS, HOST + ":" + device.port()).start();
    }

    private Path ssl(String portOptions, String lua) {
        return BoundDriver.write(folder, "SSL", portOptions, BoundDriver.TRACING + lua);
    }

    private static String readLine(SSLSocket connection) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = connection.getInputStream().read(); b != '\n' && b >= 0; b = connection.getInputStream().read()) {
            line.append((char) b);
        }
        return line.toString();
    }

    @AllEngines
    void byDefaultAnyCertificateDoesAndPlainBytesGoBothWays(String engine) throws IOException {
        device = new TlsDevice(false);
        try (TestDriver driver = start(engine, ssl(KEPT + "<delimiter>0a</delimiter>", ""))) {
            SSLSocket connection = device.takeConnection();
            assertThat(device.nextHandshake()).isEqualTo("sni=- client=-"); // an IP address is never SNI
            awaitLine(driver, "status");
            connection.getOutputStream().write("hello\n".getBytes(StandardCharsets.ISO_8859_1));
            awaitLine(driver, "data");
            driver.command("send", Map.of("DATA", "world\n"));
            assertThat(readLine(connection)).isEqualTo("world");
            assertThat(lines(driver, "data")).containsExactly("data\t6001\t23\thello\n\t127.0.0.1");
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void verifyPeerChecksAgainstTheCaCertFileOfThePackage(String engine) {
        device = new TlsDevice(false);
        Path driverPackage = ssl(KEPT + "<verify_mode>peer</verify_mode><cacert>certs/ca.pem</cacert>", "");
        TlsDevice.writeFile(driverPackage, "certs/ca.pem", TlsDevice.AUTHORITY.getCertificatePEM());
        try (TestDriver driver = start(engine, driverPackage)) {
            device.takeConnection();
            awaitLine(driver, "status");
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void aPeerTheTrustStoreDoesNotKnowIsAFailedAttemptRetriedEveryFiveSeconds(String engine) {
        device = new TlsDevice(false);
        try (TestDriver driver = start(engine, ssl(KEPT + "<verify_mode>peer</verify_mode>", ""))) {
            assertThat(device.nextHandshake()).startsWith("failed");
            BoundDriver.sleep(BoundDriver.QUIET);
            advance(driver, Duration.ofSeconds(5));
            assertThat(device.nextHandshake()).startsWith("failed");
            assertThat(lines(driver, "status")).isEmpty();
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void presentsTheClientCertificateWithAProtectedKeyUnlockedByGetPrivateKeyPassword(String engine) {
        device = new TlsDevice(true);
        Path driverPackage = ssl(KEPT + "<certificate>certs/client.pem</certificate>"
                + "<private_key protected=\"True\">certs/client.key</private_key>", """
                function GetPrivateKeyPassword(id, port)
                  print('password for', id, port)
                  return '%s'
                end
                """.formatted(TlsDevice.KEY_PASSWORD));
        TlsDevice.writeFile(driverPackage, "certs/client.pem", TlsDevice.CLIENT.getCertificatePEM());
        TlsDevice.writeFile(driverPackage, "certs/client.key", TlsDevice.encryptedClientKey());
        try (TestDriver driver = start(engine, driverPackage)) {
            device.takeConnection();
            assertThat(device.nextHandshake()).isEqualTo("sni=- client=CN=driver");
            awaitLine(driver, "status");
            assertThat(driver.outputLines()).containsExactly("late init", "password for\t6001\t23",
                    "status\t6001\t23\tONLINE");
            assertThat(driver).called("GetPrivateKeyPassword", BINDING, 23);
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void aMissingCertificateFileIsAWarningAndAFailedAttempt(String engine) {
        device = new TlsDevice(false);
        try (TestDriver driver = start(engine, ssl(KEPT + "<certificate>certs/none.pem</certificate>"
                + "<private_key>certs/none.key</private_key>", ""))) {
            assertThat(BoundDriver.awaitMessage(driver, "no file 'certs/none.key' in the driver package"))
                    .contains("binding 6001 port 23");
            assertThat(lines(driver, "status")).isEmpty();
        }
    }

    @AllEngines
    void theVendorWebSocketWayCreatesAnSslBindingAndSendsTheHostNameAsSni(String engine) {
        device = new TlsDevice(false);
        Path driverPackage = BoundDriver.write(folder, "TCP", "", BoundDriver.TRACING + """
                function OnDriverLateInit()
                  for id = 6100, 6199 do
                    local address = C4:GetBindingAddress(id)
                    if address == nil or address == '' then BINDING = id break end
                  end
                  C4:CreateNetworkConnection(BINDING, 'device.test', 'SSL')
                  C4:NetPortOptions(BINDING, 443, 'SSL', { VERIFY_MODE = 'peer', CACERTFILE = 'ca.pem' })
                  C4:NetDisconnect(BINDING, 443)
                  C4:NetConnect(BINDING, 443)
                end
                """);
        TlsDevice.writeFile(driverPackage, "ca.pem", TlsDevice.AUTHORITY.getCertificatePEM());
        try (TestDriver driver = TestDriver.builder().engine(engine).virtualTime().driverPackage(driverPackage)
                .mapAddress("device.test:443", HOST + ":" + device.port()).start()) {
            device.takeConnection();
            assertThat(device.nextHandshake()).isEqualTo("sni=device.test client=-");
            assertThat(awaitLine(driver, "status")).isEqualTo("status\t6100\t443\tONLINE");
            driver.assertNoErrors();
            driver.assertNoWarnings();
        }
    }
}
