package dev.c4j.net;

import dev.c4j.api.DriverClock;
import dev.c4j.api.http.CookieJar;
import dev.c4j.api.http.HttpCookie;
import dev.c4j.api.http.HttpUrl;
import io.netty.handler.codec.http.cookie.ClientCookieDecoder;
import io.netty.handler.codec.http.cookie.Cookie;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * A driver's cookies (host spec 5.2 {@code cookies_*}, 5.5 {@code urlGetCookies}), in memory, with RFC 6265's
 * domain and path rules; expiry on the driver's clock. Set-Cookie is parsed by Netty's cookie decoder.
 */
final class MemoryCookieJar implements CookieJar {

    private final DriverClock clock;
    private final List<HttpCookie> cookies = new ArrayList<>();

    MemoryCookieJar(DriverClock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized List<HttpCookie> list() {
        dropExpired();
        return List.copyOf(cookies);
    }

    @Override
    public synchronized int clear() {
        int count = cookies.size();
        cookies.clear();
        return count;
    }

    @Override
    public synchronized int clearSession() {
        int before = cookies.size();
        cookies.removeIf(HttpCookie::isSession);
        return before - cookies.size();
    }

    /** The {@code Cookie} header for a request to {@code url}, or null when no cookie applies. */
    synchronized String header(HttpUrl url) {
        dropExpired();
        StringBuilder header = new StringBuilder();
        for (HttpCookie cookie : cookies) {
            if (matches(cookie, url)) {
                header.append(header.length() > 0 ? "; " : "").append(cookie.name()).append('=').append(cookie.value());
            }
        }
        return header.length() > 0 ? header.toString() : null;
    }

    /** Stores what one {@code Set-Cookie} of a response from {@code url} sets (or removes, when expired). */
    synchronized void store(HttpUrl url, String setCookie) {
        Cookie parsed = ClientCookieDecoder.LAX.decode(setCookie);
        if (parsed == null) {
            return;
        }
        String host = url.bareHost();
        String domain = parsed.domain();
        boolean wildcard = domain != null && !domain.isEmpty();
        if (wildcard) {
            domain = domain.toLowerCase(Locale.ROOT);
            domain = domain.startsWith(".") ? domain.substring(1) : domain;
            if (!host.equals(domain) && !host.endsWith("." + domain)) {
                return; // a server may not set cookies for another domain
            }
        } else {
            domain = host;
        }
        String path = parsed.path() != null && parsed.path().startsWith("/") ? parsed.path() : defaultPath(url);
        long expires = 0;
        if (parsed.maxAge() != Cookie.UNDEFINED_MAX_AGE) {
            expires = nowSeconds() + parsed.maxAge();
        }
        String name = parsed.name();
        String cookieDomain = domain;
        cookies.removeIf(c -> c.name().equals(name) && c.domain().equals(cookieDomain) && c.path().equals(path));
        if (parsed.maxAge() == Cookie.UNDEFINED_MAX_AGE || parsed.maxAge() > 0) {
            cookies.add(new HttpCookie(domain, path, name, parsed.value(), parsed.isSecure(), wildcard, expires));
        }
    }

    private boolean matches(HttpCookie cookie, HttpUrl url) {
        String host = url.bareHost();
        boolean domainMatches = host.equals(cookie.domain()) || cookie.wildcard() && host.endsWith("." + cookie.domain());
        String path = url.path();
        boolean pathMatches = path.equals(cookie.path()) || path.startsWith(cookie.path())
                && (cookie.path().endsWith("/") || path.charAt(cookie.path().length()) == '/');
        return domainMatches && pathMatches && (!cookie.secure() || url.isSecure());
    }

    /** RFC 6265 5.1.4: the request path up to its last slash. */
    private static String defaultPath(HttpUrl url) {
        String path = url.path();
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    private void dropExpired() {
        long now = nowSeconds();
        for (Iterator<HttpCookie> it = cookies.iterator(); it.hasNext(); ) {
            HttpCookie cookie = it.next();
            if (!cookie.isSession() && cookie.expires() <= now) {
                it.remove();
            }
        }
    }

    private long nowSeconds() {
        return TimeUnit.NANOSECONDS.toSeconds(clock.epochNanos());
    }
}
