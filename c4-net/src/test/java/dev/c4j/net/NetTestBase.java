package dev.c4j.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.c4j.api.DriverClock;
import dev.c4j.api.DriverEnvironment;
import dev.c4j.api.DriverLoop;
import dev.c4j.api.DriverNetwork;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A platform and one driver per test. API calls are made on the driver's loop ({@link #onLoop}); listeners record
 * what they see and check they run on the loop, never inside an API call.
 */
abstract class NetTestBase {

    static final long TIMEOUT_SECONDS = 5;
    static final InetAddress LOCALHOST = InetAddress.getLoopbackAddress();

    NettyPlatform platform;
    DriverEnvironment environment;
    DriverLoop loop;
    DriverNetwork network;
    final List<String> violations = new CopyOnWriteArrayList<>();
    private volatile boolean insideApiCall;

    /** The transport under test; subclasses run the same tests on NIO. */
    NettyTransport transport() {
        return NettyTransport.best();
    }

    @BeforeEach
    void openDriver() {
        platform = new NettyPlatform(transport());
        environment = platform.open("test", DriverClock.system());
        loop = environment.loop();
        network = environment.network();
    }

    @AfterEach
    void closeDriver() {
        platform.close();
        assertThat(violations).as("listener calls off the loop or inside an API call").isEmpty();
    }

    /** Runs an API call on the loop (as a driver would) and returns its result. */
    <T> T onLoop(Callable<T> call) {
        CompletableFuture<T> result = new CompletableFuture<>();
        loop.execute(() -> {
            insideApiCall = true;
            try {
                result.complete(call.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            } finally {
                insideApiCall = false;
                loop.drain();
            }
        });
        try {
            return result.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("loop call failed", e);
        }
    }

    void onLoop(Runnable call) {
        onLoop(() -> {
            call.run();
            return null;
        });
    }

    /** Called by the recording listeners on every event. */
    void checkListenerCall(String event) {
        if (!loop.inLoop()) {
            violations.add(event + " off the loop on " + Thread.currentThread().getName());
        }
        if (insideApiCall) {
            violations.add(event + " inside an API call");
        }
    }

    ClientEvents clientEvents() {
        return new ClientEvents(this);
    }

    ServerEvents serverEvents() {
        return new ServerEvents(this);
    }

    static ServerSocket peerServer() throws IOException {
        ServerSocket server = new ServerSocket(0, 50, LOCALHOST);
        server.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        return server;
    }

    static Socket accept(ServerSocket server) throws IOException {
        Socket socket = server.accept();
        socket.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TIMEOUT_SECONDS));
        return socket;
    }

    static String latin1(byte[] bytes) {
        return new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    static byte[] bytes(String latin1) {
        return latin1.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
