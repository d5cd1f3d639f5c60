package dev.c4j.net;

import dev.c4j.api.TimerService;
import dev.c4j.api.http.CookieJar;
import dev.c4j.api.http.HttpRequest;
import dev.c4j.api.http.HttpTransfer;
import dev.c4j.api.http.HttpTransfers;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Set;

/** The HTTP client of one driver (host spec section 5): its transfers, host turns and cookie jar. Loop only. */
final class NettyHttpTransfers implements HttpTransfers {

    private final NettyDriverNetwork network;
    private final TimerService timers;
    private final HostSlots slots = new HostSlots(DEFAULT_MAX_HOST_CONNECTIONS);
    private final MemoryCookieJar cookies;
    /** Until done is delivered (it is posted): a teardown in between cancels it, so it never reaches a closed driver. */
    private final Set<NettyHttpTransfer> running = new LinkedHashSet<>();

    NettyHttpTransfers(NettyDriverNetwork network, TimerService timers) {
        this.network = network;
        this.timers = timers;
        this.cookies = new MemoryCookieJar(network.loop().clock());
    }

    @Override
    public HttpTransfer start(HttpRequest request, HttpTransfer.Listener listener) {
        NettyHttpTransfer transfer = new NettyHttpTransfer(this, request, listener);
        running.add(transfer);
        transfer.start();
        return transfer;
    }

    @Override
    public void maxHostConnections(int perHost) {
        if (perHost < 1 || perHost > MAX_MAX_HOST_CONNECTIONS) {
            throw new IllegalArgumentException("max_host_connections out of 1.." + MAX_MAX_HOST_CONNECTIONS);
        }
        slots.perHost(perHost);
    }

    @Override
    public int maxHostConnections() {
        return slots.perHost();
    }

    @Override
    public CookieJar cookies() {
        return cookies;
    }

    @Override
    public void cancelAll() {
        for (NettyHttpTransfer transfer : new ArrayList<>(running)) {
            transfer.cancel();
        }
    }

    /** {@code transfer} delivered its {@code done} or was cancelled: teardown has nothing more to cancel. */
    void forget(NettyHttpTransfer transfer) {
        running.remove(transfer);
    }

    MemoryCookieJar cookieJar() {
        return cookies;
    }

    HostSlots slots() {
        return slots;
    }

    TimerService timers() {
        return timers;
    }

    NettyDriverLoop loop() {
        return network.loop();
    }

    NettyTransport transport() {
        return network.transport();
    }

    Resolver resolver() {
        return network.resolver();
    }

    /** Where requests go (the address map, host spec §4.5) and whether they may. */
    Destinations destinations() {
        return network.destinations();
    }
}
