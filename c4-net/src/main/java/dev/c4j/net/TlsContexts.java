package dev.c4j.net;

import dev.c4j.api.ByteString;
import dev.c4j.api.TlsSettings;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns {@link TlsSettings} into the {@link SslHandler} of one client connection; SNI for every client. */
final class TlsContexts {

    private static final Logger log = LoggerFactory.getLogger(TlsContexts.class);

    // The contexts without files of the driver, made once per JVM: loading the JVM's trust store is the costly part,
    // and a binding retries every 5 s.
    private static volatile SslContext unverified;
    private static volatile SslContext jvmVerified;

    private TlsContexts() {
    }

    /**
     * A client-mode handler for a connection to {@code host:port}; a host name (not an IP literal) goes out as SNI.
     *
     * @throws IllegalArgumentException when a certificate or key cannot be read (the connect fails with it)
     */
    static SslHandler clientHandler(TlsSettings tls, ByteBufAllocator alloc, String host, int port) {
        SslContext context = clientContext(tls);
        if (Resolver.isIpLiteral(host)) {
            return context.newHandler(alloc);
        }
        SslHandler handler = context.newHandler(alloc, host, port);
        serverNameIndication(handler.engine(), host);
        return handler;
    }

    /**
     * SNI for every host name, as libcurl and OpenSSL clients send it; the JDK on its own leaves out names without
     * a dot ({@code localhost}, a device's bare name). IP literals go without, as everywhere.
     */
    static void serverNameIndication(SSLEngine engine, String host) {
        if (Resolver.isIpLiteral(host)) {
            return;
        }
        try {
            SSLParameters parameters = engine.getSSLParameters();
            parameters.setServerNames(List.of(new SNIHostName(host)));
            engine.setSSLParameters(parameters);
        } catch (IllegalArgumentException e) {
            // not a name SNI can carry: the handshake goes without
        }
    }

    private static SslContext clientContext(TlsSettings tls) {
        if (tls.trustedCertificates() == null && tls.clientCertificate() == null && tls.privateKey() == null) {
            if (!tls.verifyPeer()) {
                return unverified != null ? unverified : (unverified = build(tls));
            }
            return jvmVerified != null ? jvmVerified : (jvmVerified = build(tls));
        }
        return build(tls);
    }

    private static SslContext build(TlsSettings tls) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient()
                    .protocols("TLSv1.3", "TLSv1.2") // host spec §4.4: METHOD is accepted, 1.2 or 1.3 negotiated
                    .endpointIdentificationAlgorithm(null); // the chain is checked, not the name: see TlsSettings
            if (!tls.verifyPeer()) {
                builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
            } else if (tls.trustedCertificates() != null) {
                builder.trustManager(stream(tls.trustedCertificates()));
            }
            if (tls.clientCertificate() != null && tls.privateKey() != null) {
                builder.keyManager(stream(tls.clientCertificate()), stream(tls.privateKey()), tls.keyPassword());
            }
            return builder.build();
        } catch (SSLException | RuntimeException e) {
            // The driver only sees a failed connect: the reason goes to the log.
            log.warn("TLS settings unusable: {}", e.toString());
            throw new IllegalArgumentException("TLS settings unusable: " + e.getMessage(), e);
        }
    }

    private static InputStream stream(ByteString pem) {
        return new ByteArrayInputStream(pem.toByteArray());
    }
}
