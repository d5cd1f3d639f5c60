package dev.c4j.host.pkg;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds driver packages in a test's temporary folder. */
final class TestPackages {

    static final String DRIVER_LUA = "print('hello from driver.lua')\n";

    private TestPackages() {
    }

    /** A driver.xml named {@code name} whose script is {@code scriptElement}. */
    static String driverXml(String name, String scriptElement) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<devicedata>\n  <name>" + name + "</name>\n"
                + "  <version>7</version>\n  <config>\n    " + scriptElement + "\n  </config>\n</devicedata>\n";
    }

    static String driverXml(String name) {
        return driverXml(name, "<script file=\"driver.lua\" jit=\"1\"/>");
    }

    /** Writes each file of {@code files} (relative name to text) under {@code folder}; returns the folder. */
    static Path folder(Path folder, Map<String, String> files) throws IOException {
        Files.createDirectories(folder);
        for (Map.Entry<String, String> file : files.entrySet()) {
            Path path = folder.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        return folder;
    }

    /** A zip of {@code entries} in their order, names as given (a name ending in {@code /} is a folder). */
    static Path zip(Path zip, Map<String, String> entries) throws IOException {
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipOut = new ZipOutputStream(out)) {
            for (Map.Entry<String, String> entry : entries.entrySet()) {
                zipOut.putNextEntry(new ZipEntry(entry.getKey()));
                zipOut.write(entry.getValue().getBytes(UTF_8));
                zipOut.closeEntry();
            }
        }
        return zip;
    }
}
