package dev.c4j.examples;

import dev.c4j.lua.Driver;
import dev.c4j.lua.DriverOutput;
import dev.c4j.lua.spi.LuaSyntaxException;
import dev.c4j.runtime.C4Runtime;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Embedding c4j in a Java application: runs the echo driver (shipped on the classpath as
 * {@code drivers/echo.lua}), collects what it prints, talks to it over 127.0.0.1, and stops it.
 *
 * <pre>
 * mvn -q -pl examples compile exec:java -Dexec.mainClass=dev.c4j.examples.EmbeddingExample -Dexec.args="luajit hello"
 * </pre>
 *
 * Arguments: {@code [ENGINE [LINE...]]}. Without an engine name the configured one is used ({@code -Dc4.engine},
 * {@code C4_ENGINE}, ..., luaj).
 */
public final class EmbeddingExample {

    private static final Pattern LISTENING = Pattern.compile("listening on 127\\.0\\.0\\.1:(\\d+)");
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** What one run saw: the lines echoed back, the driver's print lines and its runtime messages. */
    public record Transcript(List<String> echoed, List<String> printed, List<String> messages) {
    }

    private EmbeddingExample() {
    }

    public static void main(String[] args) throws Exception {
        String engine = args.length > 0 ? args[0] : null;
        List<String> lines = args.length > 1 ? List.of(args).subList(1, args.length) : List.of("hello", "c4j");
        Transcript transcript = run(engine, lines);
        transcript.printed().forEach(line -> System.out.println("driver printed: " + line));
        transcript.echoed().forEach(line -> System.out.println("echoed: " + line));
        transcript.messages().forEach(message -> System.err.println("driver message: " + message));
    }

    /**
     * Starts the echo driver on {@code engine} (null: the configured engine), sends it {@code lines} one at a time
     * and reads each echo, then stops the driver. Text travels as ISO-8859-1, one byte per char.
     */
    public static Transcript run(String engine, List<String> lines) throws IOException, LuaSyntaxException {
        CollectedOutput output = new CollectedOutput();
        try (C4Runtime runtime = C4Runtime.builder().engine(engine).output(output).build()) {
            // The driver's DriverWorks Properties; port 0: the system picks a free one, and the driver prints it.
            Driver echo = runtime.start("echo", driverSource("drivers/echo.lua"), Map.of("Port", "0"));
            int port = Integer.parseInt(output.awaitPrinted(LISTENING).group(1));

            List<String> echoed = new ArrayList<>();
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout((int) TIMEOUT.toMillis());
                OutputStream out = socket.getOutputStream();
                BufferedReader in = new BufferedReader(
                        new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
                for (String line : lines) {
                    out.write((line + "\n").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    echoed.add(in.readLine());
                }
            }
            echo.stop(); // OnDriverDestroyed, then its sockets and timers go; closing the runtime would do it too
            return new Transcript(echoed, output.printed(), output.messages());
        }
    }

    private static byte[] driverSource(String resource) throws IOException {
        try (InputStream in = EmbeddingExample.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IOException("no classpath resource " + resource);
            }
            return in.readAllBytes(); // Lua source stays bytes: never decode it
        }
    }

    /** A {@link DriverOutput} that keeps everything, and lets the caller wait for a printed line. */
    private static final class CollectedOutput implements DriverOutput {
        private final List<String> printed = new CopyOnWriteArrayList<>();
        private final BlockingQueue<String> unseen = new LinkedBlockingQueue<>();
        private final List<String> messages = new CopyOnWriteArrayList<>();

        @Override
        public void print(String driverName, byte[] line) {
            String text = new String(line, StandardCharsets.ISO_8859_1); // one char per byte
            printed.add(text);
            unseen.add(text);
        }

        @Override
        public void message(String driverName, String text) {
            messages.add(text);
        }

        /** The first not yet seen printed line in which {@code pattern} is found, waiting up to the timeout. */
        Matcher awaitPrinted(Pattern pattern) throws IOException {
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            try {
                for (String line; (line = unseen.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) != null; ) {
                    Matcher matcher = pattern.matcher(line);
                    if (matcher.find()) {
                        return matcher;
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("the driver printed no line matching /" + pattern + "/ within " + TIMEOUT
                    + "; printed: " + printed + ", messages: " + messages);
        }

        List<String> printed() {
            return List.copyOf(printed);
        }

        List<String> messages() {
            return List.copyOf(messages);
        }
    }
}
