package dev.c4j.testkit.host;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Identity and project questions (host spec §3.1, §0.1) and names c4j does not implement (H2). */
class HostIdentityTest {

    private static final String DEVICE_DATA = """
            <minimum_os_version>3.3.0</minimum_os_version>
            <proxies>
              <proxy proxybindingid="5001" name="Kitchen Light">light_v2</proxy>
              <proxy proxybindingid="5002">uidevice</proxy>
            </proxies>
            <capabilities><dimmer>True</dimmer></capabilities>
            """;

    private static final String PROPERTIES = """
            <properties><property><name>Host</name><type>STRING</type></property></properties>
            """;

    @TempDir
    Path dir;

    private TestPackage identity(String lua) {
        return TestPackage.named("identity").version("7").xml(DEVICE_DATA).config(PROPERTIES).lua(lua);
    }

    @AllEngines
    void theDriverLearnsWhoAndWhereItIs(String engine) {
        try (TestDriver driver = identity("""
                print(C4:GetDeviceID(), type(C4:GetDeviceID()))
                print(C4:GetProxyDevices())
                print(C4:GetDriverConfigInfo('version'), C4:GetDriverConfigInfo('model'), C4:GetDriverConfigInfo('name'),
                      C4:GetDriverConfigInfo('minimum_os_version'), '[' .. C4:GetDriverConfigInfo('absent') .. ']')
                print(C4:GetDriverFileName())
                local v = C4:GetVersionInfo()
                print(v.version, v.buildtype, v.builddate:match('^%d%d %d%d %d%d%d%d$') ~= nil,
                      v.buildtime:match('^%d%d:%d%d:%d%d$') ~= nil)
                print(C4:GetDeviceDisplayName(), C4:GetDeviceDisplayName(C4:GetDeviceID() + 1),
                      '[' .. C4:GetDeviceDisplayName(4242) .. ']')
                print(C4:GetCapability('dimmer'), C4:GetCapability('absent'))
                """).start(engine, dir)) {
            assertThat(driver.outputLines()).containsExactly("100\tnumber", "101\t102",
                    "7\tTest Model\tidentity\t3.3.0\t[]", "identity.c4z", "4.0.0.0\tRELEASE\ttrue\ttrue",
                    "identity\tKitchen Light\t[]", "True\tnil");
            assertThat(driver.deviceId()).isEqualTo(100);
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void aDriverWithoutProxiesHasNone(String engine) {
        try (TestDriver driver = TestPackage.named("plain").lua("print(C4:GetProxyDevices())").start(engine, dir)) {
            assertThat(driver.outputLines()).containsExactly("nil");
        }
    }

    @AllEngines
    void getDeviceDataAnswersTheDocumentOrOneOfItsFirstTwoLevels(String engine) {
        try (TestDriver driver = identity("""
                local id = C4:GetDeviceID()
                print(C4:GetDeviceData(id):find('<model>Test Model</model>', 1, true) ~= nil)
                print(C4:GetDeviceData(id, 'model'))
                print(C4:GetDeviceData(id, 'properties'):find('<name>Host</name>', 1, true) ~= nil) -- inside <config>
                print('[' .. C4:GetDeviceData(id, 'absent') .. ']', '[' .. C4:GetDeviceData(4242) .. ']')
                """).start(engine, dir)) {
            assertThat(driver.outputLines()).containsExactly("true", "Test Model", "true", "[]\t[]");
        }
    }

    @AllEngines
    void getDevicesByC4iNameFindsHostedDrivers(String engine) {
        String lua = """
                function ExecuteCommand(cmd)
                  local found = C4:GetDevicesByC4iName(cmd)
                  if found == nil then print(cmd, 'nil') return end
                  for id, name in pairs(found) do print(cmd, id, name) end
                end
                """;
        try (TestDriver first = identity(lua).start(engine, dir);
             TestDriver second = first.startBeside(TestPackage.named("other").lua(lua).c4z(dir))) {
            first.command("IDENTITY.c4z"); // file names compare case-insensitively
            first.command("other.c4z");
            first.command("absent.c4z");

            assertThat(first.outputLines()).containsExactly("IDENTITY.c4z\t100\tidentity",
                    "other.c4z\t" + second.deviceId() + "\tother", "absent.c4z\tnil");
        }
    }

    @AllEngines
    void namesC4jDoesNotImplementAreNil(String engine) {
        try (TestDriver driver = TestPackage.named("probe").lua("""
                print(C4.Curl, C4.MQTT, C4.StatsdCounter, C4.CreateTLSServer, C4.ColorRGBtoXY, C4.DestroyTCPClient, io)
                print(type(C4.PersistSetValue), type(C4.GetDriverFileName), type(C4.UpdateProperty))
                """).start(engine, dir)) {
            assertThat(driver.outputLines()).containsExactly("nil\tnil\tnil\tnil\tnil\tnil\tnil",
                    "function\tfunction\tfunction");
        }
    }
}
