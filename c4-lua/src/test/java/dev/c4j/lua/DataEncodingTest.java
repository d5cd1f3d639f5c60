package dev.c4j.lua;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Base64 and hex (spec 7.2), with RFC 4648's test vectors. */
class DataEncodingTest {

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void base64UsesTheStandardAlphabetWithPaddingAndNoLineBreaks() {
        String[][] rfc4648 = {{"", ""}, {"f", "Zg=="}, {"fo", "Zm8="}, {"foo", "Zm9v"}, {"foob", "Zm9vYg=="},
                {"fooba", "Zm9vYmE="}, {"foobar", "Zm9vYmFy"}};
        for (String[] vector : rfc4648) {
            assertThat(text(DataEncoding.BASE64.encode(ascii(vector[0])))).isEqualTo(vector[1]);
            assertThat(text(DataEncoding.BASE64.decode(ascii(vector[1])))).isEqualTo(vector[0]);
        }
        assertThat(text(DataEncoding.BASE64.encode(new byte[]{(byte) 0xfb, (byte) 0xff}))).isEqualTo("+/8=");
        assertThat(DataEncoding.BASE64.encode(new byte[100])).doesNotContain((byte) '\n');
    }

    @Test
    void base64DecodingIgnoresWhitespaceAndAcceptsMissingPadding() {
        assertThat(text(DataEncoding.decodeBase64(ascii(" Zm9v\r\nYmE\t")))).isEqualTo("fooba");
        assertThat(text(DataEncoding.decodeBase64(ascii("Zg")))).isEqualTo("f");
        assertThatThrownBy(() -> DataEncoding.decodeBase64(ascii("Zm9v!"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataEncoding.decodeBase64(ascii("Z"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DataEncoding.BASE64.decode(ascii("Zm-v"))).isInstanceOf(Failure.class)
                .hasMessageStartingWith("invalid BASE64 data");
    }

    @Test
    void hexIsLowerCaseOutAndEitherCaseIn() {
        assertThat(text(DataEncoding.HEX.encode(new byte[]{0, (byte) 0xab, 0x7f}))).isEqualTo("00ab7f");
        assertThat(DataEncoding.HEX.decode(ascii("00AbfF"))).containsExactly(0, 0xab, 0xff);
        assertThatThrownBy(() -> DataEncoding.HEX.decode(ascii("abc"))).isInstanceOf(Failure.class)
                .hasMessageStartingWith("invalid HEX data");
        assertThatThrownBy(() -> DataEncoding.HEX.decode(ascii("zz"))).isInstanceOf(Failure.class);
    }

    @Test
    void noneKeepsTheBytesAndNamesAreCaseInsensitive() {
        byte[] raw = {0, (byte) 0xff};
        assertThat(DataEncoding.named("none").encode(raw)).isEqualTo(raw);
        assertThat(DataEncoding.named("Hex")).isEqualTo(DataEncoding.HEX);
        assertThat(DataEncoding.named("base64")).isEqualTo(DataEncoding.BASE64);
        assertThatThrownBy(() -> DataEncoding.named("ROT13")).isInstanceOf(Failure.class)
                .hasMessage("unknown encoding 'ROT13' (NONE, HEX or BASE64 expected)");
    }
}
