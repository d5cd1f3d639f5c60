package dev.c4j.engine.luaj.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LenientEscapesTest {

    private static String rewrite(String source) {
        return new String(Lua51Compat.rewriteLenientEscapes(source.getBytes(StandardCharsets.ISO_8859_1)),
                StandardCharsets.ISO_8859_1);
    }

    @Test
    void unknownEscapesInShortStringsLoseTheirBackslash() {
        assertThat(rewrite("x = \"\\x41\\z\\.\" .. '\\/\\q'")).isEqualTo("x = \"x41z.\" .. '/q'");
    }

    @Test
    void knownEscapesStay() {
        String source = "x = \"\\a\\b\\f\\n\\r\\t\\v\\\\\\\"\\'\\0\\65\\\n\" .. '\\\\x'";
        assertThat(rewrite(source)).isEqualTo(source);
    }

    @Test
    void commentsAndLongStringsStay() {
        String source = "a = [[\\x]] b = [==[ ]] \"\\x\" ]==] -- \"\\x\"\n--[[ '\\z' ]] c = \"\\x\"\n--[=[\n\"\\q\"]=]";
        assertThat(rewrite(source)).isEqualTo(
                "a = [[\\x]] b = [==[ ]] \"\\x\" ]==] -- \"\\x\"\n--[[ '\\z' ]] c = \"x\"\n--[=[\n\"\\q\"]=]");
    }

    @Test
    void quotesInsideStringsAndBracketsThatAreNotLongStrings() {
        assertThat(rewrite("t[ [=x] = \"'\\x\" .. '\"\\x' a[b] = \"[[\\x\"")).isEqualTo(
                "t[ [=x] = \"'x\" .. '\"x' a[b] = \"[[x\"");
    }

    @Test
    void anUnfinishedStringEndsAtTheLineSoLaterCodeIsStillRead() {
        assertThat(rewrite("x = \"abc\ny = '\\x'")).isEqualTo("x = \"abc\ny = 'x'");
    }

    @Test
    void sourceWithoutUnknownEscapesIsReturnedAsIs() {
        byte[] source = "print('hello\\n') -- \\x".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(Lua51Compat.rewriteLenientEscapes(source)).isSameAs(source);
    }

    @Test
    void bytesAboveAsciiPassThrough() {
        byte[] source = {'"', (byte) 0xE9, '\\', 'x', (byte) 0xFF, '"'};
        assertThat(Lua51Compat.rewriteLenientEscapes(source)).containsExactly('"', 0xE9, 'x', 0xFF, '"');
    }
}
