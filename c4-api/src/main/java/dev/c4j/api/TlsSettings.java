package dev.c4j.api;

/**
 * How a TLS client connection authenticates (host spec §4.4, the SSL class of network bindings). Certificates and
 * keys are PEM documents as a driver package ships them; c4j negotiates TLS 1.2 or 1.3 and sends the host name it
 * connects to (never an IP literal) as SNI.
 *
 * @param verifyPeer        check the server's certificate chain; the host name is not checked, as OpenSSL's
 *                          {@code SSL_VERIFY_PEER} that Director uses does not (devices are addressed by IP)
 * @param trustedCertificates PEM certificates to verify against; null: the JVM's trust store
 * @param clientCertificate PEM certificate chain to present, or null for none
 * @param privateKey        PEM private key of {@code clientCertificate} (PKCS#8, encrypted or not), or null
 * @param keyPassword       the password of an encrypted {@code privateKey}, or null
 */
public record TlsSettings(boolean verifyPeer, ByteString trustedCertificates, ByteString clientCertificate,
                          ByteString privateKey, String keyPassword) {

    /** Encrypts without checking who answers ({@code VERIFY_MODE none}, the DriverWorks default). */
    public static final TlsSettings UNVERIFIED = new TlsSettings(false, null, null, null, null);
}
