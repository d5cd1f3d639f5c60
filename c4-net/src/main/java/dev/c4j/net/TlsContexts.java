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
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Turns {@link TlsSettings} into the {@link SslHandler} of one client connection. */
final class TlsContexts {

    private static final Logger log = LoggerFactory.getLogger(TlsContexts.class);

    private TlsContexts() {
    }

    /**
     * A client-mode handler for a connection to {@code host:port}; a host name (not an IP literal) goes out as SNI.
     *
     * @throws IllegalArgumentException when a certificate or key cannot be read (the connect fails with it)
     */
    static SslHandler clientHandler(TlsSettings tls, ByteBufAllocator alloc, String host, int port) {
        SslContext context = clientContext(tls);
        return Resolver.isIpLiteral(host) ? context.newHandler(alloc) : context.newHandler(alloc, host, port);
    }

    private static SslContext clientContext(TlsSettings tls) {
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
