package dev.c4j.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The command in-process: exit statuses and what goes to which stream. */
class MainTest {

    /** The one line on standard error of a run without {@code --state}, for the driver named {@code %s}. */

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CountDownLatch stopRequested = new CountDownLatch(1);

    private int c4(String... args) {
        return new Main(out, new PrintStream(err, true, StandardCharsets.UTF_8), stopRequested).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void helpGoesToStandardOutput() {
        assertThat(c4("--help")).isZero();
        assertThat(out()).startsWith("Usage: c4 run DRIVER [OPTIONS]");
        assertThat(err()).isEmpty();
    }

    @Test
    void noArgumentsIsAUsageError() {
        assertThat(c4()).isEqualTo(2);
        assertThat(err()).startsWith("Usage:");
        assertThat(out()).isEmpty();
    }

    @Test
    void enginesListsTheNamesOnePerLine() {
        assertThat(c4("engines")).isZero();
        assertThat(out()).isEqualTo("luaj\njnlua\nluajit\n");
    }

    @Test
    void unknownCommandAndOptionAreUsageErrors() {
        assertThat(c4("serve", "x.lua")).isEqualTo(2);
        assertThat(c4("run", "x.lua", "--verbose")).isEqualTo(2);
        assertThat(c4("run", "--engine")).isEqualTo(2);
        assertThat(c4("run")).isEqualTo(2);
        assertThat(err()).contains("c4: unknown command 'serve'", "c4: unknown option '--verbose'",
                "c4: --engine needs a name", "c4: which driver?");
        assertThat(out()).isEmpty();
    }

    @Test
    void missingDriverFileIsOneMessageAndStatusTwo() {
        Path missing = dir.resolve("nope.lua");
        assertThat(c4("run", missing.toString())).isEqualTo(2);
        assertThat(err()).isEqualTo("c4: driver not found: " + missing + "\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void driverThatDoesNotCompileIsOneMessageAndStatusTwo() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.lua"), "print('ran')\nfunction x(\n");
        assertThat(c4("run", broken.toString())).isEqualTo(2);
        assertThat(err()).startsWith("c4: ").contains("broken.lua:").endsWith("\n");
        assertThat(err().lines()).hasSize(1);
        assertThat(out()).isEmpty();
    }

    @Test
    void aMalformedPackageIsOneLineNamingTheFileAndStatusTwo() throws Exception {
        Path c4z = Files.writeString(dir.resolve("broken.c4z"), "print('not a zip')\n");
        Path folder = Files.createDirectories(dir.resolve("bad"));
        Files.writeString(folder.resolve("driver.xml"), "<devicedata>\n<config>\n</devicedata>\n");

        assertThat(c4("run", c4z.toString())).isEqualTo(2);
        assertThat(err()).isEqualTo("c4: " + c4z + ": not a zip file\n");
        err.reset();
        assertThat(c4("run", folder.toString())).isEqualTo(2);
        assertThat(err()).startsWith("c4: driver.xml (in " + folder + "/): line 3").endsWith("\n");
        assertThat(err().lines()).hasSize(1);
        assertThat(out()).isEmpty();
    }

    @Test
    void unknownEngineIsOneMessageAndStatusTwo() throws Exception {
        Path driver = Files.writeString(dir.resolve("d.lua"), "print('ran')\n");
        assertThat(c4("run", driver.toString(), "--engine=lua54")).isEqualTo(2);
        assertThat(err()).isEqualTo("c4: unknown engine 'lua54'; available engines: luaj, jnlua, luajit\n");
        assertThat(out()).isEmpty();
    }

    @Test
    void propertiesComeFromTheCommandLine() throws Exception {
        Path driver = Files.writeString(dir.resolve("p.lua"), "print(Properties.Port, Properties.Greeting)\n");
        stopRequested.countDown();

        assertThat(c4("run", driver.toString(), "--property", "Port=2323", "--property=Greeting=a=b")).isZero();
        assertThat(out()).isEqualTo("2323\ta=b\n");
    }

