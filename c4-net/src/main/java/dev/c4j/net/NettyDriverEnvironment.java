package dev.c4j.net;

import dev.c4j.api.DriverClock;
import dev.c4j.api.DriverEnvironment;
import dev.c4j.api.DriverLimits;
import dev.c4j.api.DriverLoop;
import dev.c4j.api.DriverNetwork;
import dev.c4j.api.TimerService;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.Channel;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.concurrent.Future;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One driver's loop (a Netty event loop of one daemon thread "c4-&lt;driver&gt;"), timers and sockets.
 *
 * <p>The loop thread has a large native stack ({@link #LOOP_STACK_BYTES}): native Lua recursion through C
 * functions (a {@code string.gsub} callback, {@code __tostring}, nested coroutines) must reach Lua's own
 * "C stack overflow" error, or the engine's stack check, before the end of the thread's stack, which would be
 * a SIGSEGV. The memory is reserved, not committed: only what the driver uses costs RAM.
 */
final class NettyDriverEnvironment implements DriverEnvironment {

    private static final Logger log = LoggerFactory.getLogger(NettyDriverEnvironment.class);
    private static final long STOP_WAIT_SECONDS = 10;
    /** Longer than a graceful close may take ({@link GracefulClose#DEADLINE_MILLIS}), short enough for a stop. */
    private static final long SOCKET_CLOSE_WAIT_MILLIS = 2 * GracefulClose.DEADLINE_MILLIS;
    /** See the class comment. */
    private static final long LOOP_STACK_BYTES = 16 * 1024 * 1024;

    private final NettyPlatform platform;
    private final EventLoopGroup group;
    private final NettyDriverLoop loop;
    private final LoopTimers timers;
    private final NettyDriverNetwork network;
    private final DriverLimits limits;
    private boolean closed; // guarded by this

    NettyDriverEnvironment(NettyPlatform platform, String driverName, DriverClock clock, NettyTransport transport,
                           Resolver resolver, Destinations destinations, DriverLimits limits) {
        this.platform = platform;
        this.limits = limits;
        this.group = new MultiThreadIoEventLoopGroup(1, daemonThread("c4-" + driverName), transport.ioHandlerFactory());
        this.loop = new NettyDriverLoop(driverName, clock, group.next());
        this.timers = new LoopTimers(loop);
        this.network = new NettyDriverNetwork(loop, transport, resolver, destinations, timers, limits.bufferedInput());
    }

    /** Daemon, so that LuaJ's coroutine threads (which inherit it) never keep the JVM alive. */
    private static ThreadFactory daemonThread(String name) {
        return task -> {
            Thread thread = new FastThreadLocalThread(null, task, name, LOOP_STACK_BYTES);
            thread.setDaemon(true);
            return thread;
        };
    }

    @Override
    public DriverLoop loop() {
        return loop;
    }

    @Override
    public TimerService timers() {
        return timers;
    }

    @Override
    public DriverNetwork network() {
        return network;
    }

    @Override
    public DriverLimits limits() {
        return limits;
    }

    /**
     * Cancels the timers and abandons the sockets on the loop, then stops the loop (quiet period 0) and waits for
     * it. Called on the loop itself, it cannot wait for its own end: it tears down and lets the loop stop after.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (loop.inLoop()) {
            tearDown();
            group.shutdownGracefully(0, STOP_WAIT_SECONDS, TimeUnit.SECONDS);
        } else {
            try {
                Future<List<Channel>> closing = loop.eventLoop().submit(this::tearDown);
                if (closing.awaitUninterruptibly(STOP_WAIT_SECONDS, TimeUnit.SECONDS) && closing.isSuccess()) {
                    awaitDeregistered(closing.getNow());
                }
            } catch (RejectedExecutionException e) {
                // the loop is already stopping
            }
            if (!group.shutdownGracefully(0, STOP_WAIT_SECONDS, TimeUnit.SECONDS)
                    .awaitUninterruptibly(STOP_WAIT_SECONDS * 2, TimeUnit.SECONDS)) {
                log.warn("driver {}: loop did not stop in time", loop.name());
            }
        }
        platform.closed(this);
    }

    private List<Channel> tearDown() {
        timers.close();
        List<Channel> closing = network.abandonAllSockets();
        loop.drain();
        return closing;
    }

    /**
     * Waits (briefly) until the abandoned sockets have left the loop. A socket with SO_LINGER closes on Netty's
     * global executor and then comes back to its loop to deregister: stopping the loop first would refuse that.
     */
    private static void awaitDeregistered(List<Channel> channels) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SOCKET_CLOSE_WAIT_MILLIS);
        for (Channel channel : channels) {
            while (channel.isRegistered() && System.nanoTime() < deadline) {
                try {
                    Thread.sleep(2);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
