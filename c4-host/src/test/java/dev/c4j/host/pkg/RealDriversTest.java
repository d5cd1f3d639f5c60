package dev.c4j.host.pkg;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.c4j.api.host.DriverPackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Opens the public drivers kept next to the repository ({@code ../shared/realdrivers/NAME/src}, or
 * {@code $c4j.shared/realdrivers} when the system property {@code c4j.shared} is set) as their authors ship them.
 * Skipped, with the reason shown, where they are absent; they are never copied into the repository.
 */
class RealDriversTest {

    /**
     * Drivers whose driver.xml the controller could not load either: nut's is a {@code <c4soap>} document of its
     * own making, with no {@code <devicedata>} and no {@code <config><script>}.
     */
    private static final Map<String, String> NOT_LOADABLE = Map.of(
            "nut", "the root element is <c4soap>, not <devicedata>");

    @TestFactory
    Stream<DynamicTest> everyRealDriverPackageOpens() throws IOException {
        Path realDrivers = realDrivers();
        if (!Files.isDirectory(realDrivers)) {
            // a skipped test with its reason: an aborted factory would vanish from the build's counts
            return Stream.of(dynamicTest("real drivers", () -> abort("the real drivers are not at " + realDrivers
                    + " (-Dc4j.shared=FOLDER names the folder that holds realdrivers/)")));
        }
        List<Path> drivers;
        try (Stream<Path> children = Files.list(realDrivers)) {
            drivers = children.filter(d -> Files.isDirectory(d.resolve("src"))).sorted().toList();
        }
        assertThat(drivers).isNotEmpty();
        return drivers.stream().map(driver -> dynamicTest(driver.getFileName().toString(), () -> check(driver)));
    }

    private static void check(Path driver) throws IOException {
        Path root = packageRoot(driver.resolve("src"));
        String notLoadable = NOT_LOADABLE.get(driver.getFileName().toString());
        if (notLoadable != null) {
            assertThatThrownBy(() -> DriverPackages.open(root))
                    .isInstanceOf(PackageException.class)
                    .hasMessage("driver.xml (in " + root + "/): " + notLoadable);
            return;
        }
        DriverPackage pkg = DriverPackages.open(root);
        assertThat(pkg.manifest().name()).isNotBlank();
        assertThat(pkg.manifest().declared()).isTrue();
        assertThat(pkg.script()).isNotEmpty();
        assertThat(pkg.scriptChunkName()).startsWith("@");
        assertThat(pkg.file(pkg.scriptChunkName().substring(1))).hasValueSatisfying(
                bytes -> assertThat(bytes).isEqualTo(pkg.script()));
        assertThat(pkg.manifest().configInfo()).containsEntry("name", pkg.manifest().name());
        assertThat(pkg.manifest().properties()).allSatisfy(p -> assertThat(p.defaultValue()).isNotNull());
    }

    /** Where driver.xml is: {@code src} itself, or a folder below it (mqtt-broker keeps drivers/mqtt_broker). */
    private static Path packageRoot(Path src) throws IOException {
        try (Stream<Path> files = Files.walk(src, 3)) {
            List<Path> roots = files.filter(f -> f.getFileName().toString().equals("driver.xml"))
                    .map(Path::getParent).toList();
            assertThat(roots).as("folders holding driver.xml under %s", src).hasSize(1);
            return roots.get(0);
        }
    }

    /** {@code shared/} sits next to the repository, whose root is the nearest folder holding {@code c4-api}. */
    private static Path realDrivers() {
        String shared = System.getProperty("c4j.shared");
        if (shared != null) {
            return Path.of(shared, "realdrivers");
        }
        Path start = Path.of(System.getProperty("user.dir")).toAbsolutePath();
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (Files.isDirectory(folder.resolve("c4-api")) && folder.getParent() != null) {
                return folder.getParent().resolve("shared").resolve("realdrivers");
            }
        }
        return start.resolve("../shared/realdrivers").normalize();
    }
}
