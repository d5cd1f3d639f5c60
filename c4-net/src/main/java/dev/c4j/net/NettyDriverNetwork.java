package dev.c4j.net;

import dev.c4j.api.DriverNetwork;
import dev.c4j.api.TcpClient;
import dev.c4j.api.TcpServer;
import dev.c4j.api.TimerService;
import dev.c4j.api.TlsSettings;
import dev.c4j.api.UdpSocket;
import dev.c4j.api.http.HttpTransfers;
import io.netty.channel.Channel;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * Makes a driver's servers and clients on its loop. Live objects are tracked weakly, so that tracking never keeps
 * an object (or, through its listener, a Lua object) alive; teardown abandons whichever are still around.
 */
final class NettyDriverNetwork implements DriverNetwork {

    private final NettyDriverLoop loop;
    private final NettyTransport transport;
    private final Resolver resolver;
    private final Destinations destinations;
    private final InputBudget inputBudget;
    private final Set<Abandonable> live = Collections.newSetFromMap(new WeakHashMap<>());
    /** Channels abandoned by teardown that may still be closing; the environment waits for them before it stops. */
    private final List<Channel> closing = new ArrayList<>();
    private final NettyHttpTransfers http;

    NettyDriverNetwork(NettyDriverLoop loop, NettyTransport transport, Resolver resolver,
                       Destinations destinations, TimerService timers, long bufferedInputLimit) {
        this.loop = loop;
        this.transport = transport;
        this.resolver = resolver;
        this.destinations = destinations;
        this.inputBudget = new InputBudget(bufferedInputLimit);
        this.http = new NettyHttpTransfers(this, timers);
    }

    /** The driver's budget of received bytes not yet delivered. */
    InputBudget inputBudget() {
        return inputBudget;
    }

    /** Where outbound traffic goes, and whether it may. */
    Destinations destinations() {
        return destinations;
    }

    NettyDriverLoop loop() {
        return loop;
    }

    NettyTransport transport() {
        return transport;
    }

    Resolver resolver() {
        return resolver;
    }

    @Override
    public TcpServer newServer() {
        return track(new NettyTcpServer(this));
    }

    @Override
    public TcpClient newClient() {
        return track(new NettyTcpClient(this, (TlsSettings) null));
    }

    @Override
    public TcpClient newClient(TlsSettings tls) {
        return track(new NettyTcpClient(this, Objects.requireNonNull(tls, "tls")));
    }

    @Override
    public UdpSocket newUdpSocket() {
        return track(new NettyUdpSocket(this));
    }

    /** Wraps a connection a server of this driver accepted (not registered yet). */
    NettyTcpClient adopt(Channel accepted) {
        return track(new NettyTcpClient(this, accepted));
    }

    private <T extends Abandonable> T track(T object) {
        live.add(object);
        return object;
    }

    @Override
    public HttpTransfers http() {
        return http;
    }

    @Override
    public void abandonAll() {
        abandonAllSockets();
    }

    /**
     * Cancels the HTTP transfers and abandons every live object (on the loop); returns the channels abandoned so
     * far, which may still be closing.
     */
    List<Channel> abandonAllSockets() {
        http.cancelAll();
        for (Abandonable object : new ArrayList<>(live)) {
            Channel ch = object.abandonOnLoop();
            if (ch != null) {
                closing.add(ch);
            }
        }
        live.clear();
        closing.removeIf(ch -> !ch.isRegistered());
        return new ArrayList<>(closing);
    }
}
