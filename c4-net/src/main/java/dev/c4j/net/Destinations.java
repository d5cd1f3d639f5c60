package dev.c4j.net;

import dev.c4j.api.AddressMap;
import dev.c4j.api.EgressPolicy;
import dev.c4j.api.NetError;

/**
 * Where a driver's outbound traffic goes: the address map first (host spec §4.5), then the egress policy judges
 * the real target, before any name lookup. One place for TCP connects and UDP sends.
 */
final class Destinations {

    private final AddressMap addresses;
    private final EgressPolicy egress;

    Destinations(AddressMap addresses, EgressPolicy egress) {
        this.addresses = addresses;
        this.egress = egress;
    }

    /**
     * The real target of {@code host} and {@code service} ({@code port} its {@link Resolver#numericPort}; a
     * service name is never mapped), or null when the egress policy refuses it (the refusal is reported).
     */
    AddressMap.Target route(String host, String service, int port) {
        AddressMap.Target target = port == Resolver.NAMED ? new AddressMap.Target(host, Resolver.NAMED)
                : addresses.target(host, port);
        if (egress.permits(target.host())) {
            return target;
        }
        egress.refused(target.host(), target.port() == Resolver.NAMED ? service : Integer.toString(target.port()));
        return null;
    }

    /** What a refused destination gives the driver: what an unreachable one gives on a controller. */
    static NetError refusal(String host) {
        return NetError.of(Resolver.isIpLiteral(host) ? NetError.ENETUNREACH : NetError.HOST_NOT_FOUND);
    }
}
