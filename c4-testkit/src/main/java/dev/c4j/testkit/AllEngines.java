package dev.c4j.testkit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ArgumentsSource;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a test once per engine in {@link dev.c4j.runtime.Engines#names()}, passing the engine name:
 *
 * <pre>{@code
 * @AllEngines
 * void echoes(String engine) {
 *     try (TestDriver driver = TestDriver.builder().engine(engine).resource("echo.lua").start()) { ... }
 * }
 * }</pre>
 *
 * An engine that cannot run on this platform is not skipped: its test fails with the engine's message.
 */
@Target({ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ParameterizedTest(name = "{0}")
@ArgumentsSource(AllEnginesProvider.class)
public @interface AllEngines {
}
