package dev.c4j.testkit;

import dev.c4j.runtime.Engines;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

import java.util.stream.Stream;

/** Every registered engine name, in registry order; the source of {@link AllEngines}. */
public final class AllEnginesProvider implements ArgumentsProvider {

    /** The oldest JUnit that {@link AllEngines} runs on: it brought {@link ParameterDeclarations}. */
    static final String NEEDED_JUNIT = "5.13";

    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
        return Engines.names().stream().map(Arguments::of);
    }

    /**
     * Only a JUnit older than 5.13 calls this (its one abstract method; newer ones call the method above): says
     * what to change, where the JVM would throw an AbstractMethodError.
     */
    @SuppressWarnings("deprecation")
    public Stream<? extends Arguments> provideArguments(ExtensionContext context) {
        throw new IllegalStateException(oldJUnitMessage(ParameterizedTest.class.getPackage().getImplementationVersion()));
    }

    static String oldJUnitMessage(String foundVersion) {
        return "@AllEngines needs JUnit " + NEEDED_JUNIT + " or later; this test runs on JUnit "
                + (foundVersion != null ? foundVersion : "(version unknown)") + " (junit-jupiter-params). Import"
                + " org.junit:junit-bom " + NEEDED_JUNIT + ".0 or later in <dependencyManagement>, or remove the older"
                + " junit-bom or JUnit dependency that overrides c4-testkit's (see c4j's docs/driver-project.md)";
    }
}
