package dev.c4j.api.http;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The options of one transfer (host spec 5.2), with the spec's defaults. Certificates and keys are the bytes of
 * the driver's package files.
 *
 * @param failOnError       a status of 400 or more fails the transfer with code 22 (default true)
 * @param timeout           the whole transfer, queueing included; zero for none (default 300 s)
 * @param connectTimeout    connection set-up (name, TCP, TLS) of each hop; zero for none (default 5 s)
 * @param verifyPeer        check the server's certificate chain (default true)
 * @param verifyHost        check that the certificate names the host (default true)
 * @param caBundle          PEM certificates that replace the JVM's trusted ones, or null
 * @param extraCaCerts      PEM or DER certificates trusted in addition
 * @param clientCertificate the certificate to authenticate with, or null
 * @param cookies           how the driver's cookie jar takes part
 * @param maxRedirects      redirects followed before failing with code 47 (default 20)
 */
public record HttpOptions(boolean failOnError, Duration timeout, Duration connectTimeout, boolean verifyPeer,
                          boolean verifyHost, byte[] caBundle, List<byte[]> extraCaCerts,
                          ClientCertificate clientCertificate, Cookies cookies, int maxRedirects) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(300);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final int DEFAULT_MAX_REDIRECTS = 20;

    public static final HttpOptions DEFAULTS = builder().build();

    public HttpOptions {
        extraCaCerts = List.copyOf(extraCaCerts);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A client certificate: {@code type} is {@code PEM}, {@code DER} or {@code P12}; key and password may be null. */
    public record ClientCertificate(byte[] certificate, String type, byte[] key, String password) {
    }

    /**
     * {@code cookies_enable}: send and store cookies at all; {@code useJar}: send the jar's cookies;
     * {@code saveToJar}: keep received ones; {@code clearSession}: drop session cookies before the transfer.
     */
    public record Cookies(boolean enable, boolean useJar, boolean saveToJar, boolean clearSession) {
        public static final Cookies DEFAULTS = new Cookies(false, true, true, false);
    }

    public static final class Builder {
        private boolean failOnError = true;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private boolean verifyPeer = true;
        private boolean verifyHost = true;
        private byte[] caBundle;
        private final List<byte[]> extraCaCerts = new ArrayList<>();
        private ClientCertificate clientCertificate;
        private Cookies cookies = Cookies.DEFAULTS;
        private int maxRedirects = DEFAULT_MAX_REDIRECTS;

        private Builder() {
        }

        public Builder failOnError(boolean on) {
            failOnError = on;
            return this;
        }

        public Builder timeout(Duration timeout) {
            this.timeout = timeout;
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = timeout;
            return this;
        }

        public Builder verifyPeer(boolean on) {
            verifyPeer = on;
            return this;
        }

        public Builder verifyHost(boolean on) {
            verifyHost = on;
            return this;
        }

        public Builder caBundle(byte[] pem) {
            caBundle = pem;
            return this;
        }

        public Builder addCaCert(byte[] certificate) {
            extraCaCerts.add(certificate);
            return this;
        }

        public Builder clientCertificate(ClientCertificate certificate) {
            clientCertificate = certificate;
            return this;
        }

        public Builder cookies(Cookies cookies) {
            this.cookies = cookies;
            return this;
        }

        public Builder maxRedirects(int max) {
            maxRedirects = max;
            return this;
        }

        public HttpOptions build() {
            return new HttpOptions(failOnError, timeout, connectTimeout, verifyPeer, verifyHost, caBundle,
                    extraCaCerts, clientCertificate, cookies, maxRedirects);
        }
    }
}
