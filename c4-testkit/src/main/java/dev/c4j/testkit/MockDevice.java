package dev.c4j.testkit;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real TCP server on {@code 127.0.0.1} (an OS-chosen port) standing in for the device a driver connects to,
 * in the manner of OkHttp's MockWebServer:
 *
 * <pre>{@code
 * try (MockDevice device = MockDevice.start()) {
 *     device.enqueue(DeviceBehaviour.acceptThenReset());   // first connection: reset at once
 *     // second connection: served by the test
 *     ... let the driver connect to device.port() ...
 *     TestPeer connection = device.takeConnection();
 *     assertThat(connection.readLine()).isEqualTo("HELLO");
 *     connection.send("OK\r\n");
 * }
 * }</pre>
 *
 * Each accepted connection takes the next enqueued {@link DeviceBehaviour}, or {@link DeviceBehaviour#serve()}
 * when none is left.
 *
 * <p>Or the device answers by itself, as MockWebServer's dispatcher does: once {@link #on}, {@link #dispatcher} or
 * {@link #framing} is called, every connection without an enqueued behaviour is answered on the device's thread,
 * request by request, and each request is recorded for {@link #takeRequest()}:
 *
 * <pre>{@code
 * projector.framing(Framing.delimiter("\r"))
 *         .on(exactly("STATUS?"), DeviceReply.of("POWER=OFF\r"))
 *         .on(startingWith("INPUT "), DeviceReply.of(request -> "INPUT=" + request.text().substring(6) + "\r"));
 * ... let the driver connect to projector.port() ...
 * assertThat(projector.takeRequest().text()).isEqualTo("STATUS?");
 * projector.assertAllAnswered();
 * }</pre>
 */
public final class MockDevice implements AutoCloseable {

    /**
     * Decides the answer to each request of an answering device (on the device's thread; null: no answer, the
     * request counts as unanswered); replaces the rules of {@link #on}.
     */
    @FunctionalInterface
    public interface Dispatcher {
        DeviceReply dispatch(DeviceRequest request);
    }

    private final ServerSocket serverSocket;
    private final Duration timeout;
    private final Queue<DeviceBehaviour> behaviours = new ConcurrentLinkedQueue<>();
    private final BlockingQueue<TestPeer> handedOver = new LinkedBlockingQueue<>();
    private final List<TestPeer> connections = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectionCount = new AtomicInteger();
    private final Answering answering;
    private final Thread acceptor;
    private volatile boolean answers;
    private volatile boolean closed;

    private MockDevice(ServerSocket serverSocket, Duration timeout) {
        this.serverSocket = serverSocket;
        this.timeout = timeout;
        this.answering = new Answering(timeout);
        this.acceptor = daemon(this::acceptLoop, "mock-device-" + serverSocket.getLocalPort());
    }

    /** A device listening on 127.0.0.1 with an OS-chosen port; connections time out after 5 s. */
    public static MockDevice start() {
        return start(TestPeer.DEFAULT_TIMEOUT);
    }

    /** {@code timeout} bounds {@link #takeConnection()} and every blocking call on its connections. */
    public static MockDevice start(Duration timeout) {
        try {
            MockDevice device = new MockDevice(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), timeout);
            device.acceptor.start();
            return device;
        } catch (IOException e) {
            throw new AssertionError("cannot start a mock device on 127.0.0.1: " + e, e);
        }
    }

    /** {@code "127.0.0.1"}. */
    public String host() {
        return serverSocket.getInetAddress().getHostAddress();
    }

    public int port() {
        return serverSocket.getLocalPort();
    }

    /** {@code "127.0.0.1:PORT"}: where {@link TestDriver.Builder#mapAddress} sends a binding's connections. */
    public String address() {
        return host() + ":" + port();
    }

    /** What the next accepted connection (without a behaviour yet) will meet. */
    public MockDevice enqueue(DeviceBehaviour behaviour) {
        behaviours.add(behaviour);
        return this;
    }

    /** The next connection handed over (in accept order), waiting up to the timeout. */
    public TestPeer takeConnection() {
        TestPeer connection = poll(handedOver);
        if (connection == null) {
            throw new AssertionError("no connection to the mock device on port " + port() + " within " + timeout
                    + " (connections accepted so far: " + connectionCount() + ")"
                    + (answers ? "; this device answers its connections itself: takeRequest() sees its requests" : ""));
        }
        return connection;
    }

    // ---- answering by itself

    /** Where requests end; {@link Framing#lines()} unless set. Makes the device answer its connections. */
    public MockDevice framing(Framing framing) {
        answering.framing(Objects.requireNonNull(framing));
        answers = true;
        return this;
    }

    /**
     * Answers requests that {@code matcher} accepts with {@code reply}; the first rule that matches a request
     * answers it. Makes the device answer its connections.
     */
    public MockDevice on(RequestMatcher matcher, DeviceReply reply) {
        answering.rule(Objects.requireNonNull(matcher), Objects.requireNonNull(reply));
        answers = true;
        return this;
    }

    /** Lets {@code dispatcher} answer every request instead of the rules. Makes the device answer its connections. */
    public MockDevice dispatcher(Dispatcher dispatcher) {
        answering.dispatcher(Objects.requireNonNull(dispatcher));
        answers = true;
        return this;
    }

    /** The next request received (in arrival order, answered or not), waiting up to the timeout. */
    public DeviceRequest takeRequest() {
        DeviceRequest request = poll(answering.untaken());
        if (request == null) {
            throw new AssertionError("no request to the mock device on port " + port() + " within " + timeout
                    + " (requests so far: " + requestCount() + ", connections: " + connectionCount() + ")"
                    + (answers ? "" : "; this device hands its connections over: answering needs on(...)"));
        }
        return request;
    }

    /** How many requests were received so far. */
    public int requestCount() {
        return answering.received().size();
    }

    /** Every request received so far, in arrival order (whether taken or not). */
    public List<DeviceRequest> requests() {
        return answering.received();
    }

    /** Fails if a request met no rule (or the dispatcher returned null for it), listing them all. */
    public MockDevice assertAllAnswered() {
        List<DeviceRequest> unanswered = answering.unanswered();
        if (!unanswered.isEmpty()) {
            throw new AssertionError("the mock device on port " + port() + " could not answer " + unanswered.size()
                    + " of its " + requestCount() + " request(s): " + unanswered + "; it answers with "
                    + answering.answerers());
        }
        return this;
    }

    // ---- what must not happen, on virtual time

    /**
     * Moves {@code driver}'s virtual time through {@code window} in small steps, letting its loop settle after each,
     * and fails if the driver connects to this device meanwhile (or within a moment of real time after).
     */
    public MockDevice assertNoConnectionWithin(TestDriver driver, Duration window) {
        QuietWindow.assertNothingNew(driver, window, "connection to the mock device on port " + port(),
                () -> List.copyOf(connections));
        return this;
    }

    /** As {@link #assertNoConnectionWithin}, for requests to this answering device. */
    public MockDevice assertNoRequestWithin(TestDriver driver, Duration window) {
        if (!answers) {
            throw new IllegalStateException("assertNoRequestWithin needs a device that answers (on, dispatcher or "
                    + "framing): one that hands its connections over does not read them");
        }
        QuietWindow.assertNothingNew(driver, window, "request to the mock device on port " + port(),
                answering::received);
        return this;
    }

    private <T> T poll(BlockingQueue<T> queue) {
        try {
            return queue.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** How many connections were accepted so far, whatever their behaviour. */
    public int connectionCount() {
        return connectionCount.get();
    }

    /**
     * Waits (up to the device's timeout) until {@code expected} connections were accepted, then asserts that
     * exactly that many were: a driver's connect can complete before the device's accept loop has counted it.
     */
    public MockDevice awaitConnectionCount(int expected) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (connectionCount.get() < expected && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        int count = connectionCount.get();
        if (count != expected) {
            throw new AssertionError("expected " + expected + " connection(s) to the mock device on port " + port()
                    + " within " + timeout + ", got " + count);
        }
        return this;
    }

    /** Stops accepting and closes every connection. */
    @Override
    public void close() {
        closed = true;
        try {
            serverSocket.close();
        } catch (IOException e) {
            // closing anyway
        }
        connections.forEach(TestPeer::close);
        try {
            acceptor.join(timeout.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void acceptLoop() {
        while (!closed) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                return; // closed
            }
            TestPeer connection;
            try {
                connection = new TestPeer(socket, "mock device connection from port " + socket.getPort(), timeout);
            } catch (IOException e) {
                TestPeer.closeQuietly(socket);
                continue;
            }
            connections.add(connection);
            int number = connectionCount.incrementAndGet();
            DeviceBehaviour behaviour = behaviours.poll();
            DeviceBehaviour chosen = behaviour != null ? behaviour
                    : answers ? DeviceBehaviour.answer(peer -> answering.serve(peer, number))
                    : DeviceBehaviour.serve();
            daemon(() -> perform(chosen, connection), "mock-device-" + chosen).start();
            if (closed) { // close() may have missed this one
                connection.close();
            }
        }
    }

    private void perform(DeviceBehaviour behaviour, TestPeer connection) {
        try {
            behaviour.perform(connection);
        } catch (AssertionError e) {
            connection.close(); // a misbehaving device meets a driver that hung up: fine
            return;
        } catch (RuntimeException e) {
            // the test's own code failed (a script, a dispatcher, a computed reply): say so, as nobody else will
            System.err.println("[mock device on port " + port() + "] " + behaviour + " failed: " + e);
            connection.close();
            return;
        }
        if (behaviour.handsOver() && !connection.isClosed()) {
            handedOver.add(connection);
        }
    }

    private static Thread daemon(Runnable task, String name) {
        Thread thread = new Thread(task, name);
        thread.setDaemon(true);
        return thread;
    }
}
