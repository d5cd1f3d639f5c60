package dev.c4j.host.pkg;

import static dev.c4j.host.pkg.TestPackages.DRIVER_LUA;
import static dev.c4j.host.pkg.TestPackages.driverXml;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.c4j.api.host.DriverManifest;
import dev.c4j.api.host.DriverPackage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DriverPackagesTest {

    @TempDir
    Path dir;

    private static String text(byte[] bytes) {
        return new String(bytes, UTF_8);
    }

    private static String text(DriverPackage pkg, String name) throws IOException {
        return pkg.file(name).map(DriverPackagesTest::text).orElse(null);
    }

    /** The usual tree: driver.xml, driver.lua, a module in a subfolder and an asset. */
    private Map<String, String> tree(String name) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("driver.xml", driverXml(name));
        files.put("driver.lua", DRIVER_LUA);
        files.put("lib/util.lua", "return {}\n");
        files.put("www/icons/device.png", "PNG");
        return files;
    }

    // ---- bare .lua -------------------------------------------------------------------------------------------

    @Test
    void aBareLuaFile() throws Exception {
        Path lua = Files.writeString(dir.resolve("chat-server.lua"), "print('hi')\n");
        DriverPackage pkg = DriverPackages.open(lua);
        assertThat(pkg.name()).isEqualTo("chat-server");
        assertThat(pkg.fileName()).isEqualTo("chat-server.lua");
        assertThat(pkg.manifest()).isEqualTo(DriverManifest.bare("chat-server"));
        assertThat(text(pkg.script())).isEqualTo("print('hi')\n");
        assertThat(pkg.scriptChunkName()).isEqualTo("@" + lua);
        assertThat(pkg.hasFiles()).isFalse();
        assertThat(pkg.file("chat-server.lua")).isEmpty();
    }

    @Test
    void aBareLuaFileKeepsItsPathAsGivenInTheChunkName() throws Exception {
        Path lua = Files.writeString(dir.resolve("d.lua"), "x = 1\n");
        Path relative = Path.of("").toAbsolutePath().relativize(lua);
        assertThat(DriverPackages.open(relative).scriptChunkName()).isEqualTo("@" + relative);
    }

    // ---- folder ----------------------------------------------------------------------------------------------

    @Test
    void aFolderWithDriverXml() throws Exception {
        Path folder = TestPackages.folder(dir.resolve("esphome"), tree("ESPHome"));
        DriverPackage pkg = DriverPackages.open(folder);
        assertThat(pkg.name()).isEqualTo("esphome");
        assertThat(pkg.fileName()).isEqualTo("esphome.c4z"); // the .c4z it stands for
        assertThat(pkg.manifest().name()).isEqualTo("ESPHome");
        assertThat(pkg.manifest().jit()).isEqualTo("1");
        assertThat(text(pkg.script())).isEqualTo(DRIVER_LUA);
        assertThat(pkg.scriptChunkName()).isEqualTo("@driver.lua");
        assertThat(pkg.hasFiles()).isTrue();
        assertThat(text(pkg, "lib/util.lua")).isEqualTo("return {}\n");
        assertThat(text(pkg, "./lib//util.lua")).isEqualTo("return {}\n");
        assertThat(text(pkg, "www/icons/device.png")).isEqualTo("PNG");
        assertThat(text(pkg, "driver.xml")).contains("<name>ESPHome</name>");
        assertThat(pkg.file("lib")).isEmpty();
        assertThat(pkg.file("lib/missing.lua")).isEmpty();
    }

    @Test
    void aFolderNamedLikeItsC4z() throws Exception {
        DriverPackage pkg = DriverPackages.open(TestPackages.folder(dir.resolve("esphome.c4z"), tree("E")));
        assertThat(pkg.name()).isEqualTo("esphome");
        assertThat(pkg.fileName()).isEqualTo("esphome.c4z");
    }

    @Test
    void theScriptMayLiveInASubfolder() throws Exception {
        Path folder = TestPackages.folder(dir.resolve("pkg"), Map.of(
                "driver.xml", driverXml("Sub", "<script file=\"./src/main.lua\"/>"),
                "src/main.lua", "main()\n"));
        DriverPackage pkg = DriverPackages.open(folder);
        assertThat(text(pkg.script())).isEqualTo("main()\n");
        assertThat(pkg.scriptChunkName()).isEqualTo("@src/main.lua");
    }

    @Test
    void aFolderWithOnlyDriverLuaIsABareDriverWithFiles() throws Exception {
        Path folder = TestPackages.folder(dir.resolve("dev-driver"), Map.of(
                "driver.lua", DRIVER_LUA, "helper.lua", "return 1\n"));
        DriverPackage pkg = DriverPackages.open(folder);
        assertThat(pkg.manifest()).isEqualTo(DriverManifest.bare("dev-driver"));
        assertThat(pkg.fileName()).isEqualTo("dev-driver.c4z");
        assertThat(pkg.scriptChunkName()).isEqualTo("@driver.lua");
        assertThat(pkg.hasFiles()).isTrue();
        assertThat(text(pkg, "helper.lua")).isEqualTo("return 1\n");
    }

    @Test
    void aFolderWithNeither() throws Exception {
        Path folder = TestPackages.folder(dir.resolve("empty"), Map.of("main.lua", "x()"));
        assertThatThrownBy(() -> DriverPackages.open(folder))
                .isInstanceOf(PackageException.class)
                .hasMessage(folder + "/: neither driver.xml nor driver.lua");
    }

    @Test
    void aSymlinkLeavingTheFolderIsNotPartOfThePackage() throws Exception {
        Files.writeString(dir.resolve("secret.lua"), "SECRET");
        Path folder = TestPackages.folder(dir.resolve("pkg"), tree("Links"));
        symlink(folder.resolve("evil.lua"), Path.of("../secret.lua"));
        symlink(folder.resolve("lib/evil-dir"), dir);
        symlink(folder.resolve("alias.lua"), Path.of("lib/util.lua")); // stays inside: allowed
        DriverPackage pkg = DriverPackages.open(folder);
        assertThat(pkg.file("evil.lua")).isEmpty();
        assertThat(pkg.file("lib/evil-dir/secret.lua")).isEmpty();
        assertThat(text(pkg, "alias.lua")).isEqualTo("return {}\n");
    }

    @Test
    void aScriptSymlinkedFromOutsideIsMissing() throws Exception {
        Files.writeString(dir.resolve("outside.lua"), "SECRET");
        Path folder = TestPackages.folder(dir.resolve("pkg"), Map.of("driver.xml", driverXml("X")));
        symlink(folder.resolve("driver.lua"), dir.resolve("outside.lua"));
        assertThatThrownBy(() -> DriverPackages.open(folder)).hasMessage("driver.xml (in " + folder
                + "/): <script> names file \"driver.lua\", which the package does not have");
    }

    private static void symlink(Path link, Path target) throws IOException {
        try {
            Files.createSymbolicLink(link, target);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "this file system cannot make symbolic links: " + e);
        }
    }

    // ---- .c4z ------------------------------------------------------------------------------------------------

    @Test
    void aC4zReadInPlace() throws Exception {
        Map<String, String> entries = new LinkedHashMap<>();
        entries.put("lib/", "");
        entries.putAll(tree("Zipped"));
        Path c4z = TestPackages.zip(dir.resolve("esphome.c4z"), entries);
        DriverPackage pkg = DriverPackages.open(c4z);
        assertThat(pkg.name()).isEqualTo("esphome");
        assertThat(pkg.fileName()).isEqualTo("esphome.c4z");
        assertThat(pkg.manifest().name()).isEqualTo("Zipped");
        assertThat(pkg.manifest().version()).isEqualTo("7");
        assertThat(text(pkg.script())).isEqualTo(DRIVER_LUA);
        assertThat(pkg.scriptChunkName()).isEqualTo("@driver.lua");
        assertThat(pkg.hasFiles()).isTrue();
        assertThat(text(pkg, "lib/util.lua")).isEqualTo("return {}\n");
        assertThat(text(pkg, "./lib/util.lua")).isEqualTo("return {}\n");
        assertThat(pkg.file("lib")).isEmpty(); // a folder entry is no file
        assertThat(pkg.file("lib/")).isEmpty();
        assertThat(pkg.file("Lib/Util.lua")).isEmpty(); // names are case-sensitive
        assertThat(pkg.file("missing.lua")).isEmpty();
    }

    @Test
    void aC4zNeedsDriverXmlAtItsRoot() throws Exception {
        Path c4z = TestPackages.zip(dir.resolve("x.c4z"), Map.of(
                "x/driver.xml", driverXml("Nested"), "x/driver.lua", DRIVER_LUA));
        assertThatThrownBy(() -> DriverPackages.open(c4z)).hasMessage(c4z + ": no driver.xml at the root");
        Path upper = TestPackages.zip(dir.resolve("y.c4z"), Map.of("Driver.xml", driverXml("Upper")));
        assertThatThrownBy(() -> DriverPackages.open(upper)).hasMessage(upper + ": no driver.xml at the root");
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.lua", "lib/../../evil.lua", "/etc/evil.lua", "..\\evil.lua", "C:/evil.lua",
        "\\evil.lua"})
    void entriesLeavingThePackageAreRefused(String entry) throws Exception {
        Map<String, String> entries = new LinkedHashMap<>(tree("Slip"));
        entries.put(entry, "os.execute('evil')");
        Path c4z = TestPackages.zip(dir.resolve("slip.c4z"), entries);
        assertThatThrownBy(() -> DriverPackages.open(c4z))
                .isInstanceOf(PackageException.class)
                .hasMessage(c4z + ": entry \"" + entry + "\" leaves the package");
    }

    @Test
    void aFileThatIsNoZip() throws Exception {
        Path bad = Files.writeString(dir.resolve("bad.c4z"), "<devicedata/>");
        assertThatThrownBy(() -> DriverPackages.open(bad)).hasMessage(bad + ": not a zip file");
        Path empty = Files.write(dir.resolve("empty.c4z"), new byte[0]);
        assertThatThrownBy(() -> DriverPackages.open(empty)).hasMessage(empty + ": not a zip file");
    }

    @Test
    void malformedDriverXmlInAC4z() throws Exception {
        Path c4z = TestPackages.zip(dir.resolve("x.c4z"), Map.of(
                "driver.xml", "<devicedata>\n  <config>\n    <name>x</nam>\n", "driver.lua", DRIVER_LUA));
        assertThatThrownBy(() -> DriverPackages.open(c4z)).hasMessage("driver.xml (in " + c4z + "): line 3: The"
                + " element type \"name\" must be terminated by the matching end-tag \"</name>\"");
    }

    @Test
    void aMissingScriptFile() throws Exception {
        Path c4z = TestPackages.zip(dir.resolve("x.c4z"), Map.of("driver.xml", driverXml("No script")));
        assertThatThrownBy(() -> DriverPackages.open(c4z)).hasMessage("driver.xml (in " + c4z
                + "): <script> names file \"driver.lua\", which the package does not have");
    }

    @Test
    void aScriptFileOutsideThePackageIsNeverRead() throws Exception {
        Files.writeString(dir.resolve("outside.lua"), "SECRET");
        Path folder = TestPackages.folder(dir.resolve("pkg"), Map.of(
                "driver.xml", driverXml("Climb", "<script file=\"../outside.lua\"/>")));
        assertThatThrownBy(() -> DriverPackages.open(folder)).hasMessage("driver.xml (in " + folder
                + "/): <script> names file \"../outside.lua\", which the package does not have");
    }

    @Test
    void aScriptWithBothFileAndTextRunsTheFile() throws Exception {
        Path c4z = TestPackages.zip(dir.resolve("both.c4z"), Map.of(
                "driver.xml", driverXml("Both", "<script file=\"driver.lua\"><![CDATA[print('inline')]]></script>"),
                "driver.lua", DRIVER_LUA));
        assertThat(text(DriverPackages.open(c4z).script())).isEqualTo(DRIVER_LUA);
    }

    @Test
    void anEncryptedPlainSourceStillLoads() throws Exception { // B53: whether it compiles is the engine's question
        Path c4z = TestPackages.zip(dir.resolve("enc.c4z"), Map.of(
                "driver.xml", driverXml("Enc", "<script file=\"driver.lua\" encryption=\"2\"/>"),
                "driver.lua", DRIVER_LUA));
        DriverPackage pkg = DriverPackages.open(c4z);
        assertThat(pkg.manifest().encrypted()).isTrue();
        assertThat(pkg.manifest().jit()).isEmpty();
        assertThat(text(pkg.script())).isEqualTo(DRIVER_LUA);
    }

    // ---- lookups never leave the package ---------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {"../secret.lua", "lib/../../secret.lua", "lib/../driver.lua", "/etc/passwd", "",
        ".", "lib\\util.lua", "C:/secret.lua"})
    void lookupsThatLeaveOrNameNothingAreNeverResolved(String name) throws Exception {
        Files.writeString(dir.resolve("secret.lua"), "SECRET");
        DriverPackage folder = DriverPackages.open(TestPackages.folder(dir.resolve("pkg"), tree("F")));
        DriverPackage c4z = DriverPackages.open(TestPackages.zip(dir.resolve("pkg.c4z"), tree("Z")));
        assertThat(folder.file(name)).isEmpty();
        assertThat(c4z.file(name)).isEmpty();
        assertThat(folder.file(dir.resolve("secret.lua").toString())).isEmpty(); // absolute
    }

    // ---- single documents ------------------------------------------------------------------------------------

    private static final String C4I = """
            <devicedata>
              <name>Web2Way</name>
              <config>
                <script><![CDATA[
            function OnDriverInit() print("<init>") end
            ]]></script>
              </config>
            </devicedata>
            """;

    @Test
    void aC4iWithItsScriptInline() throws Exception {
        Path c4i = Files.writeString(dir.resolve("web2way.c4i"), C4I);
        DriverPackage pkg = DriverPackages.open(c4i);
        assertThat(pkg.name()).isEqualTo("web2way");
        assertThat(pkg.fileName()).isEqualTo("web2way.c4i");
        assertThat(pkg.manifest().name()).isEqualTo("Web2Way");
        assertThat(text(pkg.script())).isEqualTo("\nfunction OnDriverInit() print(\"<init>\") end\n");
        assertThat(pkg.scriptChunkName()).isEqualTo("@web2way.c4i");
        assertThat(pkg.hasFiles()).isFalse();
        assertThat(pkg.file("driver.xml")).isEmpty();
    }

    @Test
    void aDevicedataDocumentUnderAnotherName() throws Exception { // http-event ships one named .lua
        Path lua = Files.writeString(dir.resolve("http-event.lua"), "\uFEFF\n  " + C4I);
        DriverPackage pkg = DriverPackages.open(lua);
        assertThat(pkg.manifest().name()).isEqualTo("Web2Way");
        assertThat(pkg.name()).isEqualTo("http-event");
        assertThat(pkg.scriptChunkName()).isEqualTo("@http-event.lua");
        assertThat(DriverPackages.open(Files.writeString(dir.resolve("driver.txt"), C4I)).manifest().name())
                .isEqualTo("Web2Way");
    }

    @Test
    void aC4iCannotNameAScriptFile() throws Exception {
        Path c4i = Files.writeString(dir.resolve("x.c4i"), driverXml("File"));
        assertThatThrownBy(() -> DriverPackages.open(c4i))
                .hasMessage(c4i + ": <script> names file \"driver.lua\", which the package does not have");
    }

    @Test
    void aC4iThatIsNoXml() throws Exception {
        Path c4i = Files.writeString(dir.resolve("x.c4i"), "print('not xml')");
        assertThatThrownBy(() -> DriverPackages.open(c4i))
                .hasMessage(c4i + ": line 1: Content is not allowed in prolog");
    }

    // ---- neither ---------------------------------------------------------------------------------------------

    @Test
    void aMissingPath() {
        Path missing = dir.resolve("nothing.c4z");
        assertThatThrownBy(() -> DriverPackages.open(missing))
                .isInstanceOf(PackageException.class)
                .hasMessage(missing + ": no such file or folder");
    }

    @Test
    void aFileOfNoKnownForm() throws Exception {
        Path other = Files.writeString(dir.resolve("notes.txt"), "just text");
        assertThatThrownBy(() -> DriverPackages.open(other)).hasMessage(other
                + ": not a driver package (a .c4z, a folder with driver.xml, a .c4i or a .lua file)");
    }

    @Test
    void theScriptCannotBeChangedFromOutside() throws Exception {
        DriverPackage pkg = DriverPackages.open(Files.writeString(dir.resolve("d.lua"), "x = 1"));
        pkg.script()[0] = 'y';
        assertThat(text(pkg.script())).isEqualTo("x = 1");
    }
}
