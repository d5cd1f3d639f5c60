package dev.c4j.testkit;

import dev.c4j.runtime.Engines;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AllEnginesProviderTest {

    @Test
    void givesEveryEngineByName() {
        assertThat(new AllEnginesProvider().provideArguments(null, null).map(Arguments::get).map(a -> a[0]))
                .containsExactlyElementsOf(Engines.names());
    }

    /** What a JUnit older than 5.13 calls: a message that says what to change, not an AbstractMethodError. */
    @Test
    void tellsAnOlderJUnitWhichVersionItNeeds() {
        assertThatThrownBy(() -> new AllEnginesProvider().provideArguments((ExtensionContext) null))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith("@AllEngines needs JUnit 5.13 or later; this test runs on JUnit 5.")
                .hasMessageContaining("org.junit:junit-bom 5.13.0 or later");
        assertThat(AllEnginesProvider.oldJUnitMessage("5.10.2")).contains("runs on JUnit 5.10.2 (junit-jupiter-params)");
    }
}
