package dev.c4j.cli;

import dev.c4j.api.AddressMap;
import dev.c4j.api.DriverLimits;
import dev.c4j.console.Console;
import dev.c4j.host.pkg.PackageException;
import dev.c4j.lua.Driver;
import dev.c4j.lua.spi.LuaSyntaxException;
import dev.c4j.runtime.NetworkAccess;
import dev.c4j.runtime.C4Runtime;
import dev.c4j.runtime.EngineConfig;
import dev.c4j.runtime.EngineException;
import dev.c4j.runtime.Engines;
import dev.c4j.runtime.StandardOutput;
import sun.misc.Signal;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The {@code c4} command. {@code c4 run DRIVER.lua [--engine NAME]} starts the driver and serves until SIGINT
 * or SIGTERM, then stops it ({@code OnDriverDestroyed("DIT_LOADED")}) and exits 0. Standard output carries
 * exactly what the driver prints; everything else goes to standard error. Exit status 2: bad usage, a driver
 * file that is missing or does not compile, an unknown or unavailable engine. Exit status 1: a bug of ours.
 */
public final class Main {

    static final int OK = 0;
    static final int INTERNAL_ERROR = 1;
    static final int USAGE = 2;
    /** The driver stopped itself on a fatal error (the Java heap ran out under the luaj engine). */
    static final int DRIVER_FAILED = 3;

    /**
     * After SIGINT or SIGTERM the runner is gone within two seconds, whatever the driver does: the stop gets this
     * long, the JVM's exit the rest.
     */
    static final Duration STOP_LIMIT = Duration.ofMillis(1400);

    static final String USAGE_TEXT = """
            Usage: c4 run DRIVER [OPTIONS]     run a driver until SIGINT or SIGTERM. DRIVER is a .lua file,
                                           a .c4z or .c4i file, or a folder holding driver.xml
                     --engine NAME         the Lua engine (see below)
                     --property NAME=VALUE set a property (wins over saved state and driver.xml defaults)
                     --state DIR           keep the driver's state (properties, variables, PersistData,
                                           files) in DIR/<driver>/ across runs; without it nothing is kept
                     --network any|loopback  which hosts the driver may connect to (default any)
                     --binding ID=HOST     the address of network binding ID (as Composer's Network tab
                                           sets it); its auto-connect ports connect after OnDriverLateInit
                     --map-address HOST:PORT=HOST:PORT
                                           send connections for the first address to the second instead
                                           (a binding's port is fixed by driver.xml; a simulator may not be)
                     --console [HOST:]PORT serve the HTTP console (127.0.0.1 unless HOST is given; 0 picks
                                           a free port; its address is printed on standard error)
                     --memory-limit SIZE   the driver's Lua memory (default 128M; native engines only)
                     --input-limit SIZE    bytes received and not yet read by the driver (default 64M)
                     --callback-limit TIME how long one callback may run before it is interrupted
                                           (default 5s); SIZE like 512K, 64M; TIME like 500ms, 10s;
                                           0 switches a limit off (see docs/limits.md)
                   c4 engines              list the engine names
                   c4 --help               show this help
            Engine choice: --engine, else -D%2$s, else $%3$s, else %2$s in %4$s
            on the classpath, else %1$s. Engines: %5$s.
            Exit status: 0 after a clean stop; 2 for bad usage, a driver that is missing, malformed or does
            not compile, or an engine that is unknown or cannot run here; 3 when the driver ran the Java heap
            out of memory (luaj).
            """.formatted(Engines.DEFAULT, EngineConfig.PROPERTY, EngineConfig.ENVIRONMENT_VARIABLE,
                    EngineConfig.PROPERTIES_RESOURCE, String.join(", ", Engines.names()));

    private final OutputStream out;
    private final PrintStream err;
    private final CountDownLatch stopRequested;
    /** A driver could not be stopped: its thread is stuck, so the process ends without waiting for anything. */
    private volatile boolean stuckDriverLeftBehind;

