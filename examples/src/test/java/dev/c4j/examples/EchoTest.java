package dev.c4j.examples;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;
import dev.c4j.testkit.TestPeer;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The echo server example (src/main/lua/echo.lua): every line comes back exactly as sent. */
class EchoTest {

    private static final String LISTENING = "^Echo server listening on 127\\.0\\.0\\.1:(\\d+)$";

    private static TestDriver start(String engine) {
        return TestDriver.builder().engine(engine).resource("drivers/echo.lua").start();
    }

    @AllEngines
    void echoesEveryByteValueExactly(String engine) {
        // Every byte but the line end, NUL and 0x80-0xFF included, then CR LF.
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = 0; b < 256; b++) {
            if (b != '\n') {
                line.write(b);
            }
        }
        line.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
        byte[] sent = line.toByteArray();

        try (TestDriver server = start(engine); TestPeer client = TestPeer.connect(Drivers.port(server, LISTENING))) {
            client.send(sent);
            assertThat(client.readExactly(sent.length)).isEqualTo(sent);
            client.send("\0\n");
            assertThat(client.readExactly(2)).isEqualTo(new byte[]{0, '\n'});
            server.assertNoErrors();
        }
    }

    @AllEngines
    void splitsWhatArrivesTogetherAndJoinsWhatArrivesInPieces(String engine) {
        try (TestDriver server = start(engine); TestPeer client = TestPeer.connect(Drivers.port(server, LISTENING))) {
            client.send("one\ntwo\r\nthree\n");
            assertThat(client.readUntil("\n")).isEqualTo("one\n");
            assertThat(client.readUntil("\n")).isEqualTo("two\r\n");
            assertThat(client.readUntil("\n")).isEqualTo("three\n");
            client.sendSlowly("in little pieces\n", 3);
            assertThat(client.readUntil("\n")).isEqualTo("in little pieces\n");
            assertThat(client.readAvailable(Drivers.QUIET)).isEmpty();
            server.assertNoErrors();
        }
    }

    @AllEngines
    void servesSeveralClientsAtOnce(String engine) {
        try (TestDriver server = start(engine)) {
            int port = Drivers.port(server, LISTENING);
            List<TestPeer> clients = new ArrayList<>();
            try {
                for (int i = 0; i < 5; i++) {
                    clients.add(TestPeer.connect(port));
                }
                for (int round = 0; round < 3; round++) { // interleaved: every client's line is in flight at once
                    for (int i = 0; i < clients.size(); i++) {
                        clients.get(i).send("client " + i + " round " + round + "\n");
                    }
                    for (int i = 0; i < clients.size(); i++) {
                        assertThat(clients.get(i).readLine()).isEqualTo("client " + i + " round " + round);
                    }
                }
            } finally {
                clients.forEach(TestPeer::close);
            }
            server.assertNoErrors();
        }
    }

    @AllEngines
    void aClientThatClosesMidLineDoesNotDisturbTheServer(String engine) {
        try (TestDriver server = start(engine)) {
            int port = Drivers.port(server, LISTENING);
            try (TestPeer quitter = TestPeer.connect(port)) {
                quitter.send("whole\npart");
                assertThat(quitter.readLine()).isEqualTo("whole");
            } // closes with "part" unterminated: the driver gets it as a partial line, then the disconnect
            try (TestPeer next = TestPeer.connect(port)) {
                next.send("still serving\n");
                assertThat(next.readLine()).isEqualTo("still serving");
            }
            Drivers.settle(server);
            server.assertNoErrors();
        }
    }
}
