package dev.c4j.testkit;

import dev.c4j.runtime.Engines;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.ArgumentsProvider;
import org.junit.jupiter.params.support.ParameterDeclarations;

import java.util.stream.Stream;

/** Every registered engine name, in registry order; the source of {@link AllEngines}. */
public final class AllEnginesProvider implements ArgumentsProvider {

    @Override
    public Stream<? extends Arguments> provideArguments(ParameterDeclarations parameters, ExtensionContext context) {
        return Engines.names().stream().map(Arguments::of);
    }
}
