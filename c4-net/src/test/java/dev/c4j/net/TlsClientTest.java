package dev.c4j.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c4j.api.AddressMap;
import dev.c4j.api.ByteString;
import dev.c4j.api.DriverClock;
import dev.c4j.api.EgressPolicy;
import dev.c4j.api.ReadRequest;
import dev.c4j.api.TcpClient;
import dev.c4j.api.TlsSettings;
import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.PBEParameterSpec;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** TLS over TCP clients (host spec §4.4, the SSL class of bindings) against a JDK TLS server on 127.0.0.1. */
class TlsClientTest extends NetTestBase {

    private static X509Bundle authority;
    private static X509Bundle deviceCertificate;
    private static X509Bundle clientCertificate;

    private SSLServerSocket device;
    private final CompletableFuture<String> seenByDevice = new CompletableFuture<>();

    @BeforeAll
    static void makeCertificates() throws Exception {
        // Netty reads encrypted keys with BouncyCastle when it is on the classpath (here: pkitesting's). Its
        // provider takes seconds to set up the first time: not on a driver's loop, under a test's timeout.
        new org.bouncycastle.jce.provider.BouncyCastleProvider();
        authority = new CertificateBuilder().subject("CN=test authority").setIsCertificateAuthority(true)
                .ecp256().buildSelfSigned();
        deviceCertificate = new CertificateBuilder().subject("CN=device").addSanDnsName("device.test")
                .setKeyUsage(true, CertificateBuilder.KeyUsage.digitalSignature).addExtendedKeyUsageServerAuth()
                .ecp256().buildIssuedBy(authority);
        clientCertificate = new CertificateBuilder().subject("CN=driver")
                .setKeyUsage(true, CertificateBuilder.KeyUsage.digitalSignature).addExtendedKeyUsageClientAuth()
                .ecp256().buildIssuedBy(authority);
    }

    @AfterEach
    void closeDevice() throws IOException {
        if (device != null) {
            device.close();
        }
    }

