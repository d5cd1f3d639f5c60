package dev.c4j.cli;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/cli.md shows what {@code c4 --help} prints: the text block after {@code <!-- output: c4 --help -->}. */
class CliDocTest {

    @Test
    void theDocShowsTheUsageText() throws IOException {
        List<String> lines = Files.readAllLines(repository().resolve("docs/cli.md"), StandardCharsets.UTF_8);
        int marker = lines.indexOf("<!-- output: c4 --help -->");
        assertThat(marker).as("docs/cli.md has the line <!-- output: c4 --help -->").isNotNegative();
        assertThat(lines.get(marker + 1)).isEqualTo("```text");
        int end = lines.subList(marker + 2, lines.size()).indexOf("```") + marker + 2;
        String shown = String.join("\n", lines.subList(marker + 2, end)) + "\n";
        assertThat(shown).isEqualTo(Main.USAGE_TEXT);
    }

    /** The first folder from the working directory upward that holds pom.xml and docs/. */
    private static Path repository() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder with pom.xml and docs/ above " + Path.of("").toAbsolutePath());
    }
}
