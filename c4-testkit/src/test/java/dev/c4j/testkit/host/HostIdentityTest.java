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
    void theProjectAnswersAboutDevicesProxiesAndTheController(String engine) {
        try (TestDriver driver = identity("""
                local id = C4:GetDeviceID()
                local devices = C4:GetDevices()
                print(devices[id].driverFileName, devices[id].deviceName, devices[id].roomId, devices[id].roomName)
                print(next(C4:GetDevices({ C4iNames = 'nothing.c4z' })))
                print(C4:GetDevices({ DeviceIds = tostring(id) })[id] ~= nil)
                for proxy, name in pairs(C4:GetProxyDevicesByName('light_v2')) do print(proxy, name) end
                print(C4:GetProxyDevicesByName('thermostatV2'))
                print(C4:GetProxyDevicesById(id))
                print(C4:GetProjectItems():find('<id>' .. id .. '</id>', 1, true) ~= nil)
                print(C4:GetControllerNetworkAddress():match('^%d+%.%d+%.%d+%.%d+$') ~= nil,
                      C4:GetUniqueMAC():match('^[0-9A-F]+$') ~= nil and #C4:GetUniqueMAC() == 12)
                print(C4:RoomGetId(), C4:GetLocale())
                C4:RenameDevice(id, 'Front Door')
                print(C4:GetDeviceDisplayName(id))
                """).start(engine, dir)) {
            assertThat(driver.outputLines()).containsExactly("identity.c4z\tidentity\t10\tRoom", "nil",
                    "true", "101\tKitchen Light", "nil", "101\t102", "true", "true\ttrue", "10\tC", "Front Door");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void theGlobalsADriverIndexesAtChunkLevelExistBeforeItsFirstLine(String engine) {
        try (TestDriver driver = TestPackage.named("globals").lua("""
                print(type(C4), type(Properties), type(Variables), type(PersistData), type(C4SystemEvents))
                print(type(package), type(require), type(bit), type(print), type(hexdump), type(tohex))
                local count = 0
                for _ in pairs(C4SystemEvents) do count = count + 1 end
                print(C4SystemEvents.OnPIP, C4SystemEvents.OnNetworkBindingAdded, C4SystemEvents.OnDeviceOnline,
                      C4SystemEvents.OnSDDPDeviceStatus, C4SystemEvents.OnDirectorIPAddressChanged, count)
                """).start(engine, dir)) {
            assertThat(driver.outputLines()).containsExactly("table\ttable\ttable\ttable\ttable",
                    "table\tfunction\ttable\tfunction\tfunction\tfunction", "6\t17\t48\t78\t90\t124");
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