    /**
     * @param out           standard output: driver prints, help and the engine list
     * @param err           standard error: messages about the run
     * @param stopRequested counted down when the driver should stop (a signal)
     */
    Main(OutputStream out, PrintStream err, CountDownLatch stopRequested) {
        this.out = out;
        this.err = err;
        this.stopRequested = stopRequested;
    }

    public static void main(String[] args) {
        OutputStream stdout = standardOutput();
        // Choice: a library that writes to System.out must not mix into the driver's output.
        System.setOut(System.err);
        CountDownLatch stopRequested = new CountDownLatch(1);
        handleStopSignals(stopRequested);
        Main main = new Main(stdout, System.err, stopRequested);
        int status = main.run(args);
        if (main.stuckDriverLeftBehind) {
            System.err.flush();
            Runtime.getRuntime().halt(status);
        }
        System.exit(status);
    }

    /**
     * Where the driver's prints go: standard output, which the launcher hands over as the descriptor named by the
     * system property {@code c4.stdout} (it points descriptor 1 at standard error, where the JVM's crash banner then
     * lands); descriptor 1 itself when run without the launcher, or when the descriptor cannot be opened by name
     * (a socket).
     */
    static OutputStream standardOutput() {
        String descriptor = System.getProperty("c4.stdout");
        if (descriptor != null && descriptor.matches("\\d{1,4}")) {
            try {
                return new FileOutputStream("/proc/self/fd/" + descriptor, true);
            } catch (IOException e) {
                // fall back to descriptor 1
            }
        }
        return new FileOutputStream(FileDescriptor.out);
    }

    /**
     * SIGINT and SIGTERM request a graceful stop (and so exit status 0, which a plain shutdown hook cannot give);
     * a second signal ends the process at once, in case {@code OnDriverDestroyed} hangs.
     */
    private static void handleStopSignals(CountDownLatch stopRequested) {
        for (String name : List.of("INT", "TERM")) {
            try {
                Signal.handle(new Signal(name), signal -> {
                    if (stopRequested.getCount() == 0) {
                        Runtime.getRuntime().halt(128 + signal.getNumber());
                    }
                    stopRequested.countDown();
                });
            } catch (IllegalArgumentException unsupported) {
                // Not on this OS: the shutdown hook in run() still stops the driver.
            }
        }
    }

    /** Runs the command and returns the exit status; blocks while a driver runs. */
    int run(String[] args) {
        if (args.length == 0) {
            err.print(USAGE_TEXT);
            return USAGE;
        }
        switch (args[0]) {
            case "--help", "-h", "help" -> {
                write(USAGE_TEXT);
                return OK;
            }
            case "engines" -> {
                write(String.join("\n", Engines.names()) + "\n");
                return OK;
            }
            case "run" -> {
                return runCommand(List.of(args).subList(1, args.length));
            }
            default -> {
                return usageError("unknown command '" + args[0] + "'");
            }
        }
    }

    /** What {@code c4 run} was asked to do. */
    private static final class RunOptions {
        String driver;
        String engine;
        final Map<String, String> properties = new LinkedHashMap<>();
        Path stateDirectory;
        NetworkAccess network = NetworkAccess.ANY;
        InetSocketAddress console;
        final Map<Integer, String> bindings = new LinkedHashMap<>();
        final Map<String, String> addressMap = new LinkedHashMap<>();
        DriverLimits limits = DriverLimits.DEFAULT;
    }

