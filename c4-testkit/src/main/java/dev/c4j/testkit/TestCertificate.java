package dev.c4j.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A self-signed certificate and its key, made at test time by the JDK's own {@code keytool} (no library, no
 * certificate checked in that could expire or leak): for {@code localhost} and {@code 127.0.0.1} unless other
 * names are asked for.
 *
 * <pre>{@code
 * TestCertificate certificate = TestCertificate.localhost();
 * Files.write(packageDir.resolve("ca.pem"), certificate.certificatePem());   // for ssl_cabundle
 * }</pre>
 */
public final class TestCertificate {

    private static final char[] PASSWORD = "c4j-test".toCharArray();
    private static volatile TestCertificate localhost;

    private final PrivateKey key;
    private final X509Certificate certificate;

    private TestCertificate(PrivateKey key, X509Certificate certificate) {
        this.key = key;
        this.certificate = certificate;
    }

    /** For {@code localhost} and {@code 127.0.0.1}; made once per JVM. */
    public static TestCertificate localhost() {
        TestCertificate made = localhost;
        if (made == null) {
            synchronized (TestCertificate.class) {
                if (localhost == null) {
                    localhost = create("localhost", "dns:localhost,ip:127.0.0.1");
                }
                made = localhost;
            }
        }
        return made;
    }

    /**
     * A fresh certificate for {@code commonName} whose subject alternative names are {@code sans} in keytool's
     * form, e.g. {@code "dns:device.test"} (so that a request to 127.0.0.1 meets a host name mismatch).
     */
    public static TestCertificate create(String commonName, String sans) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("c4j-cert");
            Path store = dir.resolve("cert.p12");
            String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            List<String> command = new ArrayList<>(List.of(keytool, "-genkeypair", "-alias", "test",
                    "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "3650", "-dname", "CN=" + commonName,
                    "-keystore", store.toString(), "-storetype", "PKCS12",
                    "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD)));
            if (sans != null && !sans.isEmpty()) {
                command.addAll(List.of("-ext", "SAN=" + sans));
            }
            Process keytoolRun = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(keytoolRun.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!keytoolRun.waitFor(60, TimeUnit.SECONDS) || keytoolRun.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + output);
            }
            KeyStore keyStore = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(store)) {
                keyStore.load(in, PASSWORD);
            }
            return new TestCertificate((PrivateKey) keyStore.getKey("test", PASSWORD),
                    (X509Certificate) keyStore.getCertificate("test"));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot make a test certificate: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while making a test certificate", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    public PrivateKey privateKey() {
        return key;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate in PEM, as a driver's {@code ssl_cabundle} or {@code ssl_cert} file holds it. */
    public byte[] certificatePem() {
        try {
            return pem("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The private key in PEM (unencrypted PKCS#8), as a driver's {@code ssl_key} file holds it. */
    public byte[] privateKeyPem() {
        return pem("PRIVATE KEY", key.getEncoded());
    }

    private static byte[] pem(String type, byte[] der) {
        return ("-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                + "\n-----END " + type + "-----\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (var files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Files.deleteIfExists(file);
            }
            Files.deleteIfExists(dir);
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