    @Test
    void aPropertyWithoutAValueIsAUsageError() {
        assertThat(c4("run", "d.lua", "--property", "Port")).isEqualTo(2);
        assertThat(err()).startsWith("c4: --property needs NAME=VALUE, got 'Port'\n");
    }

    @Test
    void bindingAddressesAndTheAddressMapComeFromTheCommandLine() throws Exception {
        Path driver = Files.createDirectories(dir.resolve("bound"));
        Files.writeString(driver.resolve("driver.xml"), """
                <devicedata><name>Bound</name><connections><connection><id>6001</id><type>4</type>
                  <classes><class><classname>TCP</classname><ports><port><number>23</number>
                    <auto_connect>True</auto_connect></port></ports></class></classes>
                </connection></connections><config><script file="driver.lua"/></config></devicedata>
                """);
        Files.writeString(driver.resolve("driver.lua"), """
                function OnConnectionStatusChanged(id, port, status)
                  print(id, port, status, C4:GetBindingAddress(id))
                end
                """);
        try (ServerSocket device = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            device.setSoTimeout(5000);
            CompletableFuture<Integer> status = CompletableFuture.supplyAsync(() -> c4("run", driver.toString(),
                    "--binding", "6001=127.0.0.1", "--map-address=127.0.0.1:23=127.0.0.1:" + device.getLocalPort()));
            try (Socket connection = device.accept()) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
                while (out().isEmpty() && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                stopRequested.countDown();
                assertThat(status.get(10, TimeUnit.SECONDS)).isZero();
            }
        }
        assertThat(out()).isEqualTo("6001\t23\tONLINE\t127.0.0.1\n");
    }

    @Test
    void badBindingsAndAddressMapsAreUsageErrors() {
        assertThat(c4("run", "d.lua", "--binding", "6001")).isEqualTo(2);
        assertThat(c4("run", "d.lua", "--binding", "net=1.2.3.4")).isEqualTo(2);
        assertThat(c4("run", "d.lua", "--map-address", "127.0.0.1=127.0.0.1:2323")).isEqualTo(2);
        assertThat(err()).contains("c4: --binding needs ID=HOST, got '6001'", "got 'net=1.2.3.4'",
                "c4: --map-address needs HOST:PORT=HOST:PORT, got '127.0.0.1=127.0.0.1:2323'");
    }

    @Test
    void runStartsTheDriverAndStopsItWhenAskedThenStatusZero() throws Exception {
        Path driver = Files.writeString(dir.resolve("d.lua"), """
                print("chunk")
                function OnDriverLateInit(dit) print("late " .. dit) end
                function OnDriverDestroyed(dit) print("destroyed " .. dit) end
                """);
        stopRequested.countDown(); // as if SIGTERM came right after the start

        assertThat(c4("run", "--engine", "luaj", driver.toString())).isZero();
        assertThat(out()).isEqualTo("chunk\nlate DIT_STARTUP\ndestroyed DIT_LOADED\n");
        assertThat(err()).isEqualTo(Main.stateNotKept("d") + "\n");
    }

    /** The driver's own log is runtime output (DriverOutput), not an SLF4J logger the runner may not show. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.runtime.Engines#names")
    void errorLogAndDebugLogGoToStandardErrorWithTheDriversName(String engine) throws Exception {
        Path driver = Files.writeString(dir.resolve("logger.lua"),
                "C4:ErrorLog('device refused the login') C4:DebugLog('sent 12 bytes')\n");
        stopRequested.countDown();

        assertThat(c4("run", "--engine", engine, driver.toString())).isZero();
        assertThat(err()).isEqualTo("[logger] device refused the login\n[logger] sent 12 bytes\n"
                + Main.stateNotKept("logger") + "\n");
        assertThat(out()).isEmpty();
    }
}
