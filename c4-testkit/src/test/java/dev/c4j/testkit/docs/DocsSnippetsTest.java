package dev.c4j.testkit.docs;

import dev.c4j.runtime.Engines;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

/**
 * Keeps the Lua examples of {@code docs/*.md} true: every {@code ```lua} block is a complete driver, run on every
 * engine (a virtual clock, network to 127.0.0.1 only). It must compile and report no Lua error, also while it stops,
 * and no warning.
 *
 * <ul>
 *   <li>What it prints: a line {@code -- prints: TEXT} in the block states one printed line, in order; or a
 *       {@code ```text} block right after it (blank lines between at most) states them all. Either way the printed
 *       lines must be exactly these (a tab between {@code print}'s values counts as a space), waiting up to 15 s
 *       for them; what it prints while stopping is not compared. A block that states nothing may print anything.</li>
 *   <li>Options after {@code lua}: {@code advance=MS} moves virtual time forward MS milliseconds after the start,
 *       in 10 ms steps, so that timers run (right after the start: an example must not depend on the order of
 *       its timers and its network traffic); {@code warns} allows warnings; {@code fragment} marks a piece of a
 *       driver that is shown but not run.</li>
 * </ul>
 */
class DocsSnippetsTest {

    private static final List<DocPage> PAGES = DocPage.all();

    @TestFactory
    Stream<DynamicContainer> everyLuaBlockRunsOnEveryEngine() {
        return PAGES.stream().filter(page -> !snippets(page).isEmpty()).map(page -> dynamicContainer(page.name(),
                snippets(page).stream().map(snippet -> dynamicContainer("line " + snippet.where().split(":")[1],
                        Engines.names().stream().map(engine -> dynamicTest(engine, () -> snippet.run(engine)))))));
    }

    @Test
    void fewLuaBlocksAreFragments() {
        List<DocPage.Block> lua = PAGES.stream().flatMap(page -> page.blocks().stream())
                .filter(block -> block.language().equals("lua")).toList();
        long fragments = lua.stream().filter(block -> block.options().contains("fragment")).count();
        assertThat(lua).isNotEmpty();
        assertThat(fragments).as("'lua fragment' blocks, shown but not run").isLessThanOrEqualTo(lua.size() / 10);
    }

    /** The runnable Lua blocks of a page. */
    static List<LuaSnippet> snippets(DocPage page) {
        List<LuaSnippet> snippets = new ArrayList<>();
        List<DocPage.Block> blocks = page.blocks();
        for (int i = 0; i < blocks.size(); i++) {
            DocPage.Block block = blocks.get(i);
            if (block.language().equals("lua") && !block.options().contains("fragment")) {
                snippets.add(LuaSnippet.of(page, block, i + 1 < blocks.size() ? blocks.get(i + 1) : null));
            }
        }
        return snippets;
    }
}
