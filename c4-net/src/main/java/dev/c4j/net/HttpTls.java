package dev.c4j.net;

import dev.c4j.api.http.HttpError;
import dev.c4j.api.http.HttpOptions;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS client contexts of HTTP transfers (host spec 5.2): the JVM's trusted certificates by default, none
 * checked with {@code ssl_verify_peer=false}, the driver's own with {@code ssl_cabundle}/{@code ssl_cacerts}, and a
 * client certificate. The three contexts without driver files are made once per JVM (loading the JVM's trust store
 * is the costly part); a context with driver files is made per transfer.
 */
final class HttpTls {

    private static volatile SslContext verifying;
    private static volatile SslContext verifyingChainOnly;
    private static volatile SslContext trustingAll;

    private HttpTls() {
    }

    /** Why a context could not be made: libcurl's code for the file that is at fault. */
    static final class BadFile extends Exception {
        final HttpError error;

        BadFile(int code, Throwable cause) {
            super(HttpError.textOf(code), cause);
            this.error = HttpError.of(code);
        }
    }

    static SslContext contextFor(HttpOptions options) throws BadFile {
        boolean ownFiles = options.caBundle() != null || !options.extraCaCerts().isEmpty()
                || options.clientCertificate() != null;
        if (!ownFiles) {
            if (!options.verifyPeer()) {
                return trustingAll != null ? trustingAll : (trustingAll = build(options));
            }
            if (!options.verifyHost()) {
                return verifyingChainOnly != null ? verifyingChainOnly : (verifyingChainOnly = build(options));
            }
            return verifying != null ? verifying : (verifying = build(options));
        }
        return build(options);
    }

    private static SslContext build(HttpOptions options) throws BadFile {
        SslContextBuilder builder = SslContextBuilder.forClient().sslProvider(SslProvider.JDK)
                // host names are checked as HTTPS clients do (the certificate's names, IP addresses included)
                .endpointIdentificationAlgorithm(options.verifyPeer() && options.verifyHost() ? "HTTPS" : null);
        if (!options.verifyPeer()) {
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else if (options.caBundle() != null || !options.extraCaCerts().isEmpty()) {
            builder.trustManager(trusted(options));
        }
        if (options.clientCertificate() != null) {
            clientCertificate(builder, options.clientCertificate());
        }
        try {
            return builder.build();
        } catch (SSLException | RuntimeException e) {
            throw new BadFile(HttpError.SSL_CERTPROBLEM, e);
        }
    }

    /** {@code ssl_cabundle} replaces the JVM's certificates, {@code ssl_cacerts} adds to them (or to the bundle). */
    private static List<X509Certificate> trusted(HttpOptions options) throws BadFile {
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            if (options.caBundle() != null) {
                certificates.addAll(certificates(options.caBundle()));
            } else {
                certificates.addAll(Arrays.asList(jvmTrusted().getAcceptedIssuers()));
            }
            for (byte[] extra : options.extraCaCerts()) {
                certificates.addAll(certificates(extra));
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            throw new BadFile(HttpError.SSL_CACERT_BADFILE, e);
        }
        if (certificates.isEmpty()) {
            throw new BadFile(HttpError.SSL_CACERT_BADFILE, null);
        }
        return certificates;
    }

    /** Every certificate in PEM or DER bytes. */
    private static List<X509Certificate> certificates(byte[] pemOrDer) throws GeneralSecurityException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (var certificate : CertificateFactory.getInstance("X.509")
                .generateCertificates(new ByteArrayInputStream(pemOrDer))) {
            certificates.add((X509Certificate) certificate);
        }
        return certificates;
    }

    private static X509TrustManager jvmTrusted() throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init((KeyStore) null);
        for (var manager : factory.getTrustManagers()) {
            if (manager instanceof X509TrustManager x509) {
                return x509;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** {@code ssl_cert}/{@code ssl_key}: PEM (key in its own file or with the certificate), DER, or P12. */
    private static void clientCertificate(SslContextBuilder builder, HttpOptions.ClientCertificate client)
            throws BadFile {
        try {
            switch (client.type().toUpperCase(java.util.Locale.ROOT)) {
                case "P12" -> {
                    char[] password = client.password() != null ? client.password().toCharArray() : new char[0];
                    KeyStore store = KeyStore.getInstance("PKCS12");
                    store.load(new ByteArrayInputStream(client.certificate()), password);
                    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                    keys.init(store, password);
                    builder.keyManager(keys);
                }
                case "DER" -> builder.keyManager(
                        new ByteArrayInputStream(pem("CERTIFICATE", client.certificate())),
                        new ByteArrayInputStream(pem("PRIVATE KEY", client.key() != null ? client.key() : new byte[0])),
                        client.password());
                default -> builder.keyManager(new ByteArrayInputStream(client.certificate()),
                        new ByteArrayInputStream(client.key() != null ? client.key() : client.certificate()),
                        client.password());
            }
        } catch (GeneralSecurityException | java.io.IOException | RuntimeException e) {
            throw new BadFile(HttpError.SSL_CERTPROBLEM, e);
        }
    }

    private static byte[] pem(String type, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return ("-----BEGIN " + type + "-----\n" + base64 + "\n-----END " + type + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }
}
