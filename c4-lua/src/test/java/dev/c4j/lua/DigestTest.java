package dev.c4j.lua;

import org.junit.jupiter.api.Test;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Every digest with published vectors: FIPS 180 "abc", RFC 2202 / 4231 HMAC, RFC 6070 PBKDF2. */
class DigestTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void hashesAbc() {
        assertThat(hex(Digest.MD5.hash(ascii("abc")))).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
        assertThat(hex(Digest.SHA1.hash(ascii("abc")))).isEqualTo("a9993e364706816aba3e25717850c26c9cd0d89d");
        assertThat(hex(Digest.SHA224.hash(ascii("abc"))))
                .isEqualTo("23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7");
        assertThat(hex(Digest.SHA256.hash(ascii("abc"))))
                .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
        assertThat(hex(Digest.SHA384.hash(ascii("abc")))).isEqualTo("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded163"
                + "1a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7");
        assertThat(hex(Digest.SHA512.hash(ascii("abc")))).isEqualTo("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea2"
                + "0a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f");
        assertThat(hex(Digest.MD5.hash(new byte[0]))).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }

    @Test
    void sizesMatchTheOutput() {
        for (Digest digest : Digest.values()) {
            assertThat(digest.hash(new byte[3])).hasSize(digest.size());
        }
    }

    @Test
    void hmacVectors() {
        byte[] key = ascii("Jefe");
        byte[] data = ascii("what do ya want for nothing?");
        assertThat(hex(Digest.MD5.hmac(key, data))).isEqualTo("750c783e6ab0b503eaa86e310a5db738");
        assertThat(hex(Digest.SHA1.hmac(key, data))).isEqualTo("effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
        assertThat(hex(Digest.SHA224.hmac(key, data))).isEqualTo("a30e01098bc6dbbf45690f3a7e9e6d0f8bbea2a39e6148008fd05e44");
        assertThat(hex(Digest.SHA256.hmac(key, data)))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
        assertThat(hex(Digest.SHA384.hmac(key, data))).isEqualTo("af45d2e376484031617f78d2b58a6b1b9c7ef464f5a01b47"
                + "e42ec3736322445e8e2240ca5e69e2c78b3239ecfab21649");
        assertThat(hex(Digest.SHA512.hmac(key, data))).isEqualTo("164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd6"
                + "10270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737");
    }

    @Test
    void hmacTakesAnEmptyKey() {
        assertThat(hex(Digest.SHA256.hmac(new byte[0], new byte[0])))
                .isEqualTo("b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
    }

    @Test
    void pbkdf2Rfc6070() {
        assertThat(hex(Digest.SHA1.pbkdf2(ascii("password"), ascii("salt"), 1, 20)))
                .isEqualTo("0c60c80f961f0e71f3a9b524af6012062fe037a6");
        assertThat(hex(Digest.SHA1.pbkdf2(ascii("password"), ascii("salt"), 2, 20)))
                .isEqualTo("ea6c014dc72d6f8ccd1ed92ace1d41f0d8de8957");
        assertThat(hex(Digest.SHA1.pbkdf2(ascii("password"), ascii("salt"), 4096, 20)))
                .isEqualTo("4b007901b765489abead49d926f721d065a429c1");
        assertThat(hex(Digest.SHA1.pbkdf2(ascii("passwordPASSWORDpassword"),
                ascii("saltSALTsaltSALTsaltSALTsaltSALTsalt"), 4096, 25)))
                .isEqualTo("3d2eec4fe41c849b80c8d83662c0e44a8b291a964cf2f07038");
        assertThat(hex(Digest.SHA1.pbkdf2(ascii("pass\0word"), ascii("sa\0lt"), 4096, 16)))
                .isEqualTo("56fa6aa75548099dcc37d7f03425e0c3");
    }

    @Test
    void pbkdf2AgreesWithTheJdkWhereTheJdkCanDoIt() throws Exception {
        for (Digest digest : new Digest[]{Digest.SHA1, Digest.SHA224, Digest.SHA256, Digest.SHA384, Digest.SHA512}) {
            SecretKeyFactory jdk = SecretKeyFactory.getInstance("PBKDF2WithHmac" + digest.name());
            byte[] expected = jdk.generateSecret(new PBEKeySpec("secret".toCharArray(), ascii("NaCl"), 3, 8 * 70)).getEncoded();
            assertThat(digest.pbkdf2(ascii("secret"), ascii("NaCl"), 3, 70)).isEqualTo(expected);
        }
    }

    @Test
    void namesAreCaseInsensitiveAndUnknownOnesFail() {
        assertThat(Digest.named("sha1")).isEqualTo(Digest.SHA1);
        assertThat(Digest.named("Sha224")).isEqualTo(Digest.SHA224);
        assertThatThrownBy(() -> Digest.named("SHA3")).isInstanceOf(Failure.class).hasMessage("unsupported digest 'SHA3'");
        assertThatThrownBy(() -> Digest.SHA1.pbkdf2(ascii("p"), ascii("s"), 0, 20)).isInstanceOf(Failure.class);
    }
}
