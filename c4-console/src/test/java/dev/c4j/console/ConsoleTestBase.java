package dev.c4j.console;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/** A console on 127.0.0.1 (a free port) over a {@link FakeControl} and a list of output lines. */
abstract class ConsoleTestBase {

    final FakeControl control = new FakeControl();
    final List<OutputLine> output = new CopyOnWriteArrayList<>();
    Console console;
    ConsoleClient client;

    /** The timeout the console waits for the driver; short tests of the 504 override it. */
    Duration timeout() {
        return Console.DEFAULT_TIMEOUT;
    }

    @BeforeEach
    void startConsole() throws IOException {
        OutputFeed feed = seq -> output.stream().filter(line -> line.seq() > seq).toList();
        console = Console.start(Console.loopback(0), control, feed, timeout());
        client = new ConsoleClient(console.uri());
    }

    @AfterEach
    void closeConsole() {
        console.close();
    }
}
