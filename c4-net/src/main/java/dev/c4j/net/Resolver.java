package dev.c4j.net;

import dev.c4j.api.DriverLoop;
import dev.c4j.api.Endpoint;
import dev.c4j.api.NetError;
import io.netty.util.NetUtil;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Host and service resolution (spec sections 2.2, 3.2, 4). IP literals and the special names need no lookup;
 * names go to the system resolver on a small shared pool of daemon threads, never on a driver's loop. Results
 * are always delivered on the driver's loop, on a later turn.
 */
final class Resolver {

    /** {@link #numericPort} of a service that is a name, to be looked up. */
    static final int NAMED = -1;
    /** {@link #numericPort} of a number that is no port. */
    static final int INVALID = -2;

    private static final Pattern NUMBER = Pattern.compile("[+-]?\\d+");

    /** Where the outcome of a resolution goes; called on the loop. */
    interface Callback {
        void resolved(List<InetSocketAddress> addresses);

        void failed(NetError error);
    }

    private final ExecutorService blocking;
    private final Services services;
    private final boolean hostHasIpv6;

    Resolver(Services services) {
        this(services, hostHasIpv6());
    }

    Resolver(Services services, boolean hostHasIpv6) {
        this.services = services;
        this.hostHasIpv6 = hostHasIpv6;
        AtomicInteger count = new AtomicInteger();
        this.blocking = Executors.newFixedThreadPool(2, task -> {
            Thread thread = new Thread(task, "c4-resolver-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    void shutdown() {
        blocking.shutdownNow();
    }

    /** The port a numeric service names (numeric strings are ports), {@link #NAMED}, or {@link #INVALID}. */
    static int numericPort(String service) {
        if (!NUMBER.matcher(service).matches()) {
            return NAMED;
        }
        String digits = service.startsWith("+") ? service.substring(1) : service;
        if (digits.startsWith("-") || digits.length() > 6) {
            return INVALID;
        }
        int port = Integer.parseInt(digits);
        return port <= 65535 ? port : INVALID;
    }

    /**
     * Resolves {@code host} and {@code service} ({@code port} is its {@link #numericPort}); the outcome reaches
     * {@code callback} on {@code loop}. Errors: 1 host not found, 2 temporary failure, -8 unknown service.
     */
    void resolve(DriverLoop loop, String host, String service, int port, Callback callback) {
        List<InetAddress> fixed = fixedAddresses(host);
        if (fixed != null && port != NAMED) {
            List<InetSocketAddress> addresses = withPort(fixed, port);
            loop.execute(() -> callback.resolved(addresses));
            return;
        }
        try {
            blocking.execute(() -> lookUp(loop, host, service, port, fixed, callback));
        } catch (RejectedExecutionException e) {
            loop.execute(() -> callback.failed(NetError.of(NetError.HOST_NOT_FOUND_TRY_AGAIN)));
        }
    }

    private void lookUp(DriverLoop loop, String host, String service, int port, List<InetAddress> fixed,
                        Callback callback) {
        int realPort = port != NAMED ? port : services.port(service);
        if (realPort < 0) {
            loop.execute(() -> callback.failed(NetError.of(NetError.SERVICE_NOT_FOUND)));
            return;
        }
        try {
            // An empty host is no host (Java would quietly answer with loopback).
            if (fixed == null && host.isEmpty()) {
                throw new UnknownHostException("empty host name");
            }
            List<InetAddress> hosts = fixed != null ? fixed : List.of(InetAddress.getAllByName(host));
            List<InetSocketAddress> addresses = withPort(hosts, realPort);
            loop.execute(() -> callback.resolved(addresses));
        } catch (UnknownHostException | RuntimeException e) {
            NetError error = NetErrors.of(e);
            loop.execute(() -> callback.failed(error));
        }
    }

    /** Addresses known without a lookup (special names and IP literals), else null. */
    List<InetAddress> fixedAddresses(String host) {
        switch (host) {
            case "*", "!all", "!any" -> {
                return both("0.0.0.0", "::");
            }
            case "!local", "!loopback" -> {
                return both("127.0.0.1", "::1");
            }
            default -> {
                String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
                InetAddress address = NetUtil.createInetAddressFromIpAddressString(literal);
                return address == null ? null : List.of(address);
            }
        }
    }

    static boolean isIpLiteral(String host) {
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return NetUtil.isValidIpV4Address(literal) || NetUtil.isValidIpV6Address(literal);
    }

    /** IPv4 first; the IPv6 twin only when this host has IPv6 at all (spec: "then :: if the host has IPv6"). */
    private List<InetAddress> both(String ipv4, String ipv6) {
        InetAddress v4 = NetUtil.createInetAddressFromIpAddressString(ipv4);
        return hostHasIpv6 ? List.of(v4, NetUtil.createInetAddressFromIpAddressString(ipv6)) : List.of(v4);
    }

    private static List<InetSocketAddress> withPort(List<InetAddress> hosts, int port) {
        List<InetSocketAddress> addresses = new ArrayList<>(hosts.size());
        for (InetAddress host : hosts) {
            addresses.add(new InetSocketAddress(host, port));
        }
        return Collections.unmodifiableList(addresses);
    }

    static List<Endpoint> endpoints(List<InetSocketAddress> addresses) {
        List<Endpoint> endpoints = new ArrayList<>(addresses.size());
        for (InetSocketAddress address : addresses) {
            endpoints.add(endpoint(address));
        }
        return Collections.unmodifiableList(endpoints);
    }

    /** {@code {ip, port}} of a socket address; IPv6 in its short form ("::1"). Null for a non-IP address. */
    static Endpoint endpoint(java.net.SocketAddress socketAddress) {
        if (!(socketAddress instanceof InetSocketAddress address)) {
            return null;
        }
        String ip = address.getAddress() != null ? NetUtil.toAddressString(address.getAddress()) : address.getHostString();
        return new Endpoint(ip, address.getPort());
    }

    /** True when any interface that is up has an IPv6 address; asked once per platform. */
    static boolean hostHasIpv6() {
        try {
            for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nif.isUp() && Collections.list(nif.getInetAddresses()).stream()
                        .anyMatch(a -> a instanceof Inet6Address)) {
                    return true;
                }
            }
        } catch (SocketException | RuntimeException e) {
            // no interface list: assume IPv4 only
        }
        return false;
    }
}
