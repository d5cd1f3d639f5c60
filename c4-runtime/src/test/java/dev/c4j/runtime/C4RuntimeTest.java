package dev.c4j.runtime;

import dev.c4j.lua.Driver;
import dev.c4j.lua.spi.LuaSyntaxException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A small driver on every registered engine: an engine that cannot load here fails these tests. */
class C4RuntimeTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final String LIFECYCLE = """
            print("chunk")
            function OnDriverInit(dit) print("init " .. dit) end
            function OnDriverLateInit(dit) print("late " .. dit) end
            function OnDriverDestroyed(dit) print("destroyed " .. dit) end
            """;

    private static final String ECHO = """
            server = C4:CreateTCPServer()
                :OnListen(function(srv, endpoint) print("listening " .. endpoint.port) end)
                :OnAccept(function(srv, client)
                    client:OnRead(function(cli, data)
                        cli:Write(data)
                        cli:ReadUntil("\\n")
                    end):ReadUntil("\\n")
                end)
                :Listen("127.0.0.1", 0)
            C4:SetTimer(10, function() print("timer") end)
            """;

    static Iterable<String> engines() {
        return Engines.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void runsTheLifecycleAndServesOnEveryEngine(String engine) throws Exception {
        RecordingOutput output = new RecordingOutput();
        try (C4Runtime runtime = C4Runtime.builder().engine(engine).output(output).build()) {
            assertThat(runtime.engine()).isEqualTo(engine);
            Driver driver = runtime.start("echo", (LIFECYCLE + ECHO).getBytes(StandardCharsets.UTF_8));
            assertThat(driver.name()).isEqualTo("echo");

            int port = Integer.parseInt(output.await("listening ", TIMEOUT).substring("listening ".length()));
            output.await("timer", TIMEOUT);
            try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
                socket.setSoTimeout((int) TIMEOUT.toMillis());
                OutputStream out = socket.getOutputStream();
                out.write("ping\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                var in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
                assertThat(in.readLine()).isEqualTo("ping");
            }
        }
        assertThat(output.lines()).startsWith("chunk", "init DIT_STARTUP", "late DIT_STARTUP")
                .endsWith("destroyed DIT_LOADED");
        assertThat(output.messages()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void aDriverThatDoesNotCompileThrowsAndNothingRuns(String engine) {
        RecordingOutput output = new RecordingOutput();
        try (C4Runtime runtime = C4Runtime.builder().engine(engine).output(output).build()) {
            assertThatThrownBy(() -> runtime.start("broken", "print('ran')\nx = = 1\n".getBytes(StandardCharsets.UTF_8)))
                    .isInstanceOf(LuaSyntaxException.class)
                    .hasMessageContaining("broken:2:");
        }
        assertThat(output.lines()).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("engines")
    void propertiesReachTheDriverByteForByte(String engine) throws Exception {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("Port", "2323");
        properties.put("Max Clients", "5");
        properties.put("Odd \"name\"", "line\nbreak \\ caf\u00e9 \u0000 12");
        String lua = """
                print(Properties["Port"], Properties["Max Clients"])
                print(Properties['Odd "name"'] == "line\\nbreak \\\\ caf\\195\\169 \\0 12")
                error("line two")
                """;
        RecordingOutput output = new RecordingOutput();
        try (C4Runtime runtime = C4Runtime.builder().engine(engine).output(output).build()) {
            runtime.start("props", lua.getBytes(StandardCharsets.UTF_8), properties);
        }
        assertThat(output.lines()).containsExactly("2323\t5", "true");
        // the table is defined on the driver's first line: line numbers in messages stay exact
        assertThat(output.messages()).singleElement().asString().startsWith("props:3: line two");
    }

    @Test
    void propertiesIsAnEmptyTableWhenNoneAreGiven() throws Exception {
        RecordingOutput output = new RecordingOutput();
        try (C4Runtime runtime = C4Runtime.builder().output(output).build()) {
            runtime.start("none", "print(type(Properties), next(Properties))".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(output.lines()).containsExactly("table\tnil");
    }

    @Test
    void aFileDriverIsNamedAfterItsFileWithoutLua(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("my-driver.lua");
        Files.writeString(file, "print('hi')\n");
        RecordingOutput output = new RecordingOutput();
        try (C4Runtime runtime = C4Runtime.builder().output(output).build()) {
            assertThat(runtime.start(file).name()).isEqualTo("my-driver");
        }
        assertThat(output.lines()).containsExactly("hi");
    }

    @Test
    void closeStopsEveryDriverItStarted() throws Exception {
        RecordingOutput output = new RecordingOutput();
        try (C4Runtime runtime = C4Runtime.builder().output(output).build()) {
            runtime.start("a", "function OnDriverDestroyed(d) print('a down') end".getBytes(StandardCharsets.UTF_8));
            runtime.start("b", "function OnDriverDestroyed(d) print('b down') end".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(output.lines()).containsExactlyInAnyOrder("a down", "b down");
    }

    @Test
    void aClosedRuntimeStartsNothing() {
        C4Runtime runtime = C4Runtime.builder().output(new RecordingOutput()).build();
        runtime.close();
        assertThatThrownBy(() -> runtime.start("late", new byte[0])).isInstanceOf(IllegalStateException.class);
    }
}
