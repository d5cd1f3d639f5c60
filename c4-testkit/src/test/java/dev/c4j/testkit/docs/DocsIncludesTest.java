package dev.c4j.testkit.docs;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Keeps the Java of {@code docs/*.md} compiling: every {@code ```java} block is a copy of a file of the repository
 * (which the build compiles and runs) or of a region of one, named in an HTML comment above it:
 * {@code <!-- include: examples/src/test/java/.../X.java -->} for the whole file,
 * {@code <!-- include: PATH#NAME -->} for the lines between {@code // docs:begin NAME} and {@code // docs:end NAME},
 * without their common indentation. A block marked {@code ```java fragment} is exempt.
 */
class DocsIncludesTest {

    private static final Pattern INCLUDE = Pattern.compile("include: ([^#\\s]+)(?:#(\\S+))?");

    @TestFactory
    Stream<DynamicTest> everyJavaBlockIsCopiedFromTheRepository() {
        return DocPage.all().stream().flatMap(page -> page.blocks().stream()
                .filter(block -> block.language().equals("java") && !block.options().contains("fragment"))
                .map(block -> dynamicTest(page.name() + ":" + block.line(), () -> {
                    Matcher include = block.comment() == null ? null : INCLUDE.matcher(block.comment());
                    assertThat(include != null && include.matches())
                            .as("%s:%d: a java block needs <!-- include: PATH[#REGION] --> above it (or 'java fragment')",
                                    page.name(), block.line())
                            .isTrue();
                    assertThat(block.content()).as("%s:%d, copied from %s", page.name(), block.line(), block.comment())
                            .isEqualTo(source(include.group(1), include.group(2)));
                })));
    }

    /** The file's text, or its region {@code name}. */
    static String source(String path, String region) throws IOException {
        List<String> lines = Files.readAllLines(DocPage.repository().resolve(Path.of(path)), StandardCharsets.UTF_8);
        if (region == null) {
            return String.join("\n", lines) + "\n";
        }
        int begin = lineOf(lines, "// docs:begin " + region, path);
        int end = lineOf(lines, "// docs:end " + region, path);
        List<String> body = lines.subList(begin + 1, end);
        int indent = body.stream().filter(l -> !l.isBlank()).mapToInt(l -> l.length() - l.stripLeading().length())
                .min().orElse(0);
        List<String> out = new ArrayList<>();
        body.forEach(l -> out.add(l.isBlank() ? "" : l.substring(indent)));
        return String.join("\n", out) + "\n";
    }

    private static int lineOf(List<String> lines, String marker, String path) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals(marker)) {
                return i;
            }
        }
        throw new AssertionError(path + " has no line '" + marker + "'");
    }
}
