package dev.c4j.engine.luaj;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** The other end of a driver's socket: a plain java.net.Socket on 127.0.0.1. Text is ISO-8859-1 (bytes 1:1). */
final class Peer implements AutoCloseable {

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private Peer(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout((int) TestDriver.TIMEOUT.toMillis());
        socket.setTcpNoDelay(true);
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    static Peer connect(int port) {
        try {
            Socket socket = new Socket();
            socket.connect(new InetSocketAddress("127.0.0.1", port), (int) TestDriver.TIMEOUT.toMillis());
            return new Peer(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Wraps a socket a test server accepted. */
    static Peer of(Socket socket) {
        try {
            return new Peer(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Peer send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    Peer send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The next line without its "\r\n". */
    String readLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int previous = -1;
        while (true) {
            int b = read();
            if (b < 0) {
                throw new AssertionError("end of stream after '" + line.toString(StandardCharsets.ISO_8859_1) + "'");
            }
            if (previous == '\r' && b == '\n') {
                byte[] bytes = line.toByteArray();
                return new String(bytes, 0, bytes.length - 1, StandardCharsets.ISO_8859_1);
            }
            line.write(b);
            previous = b;
        }
    }

    String readExactly(int n) {
        byte[] bytes = new byte[n];
        for (int i = 0; i < n; i++) {
            int b = read();
            if (b < 0) {
                throw new AssertionError("end of stream after " + i + " of " + n + " bytes");
            }
            bytes[i] = (byte) b;
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    /** Everything until the other side closes. */
    String readToEnd() {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        int b;
        while ((b = read()) >= 0) {
            all.write(b);
        }
        return all.toString(StandardCharsets.ISO_8859_1);
    }

    /** True when nothing arrives and the connection stays open for {@code millis}. */
    boolean staysOpenFor(int millis) {
        try {
            socket.setSoTimeout(millis);
            try {
                return !isClosedByOtherSide();
            } finally {
                socket.setSoTimeout((int) TestDriver.TIMEOUT.toMillis());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when the other side closed (or reset) the connection: the next read ends the stream. */
    boolean isClosedByOtherSide() {
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    private int read() {
        try {
            return in.read();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            // closing
        }
    }
}