    private int runCommand(List<String> args) {
        RunOptions options = new RunOptions();
        List<String> words = splitOptionValues(args);
        for (int i = 0; i < words.size(); i++) {
            String word = words.get(i);
            switch (word) {
                case "--help", "-h" -> {
                    write(USAGE_TEXT);
                    return OK;
                }
                case "--engine", "--property", "--state", "--network", "--console", "--binding", "--map-address",
                     "--memory-limit", "--input-limit", "--callback-limit" -> {
                    if (i + 1 == words.size()) {
                        return usageError(word + " needs " + switch (word) {
                            case "--engine" -> "a name (" + String.join(", ", Engines.names()) + ")";
                            case "--property" -> "NAME=VALUE";
                            case "--state" -> "a folder";
                            case "--network" -> "any or loopback";
                            case "--binding" -> "ID=HOST";
                            case "--map-address" -> "HOST:PORT=HOST:PORT";
                            case "--memory-limit", "--input-limit" -> "a size (e.g. 64M, or 0 for none)";
                            case "--callback-limit" -> "a time (e.g. 5s, 500ms, or 0 for none)";
                            default -> "[HOST:]PORT";
                        });
                    }
                    String problem = option(options, word, words.get(++i));
                    if (problem != null) {
                        return usageError(problem);
                    }
                }
                default -> {
                    if (word.startsWith("-") && !word.equals("-")) {
                        return usageError("unknown option '" + word + "'");
                    }
                    if (options.driver != null) {
                        return usageError("one driver only, got '" + options.driver + "' and '" + word + "'");
                    }
                    options.driver = word;
                }
            }
        }
        if (options.driver == null) {
            return usageError("which driver? c4 run DRIVER (a .lua, .c4z or .c4i file, or a folder with driver.xml)");
        }
        return runDriver(options);
    }

    /** Applies one option; returns what is wrong with its value, or null. */
    private static String option(RunOptions options, String name, String value) {
        switch (name) {
            case "--engine" -> options.engine = value;
            case "--property" -> {
                String[] pair = pair(value);
                if (pair == null) {
                    return "--property needs NAME=VALUE, got '" + value + "'";
                }
                options.properties.put(pair[0], pair[1]);
            }
            case "--state" -> options.stateDirectory = Path.of(value);
            case "--network" -> {
                switch (value) {
                    case "any" -> options.network = NetworkAccess.ANY;
                    case "loopback" -> options.network = NetworkAccess.LOOPBACK;
                    default -> {
                        return "--network takes any or loopback, got '" + value + "'";
                    }
                }
            }
            case "--console" -> {
                try {
                    options.console = Console.bindAddress(value);
                } catch (IllegalArgumentException e) {
                    return "--console needs [HOST:]PORT: " + e.getMessage();
                }
            }
            case "--binding" -> {
                String[] pair = pair(value);
                if (pair == null || !pair[0].matches("\\d{1,9}")) {
                    return "--binding needs ID=HOST, got '" + value + "'";
                }
                options.bindings.put(Integer.parseInt(pair[0]), pair[1]);
            }
            case "--map-address" -> {
                String[] pair = pair(value);
                try {
                    if (pair == null) {
                        throw new IllegalArgumentException("no '='");
                    }
                    AddressMap.parse(pair[0]);
                    AddressMap.parse(pair[1]);
                } catch (IllegalArgumentException e) {
                    return "--map-address needs HOST:PORT=HOST:PORT, got '" + value + "'";
                }
                options.addressMap.put(pair[0], pair[1]);
            }
            case "--memory-limit", "--input-limit" -> {
                long bytes = LimitValues.size(value);
                if (bytes < 0) {
                    return name + " takes a size such as 512K, 64M or 1G (0 for none), got '" + value + "'";
                }
                options.limits = name.equals("--memory-limit")
                        ? options.limits.withLuaMemory(bytes) : options.limits.withBufferedInput(bytes);
            }
            case "--callback-limit" -> {
                Duration time = LimitValues.time(value);
                if (time == null) {
                    return name + " takes a time such as 500ms or 10s (0 for none), got '" + value + "'";
                }
                options.limits = options.limits.withCallbackTime(time);
            }
            default -> throw new IllegalArgumentException(name);
        }
        return null;
    }

    /** {@code NAME=VALUE} split at the first {@code =}; null without a name before it. */
    private static String[] pair(String value) {
        int equals = value.indexOf('=');
        return equals < 1 ? null : new String[] {value.substring(0, equals), value.substring(equals + 1)};
    }

