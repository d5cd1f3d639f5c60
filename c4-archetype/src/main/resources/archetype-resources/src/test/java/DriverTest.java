package ${package};

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.c4j.testkit.DirectorAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The ${driverName} driver package on every engine (LuaJ, PUC Lua 5.1, LuaJIT), as Composer and Director drive
 * it, on virtual time.
 */
class DriverTest {

    static final Path DRIVER = Path.of("src/main/drivers/${driverName}");

    /** Runs the package: its chunk, OnDriverInit, OnDriverLateInit; timers wait for {@code advance}. */
    private static TestDriver start(String engine) {
        return TestDriver.builder().engine(engine).virtualTime().driverPackage(DRIVER).start();
    }

    private static String lastGreeting(TestDriver driver) {
        return driver.control().info().properties().get("Last Greeting");
    }

    @AllEngines
    void greetsWhomTheCommandNames(String engine) {
        try (TestDriver driver = start(engine)) {
            driver.command("GREET", Map.of("NAME", "Ada"));

            assertThat(driver).updatedProperty("Last Greeting", "Hello, Ada!");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void startsWithTheGreetingProperty(String engine) {
        try (TestDriver driver = start(engine)) {
            driver.setProperty("Greeting", "Hi");
            driver.command("GREET", Map.of("NAME", " "));

            assertThat(driver).updatedProperty("Last Greeting", "Hi, world!");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void clearsTheGreetingAfterClearAfterSeconds(String engine) {
        try (TestDriver driver = start(engine)) {
            driver.command("GREET", Map.of("NAME", "Ada"));

            driver.advance(Duration.ofSeconds(59)); // virtual time: the timer runs now, not in a minute
            assertThat(lastGreeting(driver)).isEqualTo("Hello, Ada!");
            driver.advance(Duration.ofSeconds(1));
            assertThat(lastGreeting(driver)).isEmpty();
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void refusesWhatComposerRefuses(String engine) {
        try (TestDriver driver = start(engine)) {
            assertThatThrownBy(() -> driver.setProperty("Clear After", "3601"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside");
            assertThatThrownBy(() -> driver.setProperty("Last Greeting", "Hi"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read-only");
            assertThat(driver).neverCalled("OnPropertyChanged");
        }
    }
}
