package dev.c4j.testkit.bindings;

import dev.c4j.testkit.TestDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Driver packages with network binding 6001 (port 23, options as each test gives them), written to a folder, and
 * what the binding tests share. Port 23 is fixed by driver.xml; tests send 127.0.0.1:23 to their device with the
 * address map. The tracing entry points print every call with its arguments.
 */
final class BoundDriver {

    static final int BINDING = 6001;
    static final int PORT = 23;
    /** What the binding's address is: 127.0.0.1, the port mapped to a test's device. */
    static final String HOST = "127.0.0.1";
    static final String ADDRESS = HOST + ":" + PORT;
    static final Duration TIMEOUT = TestDriver.DEFAULT_TIMEOUT;
    /** How long a test watches for something that must not happen. */
    static final Duration QUIET = Duration.ofMillis(200);

    /**
     * Entry points printing what they get ({@code status 6001 23 ONLINE}, {@code data 6001 23 <bytes> <ip>}) and
     * commands acting on port 23 of binding 6001: {@code send} (parameter DATA), {@code connect},
     * {@code disconnect}, {@code restart}.
     */
    static final String TRACING = tracing(PORT);

    /** {@link #TRACING} for another port. */
    static String tracing(int port) {
        return """
            function OnDriverLateInit() print('late init') end
            function OnConnectionStatusChanged(id, port, status) print('status', id, port, status) end
            function ReceivedFromNetwork(id, port, data, from) print('data', id, port, data, from) end
            function OnNetworkBindingChanged(id, bound) print('binding changed', id, bound) end
            function OnDriverDestroyed() print('destroyed') end
            function ExecuteCommand(cmd, params)
              if cmd == 'send' then C4:SendToNetwork(6001, PORT, params.DATA)
              elseif cmd == 'connect' then C4:NetConnect(6001, PORT)
              elseif cmd == 'disconnect' then C4:NetDisconnect(6001, PORT)
              elseif cmd == 'restart' then C4:NetDisconnect(6001, PORT); C4:NetConnect(6001, PORT)
              end
            end
            PORT = %d
            """.formatted(port);
    }

    private BoundDriver() {
    }

    /**
     * A package "bound" in {@code folder}: driver.xml declares binding 6001 of class {@code bindingClass} with
     * port 23 and the option elements {@code portOptions} (e.g. {@code <auto_connect>True</auto_connect>}).
     */
    static Path write(Path folder, String bindingClass, String portOptions, String lua) {
        return write(folder, bindingClass, PORT, portOptions, lua);
    }

    /** {@link #write(Path, String, String, String)} with another port. */
    static Path write(Path folder, String bindingClass, int port, String portOptions, String lua) {
        Path driver = folder.resolve("bound");
        String xml = """
                <devicedata>
                  <name>Bound</name>
                  <version>1</version>
                  <connections>
                    <connection>
                      <id>6001</id>
                      <type>4</type>
                      <connectionname>Device</connectionname>
                      <consumer>True</consumer>
                      <classes>
                        <class>
                          <classname>%s</classname>
                          <ports><port><number>%d</number>%s</port></ports>
                        </class>
                      </classes>
                    </connection>
                  </connections>
                  <config><script file="driver.lua"/></config>
                </devicedata>
                """.formatted(bindingClass, port, portOptions);
        try {
            Files.createDirectories(driver);
            Files.writeString(driver.resolve("driver.xml"), xml, StandardCharsets.UTF_8);
            Files.writeString(driver.resolve("driver.lua"), lua, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return driver;
    }

    /** A TCP binding with {@code portOptions} and the tracing entry points (plus {@code lua}). */
    static Path tcp(Path folder, String portOptions, String lua) {
        return write(folder, "TCP", portOptions, TRACING + lua);
    }

    /** The whole first output line that starts with {@code prefix}, waiting for it. */
    static String awaitLine(TestDriver driver, String prefix) {
        return driver.awaitOutput("(?s)^" + Pattern.quote(prefix) + ".*").group();
    }

    /** Waits until every task already posted to the driver's loop has run. */
    static void sync(TestDriver driver) {
        driver.driver().onLoop(() -> null);
    }

    /** Lets the loop finish what it is doing, then moves virtual time. */
    static void advance(TestDriver driver, Duration by) {
        sync(driver);
        driver.advance(by);
    }

    /** The output lines that start with {@code prefix}. */
    static List<String> lines(TestDriver driver, String prefix) {
        return driver.outputLines().stream().filter(line -> line.startsWith(prefix)).toList();
    }

    /** The first runtime message containing {@code text}, polling for it. */
    static String awaitMessage(TestDriver driver, String text) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            for (String message : driver.messages()) {
                if (message.contains(text)) {
                    return message;
                }
            }
            sleep(Duration.ofMillis(5));
        }
        throw new AssertionError("no message containing '" + text + "': " + driver.messages());
    }

    static void sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
