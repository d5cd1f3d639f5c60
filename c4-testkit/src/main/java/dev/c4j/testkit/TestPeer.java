package dev.c4j.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * One end of a real TCP connection on 127.0.0.1, for talking to a driver: a client of a driver's server
 * ({@link #connect}), or the device side of a driver's outbound connection ({@link MockDevice#takeConnection}).
 *
 * <p>Every blocking call is bounded by the timeout (default {@value #DEFAULT_TIMEOUT_SECONDS} s,
 * {@link #timeout(Duration)}) and fails with an {@link AssertionError} that says what was awaited and what had
 * arrived. Text is ISO-8859-1 both ways, so each char is one byte. Not thread-safe: one test thread per peer.
 */
public final class TestPeer implements AutoCloseable {

    public static final int DEFAULT_TIMEOUT_SECONDS = 5;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS);
    /** Pause between the chunks of {@link #sendSlowly(byte[], int)}. */
    public static final Duration DEFAULT_CHUNK_PAUSE = Duration.ofMillis(10);

    /** Closes sockets whose send exceeds the timeout: java.net sockets have no write timeout of their own. */
    private static final ScheduledExecutorService SEND_WATCHDOG = watchdog();

    private final Socket socket;
    private final String description;
    private final InputStream in;
    private final OutputStream out;
    private Duration timeout;
    private byte[] buffer = new byte[8192]; // received, not yet consumed: buffer[start..end)
    private int start;
    private int end;
    private boolean eof;

    TestPeer(Socket socket, String description, Duration timeout) throws IOException {
        socket.setTcpNoDelay(true); // every send goes out as it is, so chunked sends arrive as chunks
        this.socket = socket;
        this.description = description;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
        this.timeout = timeout;
    }

    /** Connects to {@code 127.0.0.1:port}. */
    public static TestPeer connect(int port) {
        return connect(port, DEFAULT_TIMEOUT);
    }

    /** Connects to {@code 127.0.0.1:port}; {@code timeout} bounds the connect and every later blocking call. */
    public static TestPeer connect(int port, Duration timeout) {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        Socket socket = new Socket();
        try {
            socket.connect(address, (int) timeout.toMillis());
            return new TestPeer(socket, "connection to " + address.getAddress().getHostAddress() + ":" + port,
                    timeout);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new AssertionError("cannot connect to 127.0.0.1:" + port + ": " + e, e);
        }
    }

    /** Changes the bound of the blocking calls from now on. */
    public TestPeer timeout(Duration timeout) {
        this.timeout = timeout;
        return this;
    }

    /** This end's port (what the driver sees as the remote port). */
    public int localPort() {
        return socket.getLocalPort();
    }

    /** The other end's port. */
    public int remotePort() {
        return socket.getPort();
    }

    /** Sends {@code text} as ISO-8859-1 bytes (one byte per char). */
    public TestPeer send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Sends the bytes in one write. */
    public TestPeer send(byte[] bytes) {
        ScheduledFuture<?> watchdog = SEND_WATCHDOG.schedule(() -> closeQuietly(socket),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            if (watchdog.isDone()) {
                throw new AssertionError(description + ": sending " + bytes.length + " bytes did not complete within "
                        + timeout + " (is the driver reading?); connection closed", e);
            }
            throw new AssertionError(description + ": sending " + bytes.length + " bytes failed: " + e, e);
        } finally {
            watchdog.cancel(false);
        }
        return this;
    }

    /** Sends {@code bytes} in chunks of {@code chunkSize}, pausing {@link #DEFAULT_CHUNK_PAUSE} between them. */
    public TestPeer sendSlowly(byte[] bytes, int chunkSize) {
        return sendSlowly(bytes, chunkSize, DEFAULT_CHUNK_PAUSE);
    }

    public TestPeer sendSlowly(byte[] bytes, int chunkSize, Duration pause) {
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize " + chunkSize);
        }
        for (int from = 0; from < bytes.length; from += chunkSize) {
            if (from > 0) {
                sleep(pause);
            }
            send(Arrays.copyOfRange(bytes, from, Math.min(bytes.length, from + chunkSize)));
        }
        return this;
    }

    public TestPeer sendSlowly(String text, int chunkSize) {
        return sendSlowly(text.getBytes(StandardCharsets.ISO_8859_1), chunkSize);
    }

    /** The next line, up to {@code "\r\n"} or {@code "\n"}, without its terminator. */
    public String readLine() {
        String withEnd = readUntil("\n", "a line end");
        int cut = withEnd.endsWith("\r\n") ? 2 : 1;
        return withEnd.substring(0, withEnd.length() - cut);
    }

    /** Everything up to and including the next {@code delimiter} (as DriverWorks' {@code ReadUntil} delivers). */
    public String readUntil(String delimiter) {
        if (delimiter.isEmpty()) {
            throw new IllegalArgumentException("empty delimiter");
        }
        return readUntil(delimiter, Bytes.show(delimiter.getBytes(StandardCharsets.ISO_8859_1)));
    }

    private String readUntil(String delimiter, String what) {
        byte[] delim = delimiter.getBytes(StandardCharsets.ISO_8859_1);
        long deadline = deadline();
        int scanned = 0; // bytes after start known not to begin a match (start moves when the buffer compacts)
        while (true) {
            int at = indexOf(delim, start + scanned);
            if (at >= 0) {
                return new String(take(at + delim.length - start), StandardCharsets.ISO_8859_1);
            }
            scanned = Math.max(0, end - start - delim.length + 1);
            if (!fill(deadline, what)) {
                throw new AssertionError(description + ": closed by the other side before " + what
                        + "; unread: " + unread());
            }
        }
    }

    /** Exactly {@code n} bytes. */
    public byte[] readExactly(int n) {
        long deadline = deadline();
        while (end - start < n) {
            if (!fill(deadline, n + " bytes")) {
                throw new AssertionError(description + ": closed by the other side after " + (end - start)
                        + " of " + n + " bytes; unread: " + unread());
            }
        }
        return take(n);
    }

    /** Everything that arrives within {@code window} (less if the other side closes first); may be empty. */
    public byte[] readAvailable(Duration window) {
        long deadline = System.nanoTime() + window.toNanos();
        try {
            while (!eof && readMore(deadline) != 0) {
                // keep collecting until the window ends or the stream does
            }
        } catch (SocketTimeoutException e) {
            // the window is over
        } catch (IOException e) {
            throw new AssertionError(description + ": " + e + "; unread: " + unread(), e);
        }
        return take(end - start);
    }

    /** Asserts that the other side closes the connection gracefully (FIN) and sent nothing more. */
    public void expectEof() {
        if (end > start) {
            throw new AssertionError(description + ": expected the other side to close, but there is unread data: "
                    + unread());
        }
        try {
            if (eof || readMore(deadline()) < 0) {
                return;
            }
            throw new AssertionError(description + ": expected the other side to close, but received " + unread());
        } catch (SocketTimeoutException e) {
            throw new AssertionError(description + ": the other side did not close the connection within " + timeout);
        } catch (SocketException e) {
            throw new AssertionError(description + ": expected a graceful close but the connection was reset: " + e);
        } catch (IOException e) {
            throw new AssertionError(description + ": " + e, e);
        }
    }

    /** Asserts that the other side resets the connection (RST); bytes that arrive before the reset are ignored. */
    public void expectReset() {
        long deadline = deadline();
        try {
            while (true) {
                if (eof || readMore(deadline) < 0) {
                    throw new AssertionError(description + ": expected a reset but the other side closed gracefully");
                }
                start = end; // ignore data before the reset
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError(description + ": the other side did not reset the connection within " + timeout);
        } catch (SocketException e) {
            // the reset
        } catch (IOException e) {
            throw new AssertionError(description + ": " + e, e);
        }
    }

    /** Aborts the connection: SO_LINGER 0, then close, so the other side sees a reset (ECONNRESET). */
    public void resetClose() {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed
        }
        closeQuietly(socket);
    }

    public boolean isClosed() {
        return socket.isClosed();
    }

    /** Closes gracefully (FIN). */
    @Override
    public void close() {
        closeQuietly(socket);
    }

    @Override
    public String toString() {
        return description;
    }

    // ---- reading machinery

    private long deadline() {
        return System.nanoTime() + timeout.toNanos();
    }

    /** Reads more bytes; false at end of stream. Fails with a message naming {@code what} was awaited. */
    private boolean fill(long deadline, String what) {
        try {
            return readMore(deadline) > 0;
        } catch (SocketTimeoutException e) {
            throw new AssertionError(description + ": no " + what + " within " + timeout + "; unread: " + unread());
        } catch (IOException e) {
            throw new AssertionError(description + ": " + e + " while waiting for " + what + "; unread: " + unread(), e);
        }
    }

    /** Appends what one read returns; the byte count, or -1 at end of stream. */
    private int readMore(long deadline) throws IOException {
        if (eof) {
            return -1;
        }
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new SocketTimeoutException();
        }
        socket.setSoTimeout((int) Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        if (end == buffer.length) {
            compactOrGrow();
        }
        int n = in.read(buffer, end, buffer.length - end);
        if (n < 0) {
            eof = true;
            return -1;
        }
        end += n;
        return n;
    }

    private void compactOrGrow() {
        if (start > 0) {
            System.arraycopy(buffer, start, buffer, 0, end - start);
            end -= start;
            start = 0;
        } else {
            buffer = Arrays.copyOf(buffer, buffer.length * 2);
        }
    }

    private int indexOf(byte[] delim, int from) {
        outer:
        for (int i = from; i <= end - delim.length; i++) {
            for (int j = 0; j < delim.length; j++) {
                if (buffer[i + j] != delim[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private byte[] take(int n) {
        byte[] taken = Arrays.copyOfRange(buffer, start, start + n);
        start += n;
        return taken;
    }

    private String unread() {
        return Bytes.show(buffer, start, end - start);
    }

    static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do
        }
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static ScheduledExecutorService watchdog() {
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "c4-testpeer-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
