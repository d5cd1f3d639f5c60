package dev.c4j.lua;

import javax.crypto.BadPaddingException;
import javax.crypto.Cipher;
import javax.crypto.IllegalBlockSizeException;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The ciphers of {@code C4:Encrypt}/{@code C4:Decrypt} (spec 7.3): {@code AES-128/192/256} in {@code CBC},
 * {@code ECB}, {@code CTR}, {@code CFB} (CFB-128) and {@code OFB}, over the JDK's {@link Cipher}, named as OpenSSL
 * names them ({@code "AES-256-CBC"}, any case).
 */
record AesCipher(String name, int keyLength, Mode mode) {

    /** The block modes; CTR, CFB and OFB turn AES into a stream cipher. */
    enum Mode {
        CBC, ECB, CTR, CFB, OFB;

        boolean isStream() {
            return this == CTR || this == CFB || this == OFB;
        }
    }

    static final int AES_BLOCK = 16;
    static final int[] KEY_LENGTHS = {16, 24, 32};
    private static final Pattern NAME = Pattern.compile("AES-(128|192|256)-(CBC|ECB|CTR|CFB|OFB)");

    /** The cipher named {@code name}, in any case. */
    static AesCipher named(String name) {
        String canonical = name.toUpperCase(Locale.ROOT);
        Matcher m = NAME.matcher(canonical);
        if (!m.matches()) {
            throw new Failure("unsupported cipher '" + name + "'");
        }
        return new AesCipher(canonical, Integer.parseInt(m.group(1)) / 8, Mode.valueOf(m.group(2)));
    }

    /**
     * The block size as OpenSSL reports it [CHOICE]: 16 for CBC and ECB, 1 for the stream modes, which never pad.
     */
    int blockSize() {
        return mode.isStream() ? 1 : AES_BLOCK;
    }

    /** The IV length: 16, or 0 for ECB, which has none (an IV given to ECB is ignored, as OpenSSL does). */
    int ivLength() {
        return mode == Mode.ECB ? 0 : AES_BLOCK;
    }

    byte[] encrypt(byte[] key, byte[] iv, byte[] data, boolean padding) {
        return run(Cipher.ENCRYPT_MODE, key, iv, data, padding);
    }

    byte[] decrypt(byte[] key, byte[] iv, byte[] data, boolean padding) {
        return run(Cipher.DECRYPT_MODE, key, iv, data, padding);
    }

    /**
     * A key or IV shorter than the cipher's is padded with zero bytes, a longer one refused (spec 7.3); padding is
     * PKCS#7 ({@code PKCS5Padding} in JCE's words: the same for 16-byte blocks); without it the data must fill whole
     * blocks.
     */
    private byte[] run(int direction, byte[] key, byte[] iv, byte[] data, boolean padding) {
        byte[] fullKey = zeroPadded(key, keyLength, "key");
        boolean padded = padding && !mode.isStream();
        if (!padded && data.length % blockSize() != 0) {
            throw new Failure("data length " + data.length + " is not a multiple of the block size " + blockSize()
                    + " (padding is off)");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/" + mode + "/" + (padded ? "PKCS5Padding" : "NoPadding"));
            SecretKeySpec secret = new SecretKeySpec(fullKey, "AES");
            if (mode == Mode.ECB) {
                cipher.init(direction, secret);
            } else {
                cipher.init(direction, secret, new IvParameterSpec(zeroPadded(iv, AES_BLOCK, "IV")));
            }
            return cipher.doFinal(data);
        } catch (BadPaddingException | IllegalBlockSizeException e) {
            throw new Failure("bad decrypt (wrong key, IV or padding)", e); // our words: the JDK's vary by version
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK lacks " + name, e);
        }
    }

    private static byte[] zeroPadded(byte[] bytes, int length, String what) {
        if (bytes.length > length) {
            throw new Failure(what + " is " + bytes.length + " bytes, longer than the cipher's " + length);
        }
        return Arrays.copyOf(bytes, length);
    }
}
