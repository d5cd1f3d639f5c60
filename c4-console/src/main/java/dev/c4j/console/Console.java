package dev.c4j.console;

import com.sun.net.httpserver.HttpServer;
import dev.c4j.api.host.DriverControl;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP console of one running driver: JSON endpoints over its {@link DriverControl} and {@link OutputFeed},
 * and a small page at {@code /} (docs/console.md). Each request that drives the driver is answered after the entry
 * point it caused has returned; the console's threads never call into Lua, they wait for the control's futures.
 *
 * <pre>{@code
 * try (Console console = Console.start(Console.loopback(0), control, output)) {
 *     System.err.println("console at " + console.uri());
 *     ...
 * }
 * }</pre>
 */
public final class Console implements AutoCloseable {

    /** How long a request waits for the driver's callback before it is answered 504. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** Requests served at once; more wait in line. A development console has one or two clients. */
    private static final int THREADS = 8;

    private final HttpServer server;
    private final ExecutorService threads;
    private final AtomicBoolean closed = new AtomicBoolean();

    private Console(HttpServer server, ExecutorService threads) {
        this.server = server;
        this.threads = threads;
    }

    /** Serves at {@code bind} with the {@linkplain #DEFAULT_TIMEOUT default timeout}; port 0 picks a free port. */
    public static Console start(InetSocketAddress bind, DriverControl control, OutputFeed output)
            throws IOException {
        return start(bind, control, output, DEFAULT_TIMEOUT);
    }

    /**
     * Serves at {@code bind}; a request that drives the driver waits at most {@code timeout} for its callback.
     *
     * @throws IOException when the address cannot be bound (in use, not local)
     */
    public static Console start(InetSocketAddress bind, DriverControl control, OutputFeed output,
                                Duration timeout) throws IOException {
        ControlCalls calls = new ControlCalls(control, timeout);
        List<Route> routes = new ArrayList<>();
        routes.addAll(new PageEndpoint().routes());
        routes.addAll(new DriverEndpoints(control).routes());
        routes.addAll(new SettingEndpoints(control, calls).routes());
        routes.addAll(new InvocationEndpoints(control, calls).routes());
        routes.addAll(new ProjectEndpoints(calls).routes());
        routes.addAll(new FeedEndpoints(control, output).routes());

        // The JDK's own server (module jdk.httpserver): no dependency to add, and enough for a development
        // console on the loopback interface with one or two clients polling.
        HttpServer server = HttpServer.create(bind, 0);
        ExecutorService threads = threads();
        server.createContext("/", new Router(routes));
        server.setExecutor(threads); // not the dispatcher thread: a request waiting on the driver blocks no other
        server.start();
        return new Console(server, threads);
    }

    /** 127.0.0.1 at {@code port}: reachable from this host only. */
    public static InetSocketAddress loopback(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }

    /**
     * Where a console given as {@code PORT} or {@code HOST:PORT} (IPv6 as {@code [::1]:PORT}) binds: without a
     * host 127.0.0.1, so that the console is reachable from other hosts only when one asks for it.
     *
     * @throws IllegalArgumentException for a missing or bad port
     */
    public static InetSocketAddress bindAddress(String hostAndPort) {
        int colon = hostAndPort.lastIndexOf(':');
        String host = colon < 0 ? null : hostAndPort.substring(0, colon);
        if (host != null && host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostAndPort.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a port or HOST:PORT: '" + hostAndPort + "'");
        }
        if (port < 0 || port > 0xFFFF || (host != null && host.isEmpty())) {
            throw new IllegalArgumentException("not a port or HOST:PORT: '" + hostAndPort + "'");
        }
        return host == null ? loopback(port) : new InetSocketAddress(host, port);
    }

    /** The bound address, with the port chosen when 0 was asked for. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    public int port() {
        return address().getPort();
    }

    /** {@code http://HOST:PORT/}, the page. */
    public URI uri() {
        InetSocketAddress address = address();
        String host = address.getAddress().getHostAddress();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort() + "/");
    }

    /** Stops serving at once; requests still waiting for the driver are dropped. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.stop(0);
            threads.shutdownNow();
        }
    }

    private static ExecutorService threads() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory factory = task -> {
            Thread thread = new Thread(task, "c4-console-" + count.incrementAndGet());
            thread.setDaemon(true); // a console left open never keeps the JVM alive
            return thread;
        };
        ThreadPoolExecutor executor = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), factory);
        executor.allowCoreThreadTimeOut(true); // idle consoles hold no threads
        return executor;
    }
}
