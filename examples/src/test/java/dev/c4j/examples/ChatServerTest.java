package dev.c4j.examples;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;
import dev.c4j.testkit.TestPeer;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** Our chat server example (src/main/lua/chat-server.lua), configured small through its properties. */
class ChatServerTest extends ChatServerContract {

    private static final String DRIVER = "drivers/chat-server.lua";

    @Override
    TestDriver startServer(String engine) {
        return TestDriver.builder().engine(engine).virtualTime().resource(DRIVER)
                .property("Max Clients", "2")
                .property("Run Minutes", "1")
                .start();
    }

    @Override
    String listeningLine() {
        return "^Chat server listening on 0\\.0\\.0\\.0:(\\d+); it stops in 1 minutes$";
    }

    @Override
    int maxClients() {
        return 2;
    }

    @Override
    Duration runTime() {
        return Duration.ofMinutes(1);
    }

    @Override
    boolean noticesFollowedByAnEmptyLine() {
        return false;
    }

    @AllEngines
    void withoutPropertiesRunsTenMinutesOnAPortTheSystemPicks(String engine) {
        try (TestDriver server = TestDriver.builder().engine(engine).virtualTime().resource(DRIVER).start()) {
            int port = Drivers.port(server, "^Chat server listening on 0\\.0\\.0\\.0:(\\d+); it stops in 10 minutes$");
            assertThat(port).isPositive();
            try (TestPeer client = TestPeer.connect(port)) {
                assertThat(client.readLine()).isEqualTo(WELCOME);
                Drivers.advance(server, Duration.ofMinutes(10).minusMillis(1));
                client.send("x\r\n");
                assertThat(client.readLine()).isEqualTo("Thank you, x! Type 'quit' to disconnect.");
                Drivers.advance(server, Duration.ofMillis(1));
                assertThat(client.readLine()).isEqualTo("Server is shutting down!");
                client.expectEof();
            }
            server.assertNoErrors();
        }
    }

    @AllEngines
    void listensOnThePortProperty(String engine) {
        int port = Drivers.closedPort();
        try (TestDriver server = TestDriver.builder().engine(engine).virtualTime().resource(DRIVER)
                .property("Port", String.valueOf(port)).start()) {
            server.awaitOutput("^Chat server listening on 0\\.0\\.0\\.0:" + port + "; it stops in 10 minutes$");
            try (TestPeer client = TestPeer.connect(port)) {
                assertThat(client.readLine()).isEqualTo(WELCOME);
            }
            server.assertNoErrors();
        }
    }
}
