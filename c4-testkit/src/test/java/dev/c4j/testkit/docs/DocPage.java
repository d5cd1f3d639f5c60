package dev.c4j.testkit.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One page of {@code docs/}, read as its fenced code blocks (three backticks; the info string after them is the
 * language and, after a space, options such as {@code fragment}).
 */
record DocPage(String name, List<DocPage.Block> blocks) {

    /**
     * A fenced block.
     *
     * @param line          the line of its opening fence (1-based)
     * @param language      the first word of the info string ({@code lua}, {@code java}, {@code text}), or ""
     * @param options       the other words of the info string
     * @param lines         its content, without the fences' indentation
     * @param comment       the text of an HTML comment ({@code <!-- ... -->}) on the last non-blank line above the
     *                      fence, or null
     * @param afterPrevious whether only blank lines separate it from the block before
     */
    record Block(int line, String language, List<String> options, List<String> lines, String comment,
                 boolean afterPrevious) {

        String content() {
            return lines.isEmpty() ? "" : String.join("\n", lines) + "\n";
        }
    }

    private static final Pattern FENCE = Pattern.compile("^( *)```(.*)$");
    private static final Pattern COMMENT = Pattern.compile("^\\s*<!--\\s*(.*?)\\s*-->\\s*$");

    /** The repository: the first folder from the working directory upward that holds pom.xml and docs/. */
    static Path repository() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("docs"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no folder with pom.xml and docs/ above " + Path.of("").toAbsolutePath());
    }

    /** Every {@code docs/*.md}, by name. */
    static List<DocPage> all() {
        try (Stream<Path> files = Files.list(repository().resolve("docs"))) {
            return files.filter(file -> file.getFileName().toString().endsWith(".md")).sorted()
                    .map(DocPage::read).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DocPage read(Path file) {
        try {
            return parse(file.getFileName().toString(), Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static DocPage parse(String name, List<String> text) {
        List<Block> blocks = new ArrayList<>();
        String comment = null;
        boolean afterBlock = false; // only blank lines since the last closing fence
        for (int i = 0; i < text.size(); i++) {
            String line = text.get(i);
            Matcher fence = FENCE.matcher(line);
            if (fence.matches()) {
                int indent = fence.group(1).length();
                String[] info = fence.group(2).trim().split("\\s+");
                int open = i;
                List<String> lines = new ArrayList<>();
                while (++i < text.size() && !text.get(i).trim().equals("```")) {
                    String content = text.get(i);
                    int strip = 0;
                    while (strip < indent && strip < content.length() && content.charAt(strip) == ' ') {
                        strip++;
                    }
                    lines.add(content.substring(strip));
                }
                if (i == text.size()) {
                    throw new IllegalStateException(name + ":" + (open + 1) + ": the block is never closed");
                }
                blocks.add(new Block(open + 1, info[0], List.of(info).subList(1, info.length), List.copyOf(lines),
                        comment, afterBlock));
                comment = null;
                afterBlock = true;
            } else if (!line.isBlank()) {
                Matcher html = COMMENT.matcher(line);
                comment = html.matches() ? html.group(1) : null;
                afterBlock = false;
            }
        }
        return new DocPage(name, List.copyOf(blocks));
    }
}
