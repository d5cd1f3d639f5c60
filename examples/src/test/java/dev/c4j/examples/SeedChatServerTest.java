package dev.c4j.examples;

import dev.c4j.testkit.TestDriver;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The vendor's chat server example, exactly as the user gave it (the seed, kept next to the repository in
 * {@code shared/seed/chat-server.lua}, never copied into it), must hold the same session as our example.
 * It is fixed at 5 clients and 10 minutes, listens on "*" port 0, and sends its notices with a doubled line end.
 *
 * <p>The seed's path comes from {@code -Dc4j.seed=PATH} or the environment variable {@code C4J_SEED} ({@code .ci/run}
 * sets it when {@code ../shared/seed/chat-server.lua} exists). Without either the tests are skipped, each with the
 * reason; a path given that holds no file fails them.
 */
class SeedChatServerTest extends ChatServerContract {

    private static Path seed;

    @BeforeAll
    static void locateSeed() {
        String given = System.getProperty("c4j.seed", System.getenv("C4J_SEED"));
        seed = given == null || given.isBlank() ? null : Path.of(given);
    }

    /** Per test, not in {@code @BeforeAll}: Surefire reports a class-level abort as zero tests, with no reason. */
    @BeforeEach
    void requireSeed() {
        Assumptions.assumeTrue(seed != null, "no seed given: set -Dc4j.seed=PATH or C4J_SEED to"
                + " shared/seed/chat-server.lua to run the seed's tests (.ci/run does when it is there)");
        Assertions.assertTrue(Files.isRegularFile(seed), "the seed given (" + seed + ") is not a file");
    }

    @Override
    TestDriver startServer(String engine) {
        return TestDriver.builder().engine(engine).virtualTime().source(seed).start();
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
