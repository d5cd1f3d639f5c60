package dev.c4j.testkit.host;

import dev.c4j.testkit.TestDriver;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A driver package as a driver author lays it out, written for a test: a driver.xml (its {@code <script>} is
 * {@code driver.lua}) and Lua files, as a folder, a {@code .c4z} or a {@code .c4i} with the script inline.
 *
 * <pre>{@code
 * Path c4z = TestPackage.named("light").version("2")
 *         .config("<properties><property><name>Level</name><type>STRING</type></property></properties>")
 *         .lua("print(Properties.Level)")
 *         .c4z(dir);
 * }</pre>
 */
final class TestPackage {

    private final String name;
    private String version = "1";
    private String scriptAttributes = "";
    private final StringBuilder config = new StringBuilder();
    private final StringBuilder deviceData = new StringBuilder();
    private final Map<String, String> files = new LinkedHashMap<>();

    private TestPackage(String name) {
        this.name = name;
    }

    /** A package named {@code name} (its {@code <name>}, and the folder or file name), version 1, no script yet. */
    static TestPackage named(String name) {
        return new TestPackage(name);
    }

    TestPackage version(String text) {
        this.version = text;
        return this;
    }

    /** {@code <script jit="1">}: the driver asks for LuaJIT. */
    TestPackage jit() {
        scriptAttributes += " jit=\"1\"";
        return this;
    }

    /** {@code <script encryption="2">}: the packager encrypted the script (c4j runs it only if it is plain Lua). */
    TestPackage encrypted() {
        scriptAttributes += " encryption=\"2\"";
        return this;
    }

    /** Elements inside {@code <config>} after the script: {@code <properties>}, {@code <actions>}, ... */
    TestPackage config(String xml) {
        config.append(xml).append('\n');
        return this;
    }

    /** Elements right under {@code <devicedata>}: {@code <events>}, {@code <proxies>}, {@code <model>}, ... */
    TestPackage xml(String xml) {
        deviceData.append(xml).append('\n');
        return this;
    }

    /** The main script, {@code driver.lua}. */
    TestPackage lua(String source) {
        return file("driver.lua", source);
    }

    /** Any other file of the package, e.g. a module {@code lib/util.lua}. */
    TestPackage file(String relativeName, String content) {
        files.put(relativeName, content);
        return this;
    }

    /** The driver.xml text; {@code script} is the {@code <script>} element to put in it. */
    private String driverXml(String script) {
        return "<devicedata>\n<name>" + name + "</name>\n<version>" + version + "</version>\n"
                + "<model>Test Model</model>\n<manufacturer>c4j</manufacturer>\n" + deviceData
                + "<config>\n" + script + "\n" + config + "</config>\n</devicedata>\n";
    }

    private String driverXml() {
        return driverXml("<script file=\"driver.lua\"" + scriptAttributes + "/>");
    }

    /** The unpacked form: {@code parent/NAME/driver.xml} and the files. */
    Path folder(Path parent) {
        Path folder = parent.resolve(name);
        write(folder.resolve("driver.xml"), driverXml());
        files.forEach((file, content) -> write(folder.resolve(file), content));
        return folder;
    }

    /** The zip form: {@code parent/NAME.c4z}. */
    Path c4z(Path parent) {
        Path c4z = parent.resolve(name + ".c4z");
        try (OutputStream file = Files.newOutputStream(c4z); ZipOutputStream zip = new ZipOutputStream(file)) {
            zip.putNextEntry(new ZipEntry("driver.xml"));
            zip.write(driverXml().getBytes(StandardCharsets.UTF_8));
            for (Map.Entry<String, String> entry : files.entrySet()) {
                zip.putNextEntry(new ZipEntry(entry.getKey()));
                zip.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return c4z;
    }

    /** The single-file form: {@code parent/NAME.c4i}, driver.lua inline as CDATA; other files are not part of it. */
    Path c4i(Path parent) {
        String script = "<script" + scriptAttributes + "><![CDATA[" + files.getOrDefault("driver.lua", "")
                + "]]></script>";
        return write(parent.resolve(name + ".c4i"), driverXml(script));
    }

    /** {@code driver.lua} alone as a bare {@code parent/NAME.lua} (no driver.xml). */
    Path bareLua(Path parent) {
        return write(parent.resolve(name + ".lua"), files.getOrDefault("driver.lua", ""));
    }

    /** The folder form started on {@code engine}, on virtual time. */
    TestDriver start(String engine, Path parent) {
        return TestDriver.builder().engine(engine).virtualTime().driverPackage(folder(parent)).start();
    }

    static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
