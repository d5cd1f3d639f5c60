package dev.c4j.net;

import dev.c4j.api.AddressMap;
import dev.c4j.api.DriverClock;
import dev.c4j.api.EgressPolicy;
import dev.c4j.api.DriverEnvironment;
import dev.c4j.api.DriverLimits;
import dev.c4j.api.Platform;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Netty platform: each driver gets its own single-threaded event loop (epoll where available, else NIO) and
 * its timers and sockets on it; blocking name lookups run on a small shared pool of daemon threads.
 */
public final class NettyPlatform implements Platform {

    private final NettyTransport transport;
    private final Resolver resolver;
    private final Set<NettyDriverEnvironment> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /** The best transport of this host. */
    @Inject
    public NettyPlatform() {
        this(NettyTransport.best());
    }

    public NettyPlatform(NettyTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.resolver = new Resolver(new Services());
    }

    public NettyTransport transport() {
        return transport;
    }

    @Override
    public DriverEnvironment open(String driverName, DriverClock clock, EgressPolicy egress, AddressMap addresses,
                                  DriverLimits limits) {
        Objects.requireNonNull(driverName, "driverName");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(egress, "egress");
        Objects.requireNonNull(addresses, "addresses");
        Objects.requireNonNull(limits, "limits");
        if (closed) {
            throw new IllegalStateException("platform closed");
        }
        NettyDriverEnvironment environment = new NettyDriverEnvironment(this, driverName, clock, transport, resolver,
                new Destinations(addresses, egress), limits);
        open.add(environment);
        return environment;
    }

    void closed(NettyDriverEnvironment environment) {
        open.remove(environment);
    }

    /** Closes every environment still open, then the resolver threads. */
    @Override
    public void close() {
        closed = true;
        for (NettyDriverEnvironment environment : new ArrayList<>(open)) {
            environment.close();
        }
        resolver.shutdown();
    }
}
