package dev.c4j.testkit.docs;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every relative link of {@code docs/*.md} leads somewhere: a file of the repository, and a heading of a page. */
class DocsLinksTest {

    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6} (.+)$");

    @Test
    void everyRelativeLinkAndAnchorExists() throws IOException {
        Path docs = DocPage.repository().resolve("docs");
        List<String> broken = new ArrayList<>();
        for (DocPage page : DocPage.all()) {
            Path file = docs.resolve(page.name());
            for (String target : links(file)) {
                if (target.matches("^[a-z]+:.*")) {
                    continue; // http:, mailto:
                }
                String[] parts = target.split("#", 2);
                Path linked = parts[0].isEmpty() ? file : file.resolveSibling(parts[0]).normalize();
                if (!Files.exists(linked)) {
                    broken.add(page.name() + ": " + target + " (no such file)");
                } else if (parts.length == 2 && !anchors(linked).contains(parts[1])) {
                    broken.add(page.name() + ": " + target + " (no such heading)");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    private static List<String> links(Path page) throws IOException {
        List<String> links = new ArrayList<>();
        boolean inBlock = false;
        for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
            if (line.trim().startsWith("```")) {
                inBlock = !inBlock;
            } else if (!inBlock) {
                Matcher link = LINK.matcher(line);
                while (link.find()) {
                    links.add(link.group(1));
                }
            }
        }
        return links;
    }

    /** The anchors GitHub gives the headings of a page: lower case, punctuation dropped, blanks as '-', -1 for repeats. */
    static Set<String> anchors(Path page) throws IOException {
        Set<String> anchors = new HashSet<>();
        Map<String, Integer> seen = new HashMap<>();
        boolean inBlock = false;
        for (String line : Files.readAllLines(page, StandardCharsets.UTF_8)) {
            if (line.trim().startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            Matcher heading = HEADING.matcher(line);
            if (!inBlock && heading.matches()) {
                String slug = heading.group(1).trim().toLowerCase(Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
                int repeat = seen.merge(slug, 1, Integer::sum) - 1;
                anchors.add(repeat == 0 ? slug : slug + "-" + repeat);
            }
        }
        return anchors;
    }
}
