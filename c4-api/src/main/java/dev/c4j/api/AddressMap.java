package dev.c4j.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The project's address map (host spec §4.5): outbound connections to a given {@code host:port} go to another
 * {@code host:port} instead, as if the driver had asked for that. A controller's {@code 127.0.0.1:5020} is Director;
 * on c4j it can be a test peer. It is also how tests point a binding, whose port driver.xml fixes, at a
 * {@code MockDevice} on whatever port the OS gave it. Applied before the egress policy and before any name lookup,
 * to TCP connects and UDP sends alike; the driver never sees the target (its socket reports the real peer).
 *
 * <p>Addresses read {@code host:port}, {@code [v6]:port}; hosts compare case-insensitively, as written (a name is
 * never resolved to match).
 */
public final class AddressMap {

    /** Maps nothing. */
    public static final AddressMap NONE = new AddressMap(Map.of());

    /** Where a connection really goes. */
    public record Target(String host, int port) {
        /** {@code host:port}, with brackets around an IPv6 literal. */
        @Override
        public String toString() {
            return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
        }
    }

    private final Map<Target, Target> entries;

    private AddressMap(Map<Target, Target> entries) {
        this.entries = entries;
    }

    /**
     * A map from {@code "host:port"} texts to {@code "host:port"} texts.
     *
     * @throws IllegalArgumentException for a text that is not {@code host:port} with a port in 1..65535
     */
    public static AddressMap of(Map<String, String> fromTo) {
        Map<Target, Target> entries = new LinkedHashMap<>();
        fromTo.forEach((from, to) -> entries.put(key(parse(from)), parse(to)));
        return new AddressMap(Map.copyOf(entries));
    }

    /** {@code host:port} or {@code [v6]:port} as a target. @throws IllegalArgumentException when malformed */
    public static Target parse(String address) {
        Objects.requireNonNull(address, "address");
        int colon = address.lastIndexOf(':');
        String host = colon > 0 ? address.substring(0, colon) : "";
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port = -1;
        try {
            port = Integer.parseInt(address.substring(colon + 1));
        } catch (NumberFormatException e) {
            // reported below
        }
        if (host.isEmpty() || port < 1 || port > 65535) {
            throw new IllegalArgumentException("'" + address + "' is not HOST:PORT");
        }
        return new Target(host, port);
    }

    /** Where a connection to {@code host:port} goes: the mapped target, or {@code host:port} itself. */
    public Target target(String host, int port) {
        Target asked = new Target(host, port);
        return entries.getOrDefault(key(asked), asked);
    }

    public boolean isEmpty() {
        return entries.isEmpty();
    }

    private static Target key(Target target) {
        String host = target.host();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        return new Target(host.toLowerCase(Locale.ROOT), target.port());
    }

    @Override
    public String toString() {
        return entries.toString();
    }
}
