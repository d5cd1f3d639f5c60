package dev.c4j.testkit.bindings;

import io.netty.pkitesting.CertificateBuilder;
import io.netty.pkitesting.X509Bundle;

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
import javax.net.ssl.TrustManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A TLS device on 127.0.0.1 (a JDK TLS server) with certificates made for the test run: an authority, the
 * device's certificate for {@code device.test} and a client certificate {@code CN=driver}, all issued by it. Each
 * accepted connection is handshaken and reported ({@code "sni=device.test client=CN=driver"}, or
 * {@code "failed: ..."}); a successful one is handed over.
 */
final class TlsDevice implements AutoCloseable {

    static final X509Bundle AUTHORITY;
    static final X509Bundle DEVICE;
    static final X509Bundle CLIENT;
    /** The password of {@link #encryptedClientKey()}. */
    static final String KEY_PASSWORD = "s3cret";

    static {
        try {
            // Netty reads encrypted keys with BouncyCastle when it is on the classpath (here: pkitesting's). Its
            // provider takes seconds to set up the first time: not on a driver's loop, under a test's timeout.
            new org.bouncycastle.jce.provider.BouncyCastleProvider();
            AUTHORITY = new CertificateBuilder().subject("CN=test authority").setIsCertificateAuthority(true)
                    .ecp256().buildSelfSigned();
            DEVICE = new CertificateBuilder().subject("CN=device").addSanDnsName("device.test")
                    .setKeyUsage(true, CertificateBuilder.KeyUsage.digitalSignature)
                    .addExtendedKeyUsageServerAuth().ecp256().buildIssuedBy(AUTHORITY);
            CLIENT = new CertificateBuilder().subject("CN=driver")
                    .setKeyUsage(true, CertificateBuilder.KeyUsage.digitalSignature)
                    .addExtendedKeyUsageClientAuth().ecp256().buildIssuedBy(AUTHORITY);
        } catch (Exception e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SSLServerSocket server;
    private final BlockingQueue<String> handshakes = new LinkedBlockingQueue<>();
    private final BlockingQueue<SSLSocket> connections = new LinkedBlockingQueue<>();

    TlsDevice(boolean needClientCertificate) {
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(DEVICE.toKeyManagerFactory().getKeyManagers(),
                    new TrustManager[] {AUTHORITY.toTrustManager()}, null);
            server = (SSLServerSocket) context.getServerSocketFactory()
                    .createServerSocket(0, 50, InetAddress.getLoopbackAddress());
            server.setNeedClientAuth(needClientCertificate);
        } catch (Exception e) {
            throw new AssertionError("cannot start a TLS device", e);
        }
        Thread acceptor = new Thread(this::acceptLoop, "tls-device");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** The next handshake's outcome. */
    String nextHandshake() {
        return poll(handshakes, "handshake");
    }

    /** The next connection whose handshake succeeded. */
    SSLSocket takeConnection() {
        return poll(connections, "TLS connection");
    }

    private static <T> T poll(BlockingQueue<T> queue, String what) {
        try {
            T next = queue.poll(BoundDriver.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new AssertionError("no " + what + " within " + BoundDriver.TIMEOUT);
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                SSLSocket connection = (SSLSocket) server.accept();
                connection.setSoTimeout((int) BoundDriver.TIMEOUT.toMillis());
                try {
                    connection.startHandshake();
                    List<?> names = ((ExtendedSSLSession) connection.getSession()).getRequestedServerNames();
                    String sni = names.isEmpty() ? "-" : ((SNIHostName) names.get(0)).getAsciiName();
                    String client = server.getNeedClientAuth()
                            ? connection.getSession().getPeerPrincipal().getName() : "-";
                    handshakes.add("sni=" + sni + " client=" + client);
                    connections.add(connection);
                } catch (IOException e) {
                    handshakes.add("failed: " + e.getMessage());
                    connection.close();
                }
            } catch (IOException closed) {
                return;
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        connections.forEach(connection -> {
            try {
                connection.close();
            } catch (IOException e) {
                // closing anyway
            }
        });
    }

    /** Writes {@code pem} into the driver package at {@code name}. */
    static void writeFile(Path driverPackage, String name, String pem) {
        try {
            Path file = driverPackage.resolve(name);
            Files.createDirectories(file.getParent());
            Files.writeString(file, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The client's key as an encrypted PKCS#8 PEM document ({@link #KEY_PASSWORD}), as a package may ship it. */
    static String encryptedClientKey() {
        try {
            String algorithm = "PBEWithSHA1AndDESede";
            byte[] salt = new byte[8];
            new SecureRandom().nextBytes(salt);
            PBEParameterSpec parameters = new PBEParameterSpec(salt, 2048);
            Cipher cipher = Cipher.getInstance(algorithm);
            cipher.init(Cipher.ENCRYPT_MODE, SecretKeyFactory.getInstance(algorithm)
                    .generateSecret(new PBEKeySpec(KEY_PASSWORD.toCharArray())), parameters);
            AlgorithmParameters used = AlgorithmParameters.getInstance(algorithm);
            used.init(parameters);
            byte[] der = new EncryptedPrivateKeyInfo(used,
                    cipher.doFinal(CLIENT.getKeyPair().getPrivate().getEncoded())).getEncoded();
            return "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der)
                    + "\n-----END ENCRYPTED PRIVATE KEY-----\n";
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
