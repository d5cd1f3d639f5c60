package dev.c4j.api.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A URL as a driver gives it, parsed leniently the way libcurl does: a missing scheme means {@code http}, and
 * bytes a URL may not hold (spaces, non-ASCII) are percent-encoded rather than refused [CHOICE]. The text is one
 * char per byte (see the package documentation). Only http and https are {@linkplain #isSupported supported};
 * any other scheme parses, so that the transfer can fail with "Unsupported protocol".
 */
public final class HttpUrl {

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");
    /** What a host name may hold (RFC 3986 reg-name, without percent-encoding). */
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._~!$&'()*+,;=-]+");
    private static final Pattern IPV6_LITERAL = Pattern.compile("\\[[0-9A-Fa-f:.]+(%[A-Za-z0-9._~-]+)?]");

    private final String scheme;
    private final String userInfo; // raw, or null
    private final String host; // IPv6 literals with their brackets
    private final int port; // -1: the scheme's default
    private final String path; // encoded, starts with '/'
    private final String query; // encoded, without '?', or null

    private HttpUrl(String scheme, String userInfo, String host, int port, String path, String query) {
        this.scheme = scheme;
        this.userInfo = userInfo;
        this.host = host;
        this.port = port;
        this.path = path;
        this.query = query;
    }

    /** Parses {@code text}; throws {@link IllegalArgumentException} when it is no URL at all (libcurl's code 3). */
    public static HttpUrl parse(String text) {
        if (text == null || text.isEmpty() || text.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw malformed(text);
        }
        String scheme = "http";
        String rest = text;
        int colonSlashes = text.indexOf("://");
        if (colonSlashes > 0 && SCHEME.matcher(text.substring(0, colonSlashes)).matches()) {
            scheme = text.substring(0, colonSlashes).toLowerCase(Locale.ROOT);
            rest = text.substring(colonSlashes + 3);
        }
        int authorityEnd = indexOfAny(rest, "/?#");
        String authority = rest.substring(0, authorityEnd);
        String tail = rest.substring(authorityEnd);

        String userInfo = null;
        int at = authority.lastIndexOf('@');
        if (at >= 0) {
            userInfo = authority.substring(0, at);
            authority = authority.substring(at + 1);
        }
        String host = authority;
        String portText = null;
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0) {
                throw malformed(text);
            }
            host = authority.substring(0, close + 1);
            String after = authority.substring(close + 1);
            if (!after.isEmpty()) {
                if (!after.startsWith(":")) {
                    throw malformed(text);
                }
                portText = after.substring(1);
            }
            if (!IPV6_LITERAL.matcher(host).matches()) {
                throw malformed(text);
            }
        } else {
            int colon = authority.lastIndexOf(':');
            if (colon >= 0) {
                host = authority.substring(0, colon);
                portText = authority.substring(colon + 1);
            }
            if (!HOST_NAME.matcher(host).matches()) {
                throw malformed(text);
            }
        }
        int port = -1;
        if (portText != null && !portText.isEmpty()) {
            if (portText.length() > 5 || !portText.chars().allMatch(c -> c >= '0' && c <= '9')) {
                throw malformed(text);
            }
            port = Integer.parseInt(portText);
            if (port < 1 || port > 65535) {
                throw malformed(text);
            }
        }
        int fragment = tail.indexOf('#');
        if (fragment >= 0) {
            tail = tail.substring(0, fragment);
        }
        int question = tail.indexOf('?');
        String path = question >= 0 ? tail.substring(0, question) : tail;
        String query = question >= 0 ? tail.substring(question + 1) : null;
        return new HttpUrl(scheme, userInfo, host.toLowerCase(Locale.ROOT), port,
                path.isEmpty() ? "/" : encode(path), query == null ? null : encode(query));
    }

    /** True when {@link #parse} would accept {@code text}. */
    public static boolean isValid(String text) {
        try {
            parse(text);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The URL a redirect's {@code Location} names: absolute, or relative to this one (RFC 3986 section 5). */
    public HttpUrl resolve(String location) {
        String encoded = encode(location.trim());
        int colon = encoded.indexOf(':');
        if (colon > 0 && SCHEME.matcher(encoded.substring(0, colon)).matches()) {
            return parse(encoded);
        }
        if (encoded.startsWith("//")) {
            return parse(scheme + ":" + encoded);
        }
        if (encoded.isEmpty() || encoded.startsWith("?") || encoded.startsWith("#")) {
            // RFC 3986 keeps the path here; the JDK's older rules (RFC 2396) would drop its last segment
            return parse(scheme + "://" + authorityText() + path + (encoded.startsWith("?") ? encoded : ""));
        }
        try {
            // A path: the JDK resolves it (dot segments included); the server stays this one.
            URI target = new URI("http://h" + requestTarget()).resolve(new URI(encoded));
            String query = target.getRawQuery();
            return parse(scheme + "://" + authorityText() + target.getRawPath() + (query != null ? "?" + query : ""));
        } catch (URISyntaxException e) {
            throw malformed(location);
        }
    }

    public String scheme() {
        return scheme;
    }

    /** Whether c4j can fetch it: http or https. */
    public boolean isSupported() {
        return scheme.equals("http") || scheme.equals("https");
    }

    public boolean isSecure() {
        return scheme.equals("https");
    }

    /** {@code user:password} as written (percent-encoded), or null. */
    public String userInfo() {
        return userInfo;
    }

    /** {@code user:password} with its percent-escapes decoded (one char per byte), for Basic authentication; or null. */
    public String credentials() {
        if (userInfo == null) {
            return null;
        }
        StringBuilder decoded = new StringBuilder(userInfo.length());
        for (int i = 0; i < userInfo.length(); i++) {
            char c = userInfo.charAt(i);
            int high = i + 2 < userInfo.length() ? Character.digit(userInfo.charAt(i + 1), 16) : -1;
            int low = high >= 0 ? Character.digit(userInfo.charAt(i + 2), 16) : -1;
            if (c == '%' && low >= 0) {
                decoded.append((char) (high * 16 + low));
                i += 2;
            } else {
                decoded.append(c);
            }
        }
        return decoded.toString();
    }

    /** The host in lower case; an IPv6 literal keeps its brackets. */
    public String host() {
        return host;
    }

    /** The host as the resolver and the TLS layer take it: an IPv6 literal without brackets. */
    public String bareHost() {
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    /** The port given, else the scheme's (80, 443; -1 for an unsupported scheme). */
    public int port() {
        if (port > 0) {
            return port;
        }
        return switch (scheme) {
            case "http" -> 80;
            case "https" -> 443;
            default -> -1;
        };
    }

    /** The path, percent-encoded, starting with {@code /}. */
    public String path() {
        return path;
    }

    /** What a request line names: the path and the query. */
    public String requestTarget() {
        return query != null ? path + "?" + query : path;
    }

    /** The {@code Host} header: the host, with the port unless it is the scheme's default. */
    public String hostHeader() {
        return port > 0 && port != defaultPortOf(scheme) ? host + ":" + port : host;
    }

    /** Whether {@code other} is the same origin (scheme, host, port): credentials may follow a redirect there. */
    public boolean sameOrigin(HttpUrl other) {
        return scheme.equals(other.scheme) && host.equals(other.host) && port() == other.port();
    }

    private String authorityText() {
        return (userInfo != null ? userInfo + "@" : "") + (port > 0 ? host + ":" + port : host);
    }

    @Override
    public String toString() {
        return scheme + "://" + authorityText() + requestTarget();
    }

    private static int defaultPortOf(String scheme) {
        return scheme.equals("https") ? 443 : scheme.equals("http") ? 80 : -1;
    }

    private static int indexOfAny(String s, String chars) {
        for (int i = 0; i < s.length(); i++) {
            if (chars.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return s.length();
    }

    /** Percent-encodes each char (one per byte) that may not stand in a URL as it is; {@code %} stays. */
    private static String encode(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean plain = c > 0x20 && c < 0x7f && c != '"' && c != '<' && c != '>' && c != '\\' && c != '^'
                    && c != '`' && c != '{' && c != '|' && c != '}';
            if (plain && out == null) {
                continue;
            }
            if (out == null) {
                out = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (plain) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((c >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out == null ? s : out.toString();
    }

    private static IllegalArgumentException malformed(String text) {
        return new IllegalArgumentException("malformed URL: " + text);
    }
}
