package dev.c4j.examples;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.MockDevice;
import dev.c4j.testkit.TestDriver;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static dev.c4j.examples.Drivers.eventually;
import static dev.c4j.testkit.DirectorAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** The Lumen package zipped into a .c4z, as it ships to a controller, runs as the folder does. */
class LumenC4zTest {

    @TempDir
    Path dir;

    @AllEngines
    void runsZippedAsAC4z(String engine) throws IOException {
        Path c4z = zip(LumenTest.LUMEN, dir.resolve("lumen.c4z"));
        try (MockDevice device = FakeLumenProjector.start();
             TestDriver driver = TestDriver.builder().engine(engine).virtualTime().driverPackage(c4z)
                     .property("Device Port", String.valueOf(device.port())).start()) {
            assertThat(driver.control().info().manifest().name()).isEqualTo("Lumen Projector");
            assertThat(device.takeRequest().text()).isEqualTo("STATUS?");
            eventually(() -> assertThat(driver).setVariable("INPUT", "HDMI1"));

            driver.action("Power On");
            assertThat(device.takeRequest().text()).isEqualTo("POWER ON");
            eventually(() -> assertThat(driver).setVariable("POWER_STATE", "1").firedEvent("Powered On"));
            driver.assertNoErrors();
        }
    }

    /** Zips the files under {@code folder}, named relative to it, into {@code zip}. */
    private static Path zip(Path folder, Path zip) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipOut = new ZipOutputStream(out)) {
            for (Path file : files) {
                zipOut.putNextEntry(new ZipEntry(folder.relativize(file).toString().replace('\\', '/')));
                zipOut.write(Files.readAllBytes(file));
                zipOut.closeEntry();
            }
        }
        return zip;
    }
}
