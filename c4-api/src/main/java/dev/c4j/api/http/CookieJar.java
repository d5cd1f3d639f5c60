package dev.c4j.api.http;

import java.util.List;

/** A driver's cookies, kept in memory for its life; transfers with {@code cookies_enable} use it. */
public interface CookieJar {

    /** Every cookie not expired, in the order stored. */
    List<HttpCookie> list();

    /** Removes every cookie; returns how many there were. */
    int clear();

    /** Removes the session cookies; returns how many there were. */
    int clearSession();
}
