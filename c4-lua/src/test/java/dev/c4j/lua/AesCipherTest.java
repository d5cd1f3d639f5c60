package dev.c4j.lua;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** AES in every mode against NIST SP 800-38A, appendix F; the key, IV and padding rules of spec 7.3. */
class AesCipherTest {

    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] KEY_128 = HEX.parseHex("2b7e151628aed2a6abf7158809cf4f3c");
    private static final byte[] KEY_192 = HEX.parseHex("8e73b0f7da0e6452c810f32b809079e562f8ead2522c6b7b");
    private static final byte[] KEY_256 = HEX.parseHex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4");
    private static final byte[] IV = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
    private static final byte[] COUNTER = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
    private static final byte[] PLAIN = HEX.parseHex("6bc1bee22e409f96e93d7e117393172aae2d8a571e03ac9c9eb76fac45af8e51"
            + "30c81c46a35ce411e5fbc1191a0a52eff69f2445df4f9b17ad2b417be66c3710");
    private static final byte[] FIRST_BLOCK = Arrays.copyOf(PLAIN, 16);

    private static void assertVector(String cipher, byte[] key, byte[] iv, byte[] plain, String expected) {
        AesCipher aes = AesCipher.named(cipher);
        byte[] encrypted = aes.encrypt(key, iv, plain, false);
        assertThat(HEX.formatHex(encrypted)).as(cipher).isEqualTo(expected);
        assertThat(aes.decrypt(key, iv, encrypted, false)).as(cipher).isEqualTo(plain);
    }

    @Test
    void aes128InEveryMode() {
        assertVector("AES-128-ECB", KEY_128, null, PLAIN, "3ad77bb40d7a3660a89ecaf32466ef97f5d3d58503b9699de785895a96fdbaaf"
                + "43b1cd7f598ece23881b00e3ed0306887b0c785e27e8ad3f8223207104725dd4");
        assertVector("AES-128-CBC", KEY_128, IV, PLAIN, "7649abac8119b246cee98e9b12e9197d5086cb9b507219ee95db113a917678b2"
                + "73bed6b8e3c1743b7116e69e222295163ff1caa1681fac09120eca307586e1a7");
        assertVector("AES-128-CFB", KEY_128, IV, PLAIN, "3b3fd92eb72dad20333449f8e83cfb4ac8a64537a0b3a93fcde3cdad9f1ce58b"
                + "26751f67a3cbb140b1808cf187a4f4dfc04b05357c5d1c0eeac4c66f9ff7f2e6");
        assertVector("AES-128-OFB", KEY_128, IV, PLAIN, "3b3fd92eb72dad20333449f8e83cfb4a7789508d16918f03f53c52dac54ed825"
                + "9740051e9c5fecf64344f7a82260edcc304c6528f659c77866a510d9c1d6ae5e");
        assertVector("AES-128-CTR", KEY_128, COUNTER, PLAIN, "874d6191b620e3261bef6864990db6ce9806f66b7970fdff8617187bb9fffdff"
                + "5ae4df3edbd5d35e5b4f09020db03eab1e031dda2fbe03d1792170a0f3009cee");
    }

    @Test
    void aes192And256() {
        assertVector("AES-192-ECB", KEY_192, null, FIRST_BLOCK, "bd334f1d6e45f25ff712a214571fa5cc");
        assertVector("AES-192-CBC", KEY_192, IV, FIRST_BLOCK, "4f021db243bc633d7178183a9fa071e8");
        assertVector("AES-192-CTR", KEY_192, COUNTER, FIRST_BLOCK, "1abc932417521ca24f2b0459fe7e6e0b");
        assertVector("AES-256-ECB", KEY_256, null, FIRST_BLOCK, "f3eed1bdb5d2a03c064b5a7e3db181f8");
        assertVector("AES-256-CBC", KEY_256, IV, FIRST_BLOCK, "f58c4c04d6e5f1ba779eabfb5f7bfbd6");
        assertVector("AES-256-CFB", KEY_256, IV, FIRST_BLOCK, "dc7e84bfda79164b7ecd8486985d3860");
        assertVector("AES-256-OFB", KEY_256, IV, FIRST_BLOCK, "dc7e84bfda79164b7ecd8486985d3860");
        assertVector("AES-256-CTR", KEY_256, COUNTER, FIRST_BLOCK, "601ec313775789a5b7a7f504bbf3d228");
    }

    @Test
    void paddingIsPkcs7ByDefaultForBlockModes() {
        AesCipher cbc = AesCipher.named("aes-128-cbc");
        byte[] encrypted = cbc.encrypt(KEY_128, IV, FIRST_BLOCK, true);
        assertThat(encrypted).hasSize(32);
        assertThat(Arrays.copyOf(encrypted, 16)).isEqualTo(HEX.parseHex("7649abac8119b246cee98e9b12e9197d"));
        assertThat(cbc.decrypt(KEY_128, IV, encrypted, true)).isEqualTo(FIRST_BLOCK);
        assertThat(cbc.encrypt(KEY_128, IV, new byte[5], true)).hasSize(16);
        byte[] raw = cbc.decrypt(KEY_128, IV, cbc.encrypt(KEY_128, IV, new byte[5], true), false);
        assertThat(Arrays.copyOfRange(raw, 5, 16)).containsOnly(11);
    }

    @Test
    void streamModesNeverPad() {
        AesCipher ctr = AesCipher.named("AES-128-CTR");
        assertThat(ctr.encrypt(KEY_128, COUNTER, new byte[5], true)).hasSize(5);
        assertThat(ctr.blockSize()).isEqualTo(1);
        assertThat(ctr.ivLength()).isEqualTo(16);
    }

    @Test
    void withoutPaddingTheDataMustFillWholeBlocks() {
        assertThatThrownBy(() -> AesCipher.named("AES-128-CBC").encrypt(KEY_128, IV, new byte[5], false))
                .isInstanceOf(Failure.class)
                .hasMessage("data length 5 is not a multiple of the block size 16 (padding is off)");
    }

    @Test
    void shortKeysAndIvsArePaddedWithZerosLongOnesRefused() {
        AesCipher cbc = AesCipher.named("AES-128-CBC");
        byte[] shortKey = Arrays.copyOf(KEY_128, 10);
        assertThat(cbc.encrypt(shortKey, new byte[0], FIRST_BLOCK, false))
                .isEqualTo(cbc.encrypt(Arrays.copyOf(shortKey, 16), new byte[16], FIRST_BLOCK, false));
        assertThatThrownBy(() -> cbc.encrypt(KEY_256, IV, FIRST_BLOCK, false)).isInstanceOf(Failure.class)
                .hasMessage("key is 32 bytes, longer than the cipher's 16");
        assertThatThrownBy(() -> cbc.encrypt(KEY_128, new byte[17], FIRST_BLOCK, false)).isInstanceOf(Failure.class)
                .hasMessage("IV is 17 bytes, longer than the cipher's 16");
        assertThat(AesCipher.named("AES-128-ECB").encrypt(KEY_128, new byte[40], FIRST_BLOCK, false)).hasSize(16);
    }

    @Test
    void badPaddingAndUnknownCiphersFail() {
        AesCipher cbc = AesCipher.named("AES-128-CBC");
        assertThatThrownBy(() -> cbc.decrypt(KEY_128, IV, FIRST_BLOCK, true)).isInstanceOf(Failure.class)
                .hasMessage("bad decrypt (wrong key, IV or padding)");
        assertThatThrownBy(() -> AesCipher.named("AES-128-GCM")).isInstanceOf(Failure.class)
                .hasMessage("unsupported cipher 'AES-128-GCM'");
        assertThatThrownBy(() -> AesCipher.named("DES-CBC")).isInstanceOf(Failure.class);
    }
}