    /** {@code --option=value} as the two words {@code --option value}. */
    private static List<String> splitOptionValues(List<String> args) {
        List<String> words = new ArrayList<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (arg.startsWith("--") && equals > 2) {
                words.add(arg.substring(0, equals));
                words.add(arg.substring(equals + 1));
            } else {
                words.add(arg);
            }
        }
        return words;
    }

    private int runDriver(RunOptions options) {
        Path file = Path.of(options.driver);
        if (!Files.exists(file)) {
            return fail("driver not found: " + file);
        }
        ConsoleOutput output = new ConsoleOutput(new StandardOutput(out, err));
        C4Runtime.Builder builder = C4Runtime.builder()
                .engine(options.engine)
                .output(output)
                .network(options.network)
                .stateDirectory(options.stateDirectory)
                .limits(options.limits);
        options.bindings.forEach(builder::bindingAddress);
        options.addressMap.forEach(builder::mapAddress);
        try (C4Runtime runtime = builder.build()) {
            Driver driver = runtime.start(file, options.properties);
            if (options.stateDirectory == null) {
                err.println(stateNotKept(driver.name()));
            }
            Console console = options.console == null ? null
                    : Console.start(options.console, driver.control(), output);
            if (console != null) {
                err.println("[c4] console: http://" + hostAndPort(console.address()) + "/");
            }
            // A shutdown that is not one of our signals (SIGHUP, System.exit elsewhere) still stops the driver.
            Thread stopOnShutdown = new Thread(runtime::close, "c4-shutdown");
            Runtime.getRuntime().addShutdownHook(stopOnShutdown);
            awaitStop(driver);
            if (console != null) {
                console.close();
            }
            closeWithin(runtime, STOP_LIMIT); // OnDriverDestroyed("DIT_LOADED"), teardown
            removeShutdownHook(stopOnShutdown);
            return driver.failure() != null ? DRIVER_FAILED : OK;
        } catch (EngineException | PackageException e) {
            return fail(e.getMessage());
        } catch (LuaSyntaxException e) {
            return fail(e.getMessage()); // Lua's own "file.lua:3: ... near ..." says it all
        } catch (NoSuchFileException e) {
            return fail("driver not found: " + file);
        } catch (IOException e) {
            return fail("cannot read " + file + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return INTERNAL_ERROR;
        } catch (OutOfMemoryError e) {
            // A LuaJ driver filled the heap (its memory has no cap) and the error hit this thread too: the driver
            // stops itself (and said so); the runner ends as for it.
            err.println("c4: the Java heap is full");
            return DRIVER_FAILED;
        } catch (RuntimeException | Error e) {
            err.println("c4: internal error, please report it:");
            e.printStackTrace(err);
            return INTERNAL_ERROR;
        }
    }

    /** The runner's one line about state when there is no {@code --state} (host spec H11). */
    static String stateNotKept(String driverName) {
        return "[" + driverName + "] state is not kept after this run (use --state DIR to keep it)";
    }

    private static String hostAndPort(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * {@link C4Runtime#close()}, given {@code limit} at most: a driver stuck where Lua cannot be interrupted must not
     * keep the runner from ending (the runtime reports it; its threads die with the process).
     */
    private void closeWithin(C4Runtime runtime, Duration limit) throws InterruptedException {
        Thread closing = new Thread(runtime::close, "c4-stop");
        closing.setDaemon(true);
        closing.start();
        closing.join(limit.toMillis());
        if (closing.isAlive()) {
            err.println("c4: the driver did not stop within " + limit.toMillis() + " ms; exiting anyway");
            stuckDriverLeftBehind = true;
        }
    }

    /** Until a signal, or until the driver stopped itself (removed from the project through the console). */
    private void awaitStop(Driver driver) throws InterruptedException {
        while (!stopRequested.await(200, java.util.concurrent.TimeUnit.MILLISECONDS)) {
            if (driver.stopped()) {
                return;
            }
        }
    }

    private static void removeShutdownHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run; the runtime is closed either way
        }
    }

    private int usageError(String message) {
        err.println("c4: " + message);
        err.println("Try 'c4 --help'.");
        return USAGE;
    }

    private int fail(String message) {
        err.println("c4: " + message);
        return USAGE;
    }

    private void write(String text) {
        try {
            out.write(text.getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // standard output closed: nothing to do
        }
    }
}