    /**
     * A TLS device on 127.0.0.1 that, for one connection, reads one line, answers {@code "ok <line>"} and reports
     * the server name the client asked for and the client certificate's subject.
     */
    private int startDevice(boolean needClientCertificate) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(deviceCertificate.toKeyManagerFactory().getKeyManagers(),
                new javax.net.ssl.TrustManager[] {authority.toTrustManager()}, null);
        device = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, LOCALHOST);
        device.setNeedClientAuth(needClientCertificate);
        Thread serving = new Thread(() -> {
            try (SSLSocket connection = (SSLSocket) device.accept()) {
                connection.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
                String line = new java.io.BufferedReader(new java.io.InputStreamReader(
                        connection.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
                connection.getOutputStream().write(bytes("ok " + line + "\n"));
                connection.getOutputStream().flush();
                List<?> names = ((ExtendedSSLSession) connection.getSession()).getRequestedServerNames();
                String sni = names.isEmpty() ? "-" : ((SNIHostName) names.get(0)).getAsciiName();
                String peer = needClientCertificate
                        ? connection.getSession().getPeerPrincipal().getName() : "-";
                seenByDevice.complete("sni=" + sni + " client=" + peer);
                connection.getInputStream().read(); // until the client goes
            } catch (Exception e) {
                seenByDevice.complete("failed: " + e);
            }
        }, "tls-device");
        serving.setDaemon(true);
        serving.start();
        return device.getLocalPort();
    }

    private ClientEvents connect(TlsSettings tls, String host, String port) {
        ClientEvents events = clientEvents();
        onLoop(() -> {
            TcpClient client = network.newClient(tls);
            client.setListener(events);
            events.reaction = event -> {
                if (event.equals("connected")) {
                    client.write(ByteBuffer.wrap(bytes("hello\n")));
                    client.read(new ReadRequest.Until(bytes("\n")));
                }
            };
            assertThat(client.connect(host, port)).isTrue();
        });
        return events;
    }

    private String seenByDevice() throws Exception {
        return seenByDevice.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    private static ByteString pem(String text) {
        return ByteString.utf8(text);
    }

    @Test
    void withoutVerificationAnyCertificateDoesAndPlainBytesGoBothWays() throws Exception {
        int port = startDevice(false);
        ClientEvents events = connect(TlsSettings.UNVERIFIED, "127.0.0.1", String.valueOf(port));
        events.expect("resolved:[127.0.0.1:" + port + "]", "connected", "written", "read:ok hello\n");
        assertThat(seenByDevice()).isEqualTo("sni=- client=-"); // an IP literal is never sent as SNI
    }

    @Test
    void verifiesThePeerAgainstTheGivenCertificates() throws Exception {
        int port = startDevice(false);
        TlsSettings trusting = new TlsSettings(true, pem(authority.getCertificatePEM()), null, null, null);
        ClientEvents events = connect(trusting, "127.0.0.1", String.valueOf(port));
        events.expect("resolved:[127.0.0.1:" + port + "]", "connected", "written", "read:ok hello\n");
    }

    @Test
    void aPeerTheTrustStoreDoesNotKnowFailsTheConnect() throws Exception {
        int port = startDevice(false);
        ClientEvents events = connect(new TlsSettings(true, null, null, null, null), "127.0.0.1",
                String.valueOf(port));
        events.expect("resolved:[127.0.0.1:" + port + "]");
        assertThat(events.next()).startsWith("failed:").endsWith(":connect");
        events.expectNone(100);
    }

    @Test
    void presentsTheClientCertificateAndSendsTheAskedHostNameAsSni() throws Exception {
        int port = startDevice(true);
        // the name the driver asked for goes out as SNI, though the address map sends it to 127.0.0.1
        environment = platform.open("mapped", DriverClock.system(), EgressPolicy.ANY,
                AddressMap.of(Map.of("device.test:443", "127.0.0.1:" + port)));
        loop = environment.loop();
        network = environment.network();
        TlsSettings withCertificate = new TlsSettings(false, null, pem(clientCertificate.getCertificatePEM()),
                pem(clientCertificate.getPrivateKeyPEM()), null);
        ClientEvents events = connect(withCertificate, "device.test", "443");
        events.expect("resolved:[127.0.0.1:" + port + "]", "connected", "written", "read:ok hello\n");
        assertThat(seenByDevice()).isEqualTo("sni=device.test client=CN=driver");
    }

    @Test
    void aNameWithoutADotIsSentAsSniToo() throws Exception {
        int port = startDevice(false);
        environment = platform.open("mapped", DriverClock.system(), EgressPolicy.ANY,
                AddressMap.of(Map.of("amplifier:4443", "127.0.0.1:" + port)));
        loop = environment.loop();
        network = environment.network();
        ClientEvents events = connect(TlsSettings.UNVERIFIED, "amplifier", "4443");
        events.expect("resolved:[127.0.0.1:" + port + "]", "connected", "written", "read:ok hello\n");
        assertThat(seenByDevice()).isEqualTo("sni=amplifier client=-"); // the JDK alone would leave it out
    }

    @Test
    void decryptsAnEncryptedKeyWithItsPassword() throws Exception {
        int port = startDevice(true);
        TlsSettings withCertificate = new TlsSettings(false, null, pem(clientCertificate.getCertificatePEM()),
                pem(encryptedPem(clientCertificate.getKeyPair().getPrivate(), "s3cret")), "s3cret");
        ClientEvents events = connect(withCertificate, "127.0.0.1", String.valueOf(port));
        events.expect("resolved:[127.0.0.1:" + port + "]", "connected", "written", "read:ok hello\n");
        assertThat(seenByDevice()).isEqualTo("sni=- client=CN=driver");
    }

    @Test
    void unreadableSettingsFailTheConnect() {
        ClientEvents events = connect(new TlsSettings(false, null, pem("not a certificate"), pem("nor a key"),
                null), "127.0.0.1", "9");
        events.expect("resolved:[127.0.0.1:9]");
        assertThat(events.next()).startsWith("failed:").endsWith(":connect");
    }

    /** {@code key} as an encrypted PKCS#8 PEM document, as a driver package may ship it. */
    static String encryptedPem(PrivateKey key, String password) throws Exception {
        String algorithm = "PBEWithSHA1AndDESede";
        byte[] salt = new byte[8];
        new SecureRandom().nextBytes(salt);
        PBEParameterSpec parameters = new PBEParameterSpec(salt, 2048);
        Cipher cipher = Cipher.getInstance(algorithm);
        cipher.init(Cipher.ENCRYPT_MODE, SecretKeyFactory.getInstance(algorithm)
                .generateSecret(new PBEKeySpec(password.toCharArray())), parameters);
        AlgorithmParameters used = AlgorithmParameters.getInstance(algorithm);
        used.init(parameters);
        byte[] der = new EncryptedPrivateKeyInfo(used, cipher.doFinal(key.getEncoded())).getEncoded();
        return "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END ENCRYPTED PRIVATE KEY-----\n";
    }
}
