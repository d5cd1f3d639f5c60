package dev.c4j.engine.luaj;

import dev.c4j.api.VirtualClock;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The user's seed driver, the vendor's chat server, runs unchanged: a whole session with six peers on
 * 127.0.0.1, then the shutdown after its ten-minute timer (virtual time).
 */
class ChatServerSeedTest {

    private static final String SEED = "shared/seed/chat-server.lua";
    private static final Pattern LISTENING = Pattern.compile("Server listening on 0\\.0\\.0\\.0:(\\d+)\\. Will stop in 10 minutes!");

    /** The seed next to the repository: {@code ../shared/seed} from the repository root, found walking up. */
    private static Path seed() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SEED);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        String reason = SEED + " not found in any directory above " + Path.of("").toAbsolutePath();
        if (Boolean.getBoolean("c4j.requireSeed")) {
            fail(reason + " (required: -Dc4j.requireSeed=true)");
        }
        assumeTrue(false, "seed driver absent, test skipped: " + reason);
        return null;
    }

    @Test
    void aWholeChatSessionThenTheTimedShutdown() throws IOException {
        String lua = Files.readString(seed(), StandardCharsets.ISO_8859_1);
        VirtualClock clock = new VirtualClock();
        try (TestDriver d = TestDriver.start(lua, clock)) {
            Matcher listening = LISTENING.matcher(d.output.awaitLine(l -> LISTENING.matcher(l).matches(), "the listening line"));
            assertThat(listening.matches()).isTrue();
            int port = Integer.parseInt(listening.group(1));
            assertThat(d.lines()).contains("Available endpoints: [1] ip=0.0.0.0:0");

            Peer alice = Peer.connect(port);
            assertThat(alice.readLine()).isEqualTo("Welcome! Please enter your name:");
            alice.send("\r\n");
            assertThat(alice.readLine()).isEqualTo("Please enter your name:");
            alice.send("Alice\r\n");
            assertThat(alice.readLine()).isEqualTo("Thank you, Alice! Type 'quit' to disconnect.");

            Peer bob = Peer.connect(port);
            assertThat(bob.readLine()).isEqualTo("Welcome! Please enter your name:");
            bob.send("alice\r\n");
            assertThat(bob.readLine()).isEqualTo("Choose a different name, please:");
            bob.send("Bob\r\n");
            assertThat(bob.readLine()).isEqualTo("Thank you, Bob! Type 'quit' to disconnect.");
            assertThat(alice.readLine()).isEqualTo("Bob joined!");
            assertThat(alice.readLine()).isEmpty();

            alice.send("hi all\r\n");
            assertThat(alice.readLine()).isEqualTo("You wrote: hi all");
            assertThat(bob.readLine()).isEqualTo("Alice wrote: hi all");
            assertThat(bob.readLine()).isEmpty();

            Peer carol = Peer.connect(port);
            Peer dave = Peer.connect(port);
            Peer eve = Peer.connect(port);
            for (Peer p : new Peer[] {carol, dave, eve}) {
                assertThat(p.readLine()).isEqualTo("Welcome! Please enter your name:");
            }
            try (Peer sixth = Peer.connect(port)) {
                assertThat(sixth.readToEnd()).isEqualTo("Sorry, I only allow 5 concurrent connections!\r\n");
            }

            bob.send("quit\r\n");
            assertThat(bob.readToEnd()).isEqualTo("Goodbye, Bob!\r\n");
            bob.close();
            assertThat(alice.readLine()).isEqualTo("Bob disconnected!");
            assertThat(alice.readLine()).isEmpty();

            eve.close(); // leaves without a word: the server counts it out
            d.output.awaitLine(l -> d.lines().stream().filter(x -> x.endsWith("Disconnected gracefully.")).count() == 2,
                    "two graceful disconnects");
            Peer grace = Peer.connect(port);
            assertThat(grace.readLine()).isEqualTo("Welcome! Please enter your name:");

            clock.advanceMillis(10 * 60 * 1000);
            for (Peer p : new Peer[] {alice, carol, dave, grace}) {
                assertThat(p.readToEnd()).isEqualTo("Server is shutting down!\r\n");
                p.close();
            }
            assertThatThrownBy(() -> Peer.connect(port)).isInstanceOf(UncheckedIOException.class)
                    .hasCauseInstanceOf(ConnectException.class);
            assertThat(d.lines()).contains("Stopping server and disconnecting clients now.");
            assertThat(d.lines()).anyMatch(l -> l.matches("Disconnecting 127\\.0\\.0\\.1:\\d+: name: Alice"));
            assertThat(d.lines()).anyMatch(l -> l.matches("Server C4LuaTcpServer: 0x[0-9a-f]+ chose endpoint 0\\.0\\.0\\.0:\\d+, "
                    + "listening on 0\\.0\\.0\\.0:\\d+"));
            assertThat(d.messages()).isEmpty();
        }
    }
}
