package dev.c4j.testkit.host;

import dev.c4j.api.host.EntryResult;
import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The driver package forms (host spec §1.1), the engine a package asks for (§1.4), and broken packages. */
class HostPackagesTest {

    /** Says which file it runs from and fails on a known line (5), so that tracebacks name the script. */
    private static final String LUA = """
            function OnDriverLateInit(dit)
              print('running ' .. C4:GetDriverFileName() .. ' greeting=' .. tostring(Properties.Greeting))
            end
            function ExecuteCommand(cmd, params)
              error('boom')
            end
            """;

    private static final String GREETING = """
            <properties><property><name>Greeting</name><type>STRING</type><default>hi</default></property></properties>
            """;

    @TempDir
    Path dir;

    private TestPackage greeter() {
        return TestPackage.named("greeter").config(GREETING).lua(LUA);
    }

    private static TestDriver start(String engine, Path driverPackage) {
        return TestDriver.builder().engine(engine).virtualTime().driverPackage(driverPackage).start();
    }

    /** The driver ran, with its driver.xml defaults, and an error in it names {@code chunk} at line 5. */
    private static void assertRuns(TestDriver driver, String fileName, String greeting, String chunk) {
        assertThat(driver.outputLines()).containsExactly("running " + fileName + " greeting=" + greeting);
        EntryResult failed = driver.command("Fail");
        assertThat(failed.status()).isEqualTo(EntryResult.Status.FAILED);
        assertThat(failed.error()).startsWith(chunk + ":5: boom\nstack traceback:");
    }

    @AllEngines
    void aFolderWithDriverXmlRuns(String engine) {
        try (TestDriver driver = start(engine, greeter().folder(dir))) {
            assertRuns(driver, "greeter.c4z", "hi", "driver.lua");
        }
    }

    @AllEngines
    void aC4zRuns(String engine) {
        try (TestDriver driver = start(engine, greeter().c4z(dir))) {
            assertRuns(driver, "greeter.c4z", "hi", "driver.lua");
        }
    }

    @AllEngines
    void aC4iWithItsScriptInlineRuns(String engine) {
        try (TestDriver driver = start(engine, greeter().c4i(dir))) {
            assertRuns(driver, "greeter.c4i", "hi", "greeter.c4i");
        }
    }

    @AllEngines
    void aBareLuaFileRuns(String engine) {
        Path lua = greeter().bareLua(dir);
        try (TestDriver driver = start(engine, lua)) {
            assertRuns(driver, "greeter.lua", "nil", lua.toString());
        }
    }

    // ---- jit="1" (§1.4, B54) ---------------------------------------------------------------------------------

    private static final String PRINT_ENGINE = "print(type(jit) == 'table' and 'luajit' or 'puc')";

    @Test
    void inAutoModeAJitDriverRunsOnLuajitAndTheOthersOnLuaj() {
        try (TestDriver jit = start("auto", TestPackage.named("fast").jit().lua(PRINT_ENGINE).folder(dir));
             TestDriver plain = start("auto", TestPackage.named("plain").lua(PRINT_ENGINE).folder(dir))) {
            assertThat(jit.engine()).isEqualTo("luajit");
            assertThat(jit.outputLines()).containsExactly("luajit");
            assertThat(plain.engine()).isEqualTo("luaj");
            assertThat(plain.outputLines()).containsExactly("puc");
        }
    }

    @Test
    void aJitDriverThatLuajitRejectsIsRetriedOnLuaj() {
        // Lua 5.1 reads an unknown escape as the character itself; LuaJIT rejects it.
        Path driverPackage = TestPackage.named("oldstyle").jit().lua("print('fa\\st')").folder(dir);
        try (TestDriver driver = start("auto", driverPackage)) {
            assertThat(driver.engine()).isEqualTo("luaj");
            assertThat(driver.outputLines()).containsExactly("fast");
            assertThat(driver.warnings()).singleElement().asString()
                    .startsWith("warning: LuaJIT rejects the driver (").endsWith("); retrying on luaj");
        }
    }

    @AllEngines
    void anExplicitEngineOverridesJit(String engine) {
        try (TestDriver driver = start(engine, TestPackage.named("fast").jit().lua(PRINT_ENGINE).folder(dir))) {
            assertThat(driver.engine()).isEqualTo(engine);
            assertThat(driver.outputLines()).containsExactly(engine.equals("luajit") ? "luajit" : "puc");
        }
    }

    // ---- encryption="2" (§1.4, B53) ---------------------------------------------------------------------------

    @AllEngines
    void aScriptMarkedEncryptedThatIsPlainLuaRuns(String engine) {
        try (TestDriver driver = start(engine, TestPackage.named("marked").encrypted().lua("print('plain')").c4z(dir))) {
            assertThat(driver.outputLines()).containsExactly("plain");
        }
    }

    @AllEngines
    void anEncryptedScriptStopsTheStartWithOneMessage(String engine) {
        Path c4z = TestPackage.named("secret").encrypted().lua("\u0001\u00ffC4ENCRYPTED\u0002").c4z(dir);

        assertThatThrownBy(() -> start(engine, c4z)).isInstanceOf(AssertionError.class)
                .hasMessageEndingWith("secret.c4z: encrypted driver: not supported");
    }

    // ---- broken packages: one message naming the file ---------------------------------------------------------

    @AllEngines
    void aMalformedDriverXmlFailsTheStartWithOneLineNamingIt(String engine) {
        Path folder = dir.resolve("broken");
        TestPackage.write(folder.resolve("driver.xml"), "<devicedata>\n<name>broken</name>\n<config>\n</devicedata>\n");
        TestPackage.write(folder.resolve("driver.lua"), "print('never')");

        assertThatThrownBy(() -> start(engine, folder)).isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("driver.xml (in " + folder + "/): line 4")
                .hasMessageNotContaining("\n");
    }

    @AllEngines
    void aC4zThatIsNoZipFailsTheStartWithOneLineNamingIt(String engine) throws Exception {
        Path c4z = Files.writeString(dir.resolve("broken.c4z"), "print('not a zip')");

        assertThatThrownBy(() -> start(engine, c4z)).isInstanceOf(AssertionError.class)
                .hasMessage(c4z + ": not a zip file");
    }

    @AllEngines
    void aScriptTheZipDoesNotHoldFailsTheStart(String engine) {
        Path c4z = TestPackage.named("empty").file("other.lua", "").c4z(dir);

        assertThatThrownBy(() -> start(engine, c4z)).isInstanceOf(AssertionError.class)
                .hasMessage("driver.xml (in " + c4z + "): <script> names file \"driver.lua\", which the package"
                        + " does not have");
    }
}
