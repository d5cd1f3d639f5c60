package dev.c4j.engine.luaj.compat;

/**
 * {@code <ctype.h>} in the "C" locale, which C Lua 5.1 uses for pattern classes and {@code string.upper/lower}:
 * only ASCII has classes, so bytes 0x80-0xFF are in none of them (LuaJ asks {@link Character} instead, which puts
 * Latin-1 letters in %a/%l/%u/%w and misses '\v' in %s).
 */
final class CType {
    private CType() {
    }

    static boolean isAlpha(int c) {
        return isLower(c) || isUpper(c);
    }

    static boolean isLower(int c) {
        return c >= 'a' && c <= 'z';
    }

    static boolean isUpper(int c) {
        return c >= 'A' && c <= 'Z';
    }

    static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    static boolean isAlnum(int c) {
        return isAlpha(c) || isDigit(c);
    }

    static boolean isXDigit(int c) {
        return isDigit(c) || ((c | 0x20) >= 'a' && (c | 0x20) <= 'f');
    }

    static boolean isSpace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    static boolean isCntrl(int c) {
        return c < 0x20 || c == 0x7f;
    }

    static boolean isPunct(int c) {
        return c > 0x20 && c < 0x7f && !isAlnum(c);
    }

    static int toLower(int c) {
        return isUpper(c) ? c + ('a' - 'A') : c;
    }

    static int toUpper(int c) {
        return isLower(c) ? c - ('a' - 'A') : c;
    }
}
