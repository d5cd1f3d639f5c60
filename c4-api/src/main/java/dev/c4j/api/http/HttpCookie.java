package dev.c4j.api.http;

/**
 * A cookie of a driver's jar, with the fields {@code urlGetCookies} shows (host spec 5.5).
 *
 * @param wildcard true when it also applies to subdomains (a {@code Domain} attribute was given)
 * @param expires  seconds since the epoch; 0 for a session cookie
 */
public record HttpCookie(String domain, String path, String name, String value, boolean secure, boolean wildcard,
                         long expires) {

    public boolean isSession() {
        return expires == 0;
    }
}
