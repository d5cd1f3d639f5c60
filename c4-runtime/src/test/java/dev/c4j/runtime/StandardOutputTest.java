package dev.c4j.runtime;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class StandardOutputTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final StandardOutput output = new StandardOutput(out, new PrintStream(err, true, StandardCharsets.UTF_8));

    @Test
    void printWritesExactlyTheBytesAndOneLineEnd() {
        byte[] binary = {'c', 'a', 'f', (byte) 0xE9, 0, (byte) 0xFF, '\r'};
        output.print("d", binary);
        output.print("d", new byte[0]);

        byte[] expected = {'c', 'a', 'f', (byte) 0xE9, 0, (byte) 0xFF, '\r', '\n', '\n'};
        assertThat(out.toByteArray()).isEqualTo(expected);
        assertThat(err.size()).isZero();
    }

    @Test
    void messagesGoToStandardErrorWithEveryLinePrefixed() {
        output.message("chat", "chat.lua:3: boom\nstack traceback:\n\t[C]: in ?\n");

        assertThat(err.toString(StandardCharsets.UTF_8))
                .isEqualTo("[chat] chat.lua:3: boom\n[chat] stack traceback:\n[chat] \t[C]: in ?\n");
        assertThat(out.size()).isZero();
    }

    @Test
    void linesFromConcurrentDriversNeverInterleave() throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            byte[] line = ("driver" + t + "-" + "x".repeat(200)).getBytes(StandardCharsets.US_ASCII);
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 500; i++) {
                    output.print("d", line);
                }
            });
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join(10_000);
        }

        String[] lines = out.toString(StandardCharsets.US_ASCII).split("\n");
        assertThat(lines).hasSize(2000);
        Set<String> distinct = new HashSet<>(List.of(lines));
        assertThat(distinct).hasSize(4).allMatch(l -> l.matches("driver[0-3]-x{200}"));
    }
}
