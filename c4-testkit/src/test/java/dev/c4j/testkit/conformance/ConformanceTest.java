package dev.c4j.testkit.conformance;

import dev.c4j.runtime.Engines;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.util.stream.Stream;

/** Every conformance script on every engine. */
class ConformanceTest {

    @TestFactory
    Stream<DynamicContainer> everyScriptOnEveryEngine() {
        return Engines.names().stream().map(engine -> DynamicContainer.dynamicContainer(engine,
                ConformanceSuite.scripts().stream().map(script ->
                        DynamicTest.dynamicTest(script, () -> ConformanceSuite.run(engine, script)))));
    }
}
