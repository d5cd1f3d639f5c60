package dev.c4j.testkit;

import dev.c4j.runtime.EngineException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TestDriverTest {

    /** A line echo server on 127.0.0.1, an OS-chosen port. */
    private static final String ECHO = """
            function OnDriverLateInit(dit)
                server = C4:CreateTCPServer()
                    :OnListen(function(srv, endpoint) print("listening on " .. endpoint.ip .. ":" .. endpoint.port) end)
                    :OnAccept(function(srv, client)
                        client:OnRead(function(cli, data)
                            cli:Write(data)
                            cli:ReadUntil("\\n")
                        end):ReadUntil("\\n")
                    end)
                    :Listen("127.0.0.1", 0)
            end
            function OnDriverDestroyed(dit) print("destroyed " .. dit) end
            """;

    @AllEngines
    void echoesLinesOverARealSocket(String engine) {
        try (TestDriver driver = TestDriver.builder().engine(engine).lua("echo", ECHO).start()) {
            assertThat(driver.engine()).isEqualTo(engine);
            assertThat(driver.driver().name()).isEqualTo("echo");
            int port = Integer.parseInt(driver.awaitOutput("listening on 127\\.0\\.0\\.1:(\\d+)").group(1));

            try (TestPeer peer = TestPeer.connect(port)) {
                peer.send("hello\r\n");
                assertThat(peer.readLine()).isEqualTo("hello");
                peer.sendSlowly("slow\n", 2);
                assertThat(peer.readLine()).isEqualTo("slow");
                peer.send(new byte[]{0, (byte) 0xE9, (byte) 0xFF, '\n'});
                assertThat(peer.readExactly(4)).isEqualTo(new byte[]{0, (byte) 0xE9, (byte) 0xFF, '\n'});
            }
            driver.stop();
            assertThat(driver.outputLines()).last().isEqualTo("destroyed DIT_LOADED");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void virtualTimeFiresTimersOnlyWhenAdvanced(String engine) {
        String lua = """
                function OnDriverLateInit()
                    C4:SetTimer(1000, function() print("one-shot at " .. C4:GetTickCount()) end)
                    C4:SetTimer(250, function(t, skips) print("tick skips=" .. skips) end, true)
                end
                """;
        try (TestDriver driver = TestDriver.builder().engine(engine).virtualTime().lua("timers", lua).start()) {
            for (int i = 0; i < 3; i++) {
                driver.advance(Duration.ofMillis(250));
            }
            driver.advance(Duration.ofMillis(249));
            assertThat(driver.outputLines()).containsExactly("tick skips=0", "tick skips=0", "tick skips=0");

            driver.advance(Duration.ofMillis(1));
            // due together: creation order
            assertThat(driver.outputLines()).endsWith("one-shot at 1000", "tick skips=0").hasSize(5);

            driver.advance(Duration.ofMillis(600)); // one jump = one late serving of ticks 1250 and 1500
            assertThat(driver.outputLines()).last().isEqualTo("tick skips=1");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void bytesPrintedAreKeptOneCharPerByte(String engine) {
        try (TestDriver driver = TestDriver.builder().engine(engine).lua("bytes", "print('caf\\233\\0x')").start()) {
            assertThat(driver.outputLines()).containsExactly("caf\u00e9\u0000x");
        }
    }

    @AllEngines
    void aLuaErrorInACallbackIsAMessageAndAssertNoErrorsFails(String engine) {
        String lua = """
                C4:SetTimer(10, function() error("boom") end)
                C4:SetTimer(20, function() print("still alive") end)
                """;
        try (TestDriver driver = TestDriver.builder().engine(engine).virtualTime().lua("faulty", lua).start()) {
            driver.advance(Duration.ofMillis(20));
            assertThat(driver.outputLines()).containsExactly("still alive");
            assertThat(driver.messages()).singleElement().asString().contains("boom").contains("traceback");
            assertThatThrownBy(driver::assertNoErrors).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("reported 1 error(s)").hasMessageContaining("boom");
            driver.assertNoWarnings();
        }
    }

    @AllEngines
    void errorLogAndDebugLogReachTheDriversOutputAsLogs(String engine) {
        String lua = "C4:ErrorLog('device refused the login') C4:DebugLog('sent 12 bytes')";
        try (TestDriver driver = TestDriver.builder().engine(engine).lua("logger", lua).start()) {
            assertThat(driver.logs()).containsExactly("device refused the login", "sent 12 bytes");
            assertThat(driver.errors()).isEmpty();
            assertThat(driver.warnings()).isEmpty();
        }
    }

    @AllEngines
    void theControlSurfaceOfAStoppedDriverFailsAtOnce(String engine) {
        String lua = "function ExecuteCommand(cmd) return cmd end";
        try (TestDriver driver = TestDriver.builder().engine(engine).lua("gone", lua).start()) {
            dev.c4j.api.host.DriverControl control = driver.control();
            assertThat(driver.command("PING").value()).isEqualTo("PING");
            driver.stop();
            assertThatThrownBy(() -> control.command("PING", java.util.Map.of())
                    .get(5, java.util.concurrent.TimeUnit.SECONDS))
                    .hasCauseInstanceOf(IllegalStateException.class).hasMessageContaining("gone has stopped");
        }
    }

    @AllEngines
    void warningsAreToldApartFromErrors(String engine) {
        String lua = "function OnDriverInit() C4:SetTimer(10, function() end) end";
        try (TestDriver driver = TestDriver.builder().engine(engine).virtualTime().lua("early", lua).start()) {
            assertThat(driver.warnings()).singleElement().asString().startsWith("warning: SetTimer called during");
            assertThat(driver.errors()).isEmpty();
            driver.assertNoErrors();
            assertThatThrownBy(driver::assertNoWarnings).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("reported 1 warning(s)").hasMessageContaining("SetTimer");
        }
    }

    @Test
    void propertiesAreSetBeforeTheChunkRuns() {
        try (TestDriver driver = TestDriver.builder().property("Port", "2323")
                .lua("props", "print(tonumber(Properties['Port']) + 1)").start()) {
            assertThat(driver.outputLines()).containsExactly("2324");
        }
    }

    @Test
    void awaitOutputFailsWithTheOutputSoFar() {
        try (TestDriver driver = TestDriver.builder().lua("quiet", "print('only this')").start()) {
            assertThatThrownBy(() -> driver.awaitOutput("never", Duration.ofMillis(100)))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("no output line matched /never/ within PT0.1S")
                    .hasMessageContaining("only this");
        }
    }

    @Test
    void awaitOutputCountWaitsForSeveralMatches() {
        String lua = "for i = 1, 3 do print('n=' .. i) end";
        try (TestDriver driver = TestDriver.builder().lua("count", lua).start()) {
            assertThat(driver.awaitOutput("n=(\\d)", 3, Duration.ofSeconds(5)))
                    .extracting(m -> m.group(1)).containsExactly("1", "2", "3");
        }
    }

    @Test
    void aDriverThatDoesNotCompileFailsTheTestWithLuasMessage() {
        assertThatThrownBy(() -> TestDriver.builder().lua("broken", "x = = 1").start())
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not compile")
                .hasMessageContaining("broken:1:");
    }

    @Test
    void anUnknownEngineFailsWithTheListOfEngines() {
        assertThatThrownBy(() -> TestDriver.builder().engine("lua53").lua("x", "").start())
                .isInstanceOf(EngineException.class)
                .hasMessage("unknown engine 'lua53'; available engines: luaj, jnlua, luajit");
    }

    @Test
    void advanceWithoutVirtualTimeIsAMistake() {
        try (TestDriver driver = TestDriver.builder().lua("real", "").start()) {
            assertThatThrownBy(() -> driver.advance(Duration.ofSeconds(1)))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("virtualTime()");
        }
    }

    @Test
    void driversComeFromFilesAndResources(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("from-file.lua"), "print('file')");
        try (TestDriver driver = TestDriver.builder().source(file).start()) {
            assertThat(driver.driver().name()).isEqualTo("from-file");
            assertThat(driver.outputLines()).containsExactly("file");
        }
        try (TestDriver driver = TestDriver.builder().resource("drivers/hello.lua").start()) {
            assertThat(driver.driver().name()).isEqualTo("hello");
            assertThat(driver.outputLines()).containsExactly("hello from a resource");
        }
        assertThatThrownBy(() -> TestDriver.builder().resource("drivers/none.lua"))
                .hasMessageContaining("no classpath resource drivers/none.lua");
    }

    @Test
    void collectGarbageClosesAnUnreferencedServer() {
        String lua = """
                function OnDriverLateInit()
                    local server = C4:CreateTCPServer()
                        :OnListen(function(srv, endpoint) print("port " .. endpoint.port) end)
                        :Listen("127.0.0.1", 0)
                end
                """;
        try (TestDriver driver = TestDriver.builder().lua("gc", lua).start()) {
            int port = Integer.parseInt(driver.awaitOutput("port (\\d+)").group(1));
            try (TestPeer peer = TestPeer.connect(port)) {
                // listening while the listen is still referenced by its callback
            }
            driver.collectGarbage();
            assertThatThrownBy(() -> TestPeer.connect(port)).hasMessageContaining("cannot connect");
        }
    }
}
