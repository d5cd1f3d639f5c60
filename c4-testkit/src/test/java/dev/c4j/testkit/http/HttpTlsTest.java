package dev.c4j.testkit.http;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.MockHttpServer;
import dev.c4j.testkit.MockResponse;
import dev.c4j.testkit.TestCertificate;
import dev.c4j.testkit.TestDriver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.c4j.testkit.http.HttpDrivers.awaitLine;
import static dev.c4j.testkit.http.HttpDrivers.quoted;
import static org.assertj.core.api.Assertions.assertThat;

/** https (host spec 5.2): the JVM's trust, ssl_verify_peer/host, ssl_cabundle, client certificates, SNI, failures. */
class HttpTlsTest {

    private final MockHttpServer server = MockHttpServer.start();

    @TempDir
    Path driverFolder;

    @AfterEach
    void stopServer() {
        server.close();
    }

    /** The lines of one traced GET of {@code url} after {@code setup}, by a driver package holding {@code files}. */
    private List<String> fetch(String engine, String url, String setup, Map<String, byte[]> files) {
        try (TestDriver d = HttpDrivers.startPackage(engine, driverFolder,
                "u = trace(C4:url())\n" + setup + "\nu:Get(" + quoted(url) + ")", files)) {
            awaitLine(d, "done");
            return d.outputLines();
        }
    }

    @AllEngines
    void aSelfSignedCertificateIsRefusedUnlessVerificationIsOffOrItIsTheDriversBundle(String engine) {
        server.useHttps();
        server.enqueue(new MockResponse().body("secret"));
        server.enqueue(new MockResponse().body("secret"));
        assertThat(fetch(engine, server.url("/"), "", Map.of()))
                .containsExactly("done\ttrue\t0\t60\tSSL peer certificate or SSH remote key was not OK");
        assertThat(fetch(engine, server.url("/"), "u:SetOption('ssl_verify_peer', false)", Map.of()))
                .containsExactly("headers\ttrue\t200", "body\tsecret", "done\ttrue\t1\t0\tnil");
        assertThat(fetch(engine, server.url("/"), "u:SetOptions({ssl_cabundle = 'certs/device.pem'})",
                Map.of("certs/device.pem", server.certificatePem())))
                .containsExactly("headers\ttrue\t200", "body\tsecret", "done\ttrue\t1\t0\tnil");
        assertThat(fetch(engine, server.url("/"), "u:SetOptions({ssl_cabundle = 'missing.pem'})", Map.of()))
                .containsExactly("done\ttrue\t0\t77\tProblem with the SSL CA cert (path? access rights?)");
    }

    @AllEngines
    void theCertificateMustNameTheHostUnlessSslVerifyHostIsOff(String engine) {
        TestCertificate elsewhere = TestCertificate.create("device.test", "dns:device.test");
        server.useHttps(elsewhere, null);
        server.enqueue(new MockResponse().body("ok"));
        Map<String, byte[]> bundle = Map.of("ca.pem", elsewhere.certificatePem());
        assertThat(fetch(engine, server.url("/"), "u:SetOption('ssl_cabundle', 'ca.pem')", bundle))
                .containsExactly("done\ttrue\t0\t60\tSSL peer certificate or SSH remote key was not OK");
        assertThat(fetch(engine, server.url("/"),
                "u:SetOption('ssl_cabundle', 'ca.pem'):SetOption('ssl_verify_host', false)", bundle))
                .containsExactly("headers\ttrue\t200", "body\tok", "done\ttrue\t1\t0\tnil");
    }

    @AllEngines
    void theHostNameGoesOutAsSni(String engine) {
        server.useHttps();
        server.enqueue(new MockResponse());
        String url = "https://localhost:" + server.port() + "/sni";
        assertThat(fetch(engine, url, "u:SetOptions({ssl_cabundle = 'ca.pem'})",
                Map.of("ca.pem", server.certificatePem()))).endsWith("done\ttrue\t1\t0\tnil");
        assertThat(server.takeRequest().serverName()).isEqualTo("localhost");
    }

    @AllEngines
    void aServerThatSpeaksNoTlsFailsTheHandshake(String engine) {
        server.enqueue(new MockResponse());
        String url = "https://127.0.0.1:" + server.port() + "/";
        assertThat(fetch(engine, url, "u:SetOption('ssl_verify_peer', false)", Map.of()))
                .containsExactly("done\ttrue\t0\t35\tSSL connect error");
    }

    @AllEngines
    void aClientCertificateFromThePackageAuthenticatesTheDriver(String engine) {
        TestCertificate client = TestCertificate.create("drv", null);
        server.useHttps(TestCertificate.localhost(), client);
        server.enqueue(new MockResponse().body("welcome"));
        assertThat(fetch(engine, server.url("/"), """
                u:SetOptions({ssl_verify_peer = false, ssl_cert = 'client.pem', ssl_key = 'client.key'})
                """, Map.of("client.pem", client.certificatePem(), "client.key", client.privateKeyPem())))
                .containsExactly("headers\ttrue\t200", "body\twelcome", "done\ttrue\t1\t0\tnil");
        assertThat(fetch(engine, server.url("/"), "u:SetOptions({ssl_verify_peer = false})", Map.of()))
                .last().asString().doesNotContain("\t0\tnil").startsWith("done\ttrue\t0\t");
    }
}
