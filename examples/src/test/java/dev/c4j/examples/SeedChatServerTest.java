package dev.c4j.examples;

import dev.c4j.testkit.TestDriver;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The vendor's chat server example, exactly as the user gave it (the seed, kept next to the repository in
 * {@code shared/seed/chat-server.lua}, never copied into it), must hold the same session as our example.
 * It is fixed at 5 clients and 10 minutes, listens on "*" port 0, and sends its notices with a doubled line end.
 *
 * <p>Without the seed the tests are aborted with the reason, unless the seed is required ({@code CI=true} or
 * {@code -Dc4j.requireSeed=true}): then they fail.
 */
class SeedChatServerTest extends ChatServerContract {

    private static final Path SEED = Path.of("shared", "seed", "chat-server.lua");

    private static Optional<Path> seed;
    private static String missing;

    @BeforeAll
    static void locateSeed() {
        Path start = Path.of("").toAbsolutePath();
        seed = findAbove(start);
        if (seed.isEmpty()) {
            missing = "the seed driver " + SEED + " was not found in " + start + " or any directory above it"
                    + " (it belongs next to the repository: <repo>/../" + SEED + ")";
            System.err.println("SeedChatServerTest: " + missing);
        }
    }

    /** Per test, not in {@code @BeforeAll}: Surefire reports a class-level abort as zero tests, with no reason. */
    @BeforeEach
    void requireSeed() {
        if (seed.isPresent()) {
            return;
        }
        if ("true".equals(System.getenv("CI")) || Boolean.getBoolean("c4j.requireSeed")) {
            Assertions.fail(missing + "; it is required here (CI=true or -Dc4j.requireSeed=true)");
        }
        Assumptions.abort(missing + "; seed tests not run (set CI=true or -Dc4j.requireSeed=true to require it)");
    }

    /** The first {@code shared/seed/chat-server.lua} in {@code dir} or a directory above it. */
    private static Optional<Path> findAbove(Path dir) {
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            Path file = candidate.resolve(SEED);
            if (Files.isRegularFile(file)) {
                return Optional.of(file);
            }
        }
        return Optional.empty();
    }

    @Override
    TestDriver startServer(String engine) {
        return TestDriver.builder().engine(engine).virtualTime().source(seed.orElseThrow()).start();
    }

    @Override
    String listeningLine() {
        return "^Server listening on 0\\.0\\.0\\.0:(\\d+)\\. Will stop in 10 minutes!$";
    }

    @Override
    int maxClients() {
        return 5;
    }

    @Override
    Duration runTime() {
        return Duration.ofMinutes(10);
    }

    @Override
    boolean noticesFollowedByAnEmptyLine() {
        return true;
    }
}
