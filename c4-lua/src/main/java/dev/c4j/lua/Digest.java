package dev.c4j.lua;

import javax.crypto.Mac;
import javax.crypto.SecretKey;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * The digests of {@code C4:Hash}, {@code C4:HMAC} and {@code C4:PBKDF2} (spec 7.3), over the JDK's
 * {@link MessageDigest} and {@link Mac}.
 */
enum Digest {
    MD5("MD5", "HmacMD5", 16),
    SHA1("SHA-1", "HmacSHA1", 20),
    SHA224("SHA-224", "HmacSHA224", 28),
    SHA256("SHA-256", "HmacSHA256", 32),
    SHA384("SHA-384", "HmacSHA384", 48),
    SHA512("SHA-512", "HmacSHA512", 64);

    private final String digestAlgorithm;
    private final String macAlgorithm;
    private final int size;

    Digest(String digestAlgorithm, String macAlgorithm, int size) {
        this.digestAlgorithm = digestAlgorithm;
        this.macAlgorithm = macAlgorithm;
        this.size = size;
    }

    /** The digest named {@code name}, in any case ({@code 'sha1'} occurs in real drivers). */
    static Digest named(String name) {
        try {
            return valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Failure("unsupported digest '" + name + "'");
        }
    }

    /** The digest's output size in bytes. */
    int size() {
        return size;
    }

    byte[] hash(byte[] data) {
        try {
            return MessageDigest.getInstance(digestAlgorithm).digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + digestAlgorithm, e);
        }
    }

    byte[] hmac(byte[] key, byte[] data) {
        return mac(key).doFinal(data);
    }

    /**
     * PBKDF2 with HMAC of this digest (RFC 8018, section 5.2). Written here over {@link Mac} because the JDK's
     * {@code SecretKeyFactory} takes the password as chars and encodes them as UTF-8, so a password of arbitrary
     * bytes could not pass, and it has no MD5 variant.
     */
    byte[] pbkdf2(byte[] password, byte[] salt, int iterations, int keyLength) {
        if (iterations < 1) {
            throw new Failure("iterations must be at least 1");
        }
        if (keyLength < 1) {
            throw new Failure("key length must be at least 1");
        }
        Mac prf = mac(password);
        byte[] derived = new byte[keyLength];
        for (int block = 1, offset = 0; offset < keyLength; block++, offset += size) {
            prf.update(salt);
            prf.update(new byte[]{(byte) (block >>> 24), (byte) (block >>> 16), (byte) (block >>> 8), (byte) block});
            byte[] u = prf.doFinal();
            byte[] t = u.clone();
            for (int i = 1; i < iterations; i++) {
                u = prf.doFinal(u);
                for (int j = 0; j < t.length; j++) {
                    t[j] ^= u[j];
                }
            }
            System.arraycopy(t, 0, derived, offset, Math.min(size, keyLength - offset));
        }
        return derived;
    }

    private Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(macAlgorithm);
            mac.init(new RawKey(key, macAlgorithm));
            return mac;
        } catch (InvalidKeyException e) {
            throw new Failure("invalid key: " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + macAlgorithm, e);
        }
    }

    /**
     * A key of any bytes. {@code SecretKeySpec} refuses an empty key, yet HMAC defines one (RFC 2104) and drivers
     * may pass {@code ""}.
     */
    private record RawKey(byte[] bytes, String algorithm) implements SecretKey {
        @Override
        public String getAlgorithm() {
            return algorithm;
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            return bytes.clone();
        }
    }
}
