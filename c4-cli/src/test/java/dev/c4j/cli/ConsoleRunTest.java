package dev.c4j.cli;

import dev.c4j.cli.testing.WatchedOutput;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code c4 run PACKAGE --console 0 --state DIR}: the console's address on standard error, the driver driven over
 * real HTTP on 127.0.0.1, each answer after the driver's callback returned, and the state kept for the next run.
 */
class ConsoleRunTest {

    private static final String CONSOLE = "\\[c4] console: (http://127\\.0\\.0\\.1:\\d+/)";

    @TempDir
    Path dir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private Path driverPackage() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("thermo"));
        Files.writeString(folder.resolve("driver.xml"), """
                <devicedata>
                  <name>Thermo</name>
                  <version>1</version>
                  <config>
                    <script file="driver.lua"/>
                    <properties>
                      <property><name>Setpoint</name><type>RANGED_INTEGER</type><minimum>5</minimum>
                        <maximum>30</maximum><default>20</default></property>
                    </properties>
                  </config>
                </devicedata>
                """);
        Files.writeString(folder.resolve("driver.lua"), """
                function OnDriverLateInit(dit) print('late ' .. dit .. ' ' .. Properties.Setpoint) end
                function OnPropertyChanged(name)
                  print('changed ' .. name .. ' ' .. Properties[name])
                  C4:UpdateProperty(name, Properties[name])
                end
                function ExecuteCommand(cmd, params) return cmd .. ':' .. (params.X or '') end
                """);
        return folder;
    }

    private HttpResponse<String> send(String method, String url, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .header("Content-Type", "application/json").build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Runs {@code c4 run} in-process until {@code session} is done, then stops it as a signal would. */
    private String run(Path driver, Session session) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        WatchedOutput err = new WatchedOutput(StandardCharsets.UTF_8);
        PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
        CountDownLatch stop = new CountDownLatch(1);
        ExecutorService thread = Executors.newSingleThreadExecutor();
        try {
            Future<Integer> status = thread.submit(() -> new Main(out, errStream, stop).run(new String[] {
                    "run", driver.toString(), "--console", "0", "--state", dir.resolve("state").toString()}));
            String base = err.await(CONSOLE, Duration.ofSeconds(20), () -> !status.isDone())
                    .orElseThrow(() -> new AssertionError("no console address on standard error: " + err.text()))
                    .group(1);
            session.run(base);
            stop.countDown();
            assertThat(status.get(20, TimeUnit.SECONDS)).isZero();
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            stop.countDown();
            thread.shutdownNow();
        }
    }

    interface Session {
        void run(String base) throws Exception;
    }

    @Test
    void theConsoleDrivesTheDriverAndItsStateOutlivesTheRun() throws Exception {
        Path driver = driverPackage();
        String first = run(driver, base -> {
            HttpResponse<String> set = send("PUT", base + "api/properties/Setpoint", "{\"value\": \"25\"}");
            assertThat(set.statusCode()).isEqualTo(200);
            assertThat(send("GET", base + "api/driver", null).body()).contains("\"Setpoint\":\"25\"");
            HttpResponse<String> command = send("POST", base + "api/commands",
                    "{\"command\": \"PING\", \"params\": {\"X\": \"1\"}}");
            assertThat(command.body()).contains("\"result\":\"PING:1\"");
            assertThat(send("PUT", base + "api/properties/Setpoint", "{\"value\": \"99\"}").statusCode())
                    .as("outside the range").isEqualTo(409);
            assertThat(send("PUT", base + "api/properties/Nope", "{\"value\": \"1\"}").statusCode()).isEqualTo(404);
            assertThat(send("PUT", base + "api/properties/Setpoint", "{\"value\": ").statusCode()).isEqualTo(400);
            assertThat(send("GET", base + "api/calls?since=0", null).body())
                    .contains("\"function\":\"OnPropertyChanged\"").contains("\"function\":\"UpdateProperty\"");
            assertThat(send("GET", base + "api/output?since=0", null).body()).contains("changed Setpoint 25");
        });
        assertThat(first).isEqualTo("late DIT_ADDING 20\nchanged Setpoint 25\n");

        String second = run(driver, base -> { });
        assertThat(second).as("the property set last time, from the state folder").isEqualTo("late DIT_STARTUP 25\n");
    }
}
