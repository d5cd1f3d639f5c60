package dev.c4j.examples;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;
import dev.c4j.testkit.TestPeer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chat session of the DriverWorks CreateTCPServer example, held against any server that claims its
 * behaviour: our example driver ({@link ChatServerTest}) and the vendor's seed driver, unchanged
 * ({@link SeedChatServerTest}). Each server runs on virtual time; its clients talk over 127.0.0.1.
 */
abstract class ChatServerContract {

    static final String WELCOME = "Welcome! Please enter your name:";

    /** Starts the server on {@code engine}, on virtual time. */
    abstract TestDriver startServer(String engine);

    /** The line the server prints once listening; group 1 is the port. */
    abstract String listeningLine();

    /** How many clients the server admits at once. */
    abstract int maxClients();

    /** How long the server runs before it shuts itself down. */
    abstract Duration runTime();

    /** The seed ends its notices to other members with one line end too many, so an empty line follows each. */
    abstract boolean noticesFollowedByAnEmptyLine();

    @AllEngines
    void membersNameThemselvesChatQuitAndLeave(String engine) {
        try (TestDriver server = startServer(engine)) {
            int port = Drivers.port(server, listeningLine());
            try (TestPeer alice = TestPeer.connect(port); TestPeer bob = TestPeer.connect(port)) {
                assertThat(alice.readLine()).isEqualTo(WELCOME);
                alice.send("\r\n");
                assertThat(alice.readLine()).isEqualTo("Please enter your name:");
                alice.send("Alice\r\n");
                assertThat(alice.readLine()).isEqualTo("Thank you, Alice! Type 'quit' to disconnect.");

                assertThat(bob.readLine()).isEqualTo(WELCOME);
                bob.send("aLIce\r\n");
                assertThat(bob.readLine()).isEqualTo("Choose a different name, please:");
                bob.send("Bob\r\n");
                assertThat(bob.readLine()).isEqualTo("Thank you, Bob! Type 'quit' to disconnect.");
                expectNotice(alice, "Bob joined!");

                bob.send("Hello,\u0007 Alice\t!\r\n"); // control characters are stripped
                assertThat(bob.readLine()).isEqualTo("You wrote: Hello, Alice!");
                expectNotice(alice, "Bob wrote: Hello, Alice!");
                bob.send("\r\n").send("anyone?\r\n"); // an empty line is ignored
                assertThat(bob.readLine()).isEqualTo("You wrote: anyone?");
                expectNotice(alice, "Bob wrote: anyone?");
                alice.sendSlowly("Hi B", 2).send("ob\r\n");
                assertThat(alice.readLine()).isEqualTo("You wrote: Hi Bob");
                expectNotice(bob, "Alice wrote: Hi Bob");

                alice.send("quit\r\n");
                assertThat(alice.readLine()).isEqualTo("Goodbye, Alice!");
                alice.expectEof();
                expectNotice(bob, "Alice disconnected!");

                try (TestPeer carol = join(port, "Carol")) {
                    expectNotice(bob, "Carol joined!");
                    bob.close(); // hangs up without quit
                    expectNotice(carol, "Bob disconnected!");
                }
            }
            server.assertNoErrors();
        }
    }

    @AllEngines
    void refusesClientsBeyondTheLimitUntilOneLeaves(String engine) {
        try (TestDriver server = startServer(engine)) {
            int port = Drivers.port(server, listeningLine());
            List<TestPeer> members = new ArrayList<>();
            try {
                for (int i = 1; i <= maxClients(); i++) {
                    TestPeer member = join(port, "Member" + i);
                    for (TestPeer earlier : members) {
                        expectNotice(earlier, "Member" + i + " joined!");
                    }
                    members.add(member);
                }
                try (TestPeer refused = TestPeer.connect(port)) {
                    assertThat(refused.readLine())
                            .isEqualTo("Sorry, I only allow " + maxClients() + " concurrent connections!");
                    refused.expectEof();
                }
                TestPeer first = members.get(0);
                first.send("quit\r\n");
                assertThat(first.readLine()).isEqualTo("Goodbye, Member1!");
                first.expectEof();
                for (TestPeer other : members.subList(1, maxClients())) { // the server has counted the leave
                    expectNotice(other, "Member1 disconnected!");
                }
                try (TestPeer admitted = TestPeer.connect(port)) {
                    assertThat(admitted.readLine()).isEqualTo(WELCOME);
                }
            } finally {
                members.forEach(TestPeer::close);
            }
            server.assertNoErrors();
        }
    }

    @AllEngines
    void shutsDownAfterItsRunTimeAndRefusesNewClients(String engine) {
        try (TestDriver server = startServer(engine)) {
            int port = Drivers.port(server, listeningLine());
            try (TestPeer named = join(port, "Alice"); TestPeer nameless = TestPeer.connect(port)) {
                assertThat(nameless.readLine()).isEqualTo(WELCOME);

                Drivers.advance(server, runTime().minusSeconds(1));
                named.send("still here\r\n");
                assertThat(named.readLine()).isEqualTo("You wrote: still here");

                Drivers.advance(server, Duration.ofSeconds(1));
                for (TestPeer client : List.of(named, nameless)) {
                    assertThat(client.readLine()).isEqualTo("Server is shutting down!");
                    client.expectEof(); // and nothing else: no leave notices during the shutdown
                }
            }
            Drivers.assertRefused(port);
            server.assertNoErrors();
        }
    }

    /** A client that has connected and chosen {@code name}. */
    TestPeer join(int port, String name) {
        TestPeer client = TestPeer.connect(port);
        assertThat(client.readLine()).isEqualTo(WELCOME);
        client.send(name + "\r\n");
        assertThat(client.readLine()).isEqualTo("Thank you, " + name + "! Type 'quit' to disconnect.");
        return client;
    }

    /** The next thing {@code member} reads is {@code notice} about another member. */
    void expectNotice(TestPeer member, String notice) {
        assertThat(member.readLine()).isEqualTo(notice);
        if (noticesFollowedByAnEmptyLine()) {
            assertThat(member.readLine()).as("the empty line after \"%s\"", notice).isEmpty();
        }
    }
}
