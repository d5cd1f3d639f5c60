package dev.c4j.testkit.host;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Bindings between devices as a driver sees and makes them (host spec §3.6). */
class HostBindingsTest {

    private static final String CONNECTIONS = """
            <connections>
              <connection><id>1</id><type>1</type><connectionname>Control Out</connectionname><consumer>False</consumer>
                <classes><class><classname>SWITCHER</classname></class></classes></connection>
              <connection><id>7</id><type>1</type><connectionname>Control In</connectionname><consumer>True</consumer>
                <classes><class><classname>SWITCHER</classname></class></classes></connection>
            </connections>
            """;

    private static final String LUA = """
            function ExecuteCommand(cmd, params)
              local other = tonumber(params.OTHER)
              if cmd == 'Show' then
                local consumers = C4:GetBoundConsumerDevices(0, 1)
                local list = {}
                for id, name in pairs(consumers or {}) do list[#list + 1] = id .. '=' .. name end
                table.sort(list)
                print('consumers', consumers == nil and 'nil' or table.concat(list, ','),
                      'provider', C4:GetBoundProviderDevice(C4:GetDeviceID(), 7))
              elseif cmd == 'Bind' then C4:Bind(C4:GetDeviceID(), 1, other, 7, 'SWITCHER')
              elseif cmd == 'Unbind' then C4:Unbind(other, 7)
              elseif cmd == 'Bindings' then
                local b = C4:GetBindingsByDevice(C4:GetDeviceID())
                print('device', b.deviceid, #b.bindings)
                for _, binding in ipairs(b.bindings) do
                  print(binding.bindingid, binding.name, binding.type, tostring(binding.provider),
                        tostring(binding.isbound), binding.bindingclasses[1].class)
                end
              elseif cmd == 'AddDynamic' then C4:AddDynamicBinding(3001, 'CONTROL', true, 'Dynamic Out', 'DYN', false, false)
              elseif cmd == 'RemoveDynamic' then C4:RemoveDynamicBinding(3001)
              end
            end
            function OnBindingChanged(binding, class, bound, other, otherBinding)
              print('changed', binding, class, tostring(bound), other, otherBinding)
            end
            """;

    @TempDir
    Path dir;

    private static TestPackage device(String name) {
        return TestPackage.named(name).xml(CONNECTIONS).lua(LUA);
    }

    @AllEngines
    void boundDevicesFollowBindAndUnbindFromLua(String engine) {
        try (TestDriver amp = device("amp").start(engine, dir);
             TestDriver sw = amp.startBeside(device("switch").folder(dir))) {
            Map<String, String> other = Map.of("OTHER", Integer.toString(sw.deviceId()));
            amp.command("Show", other);
            amp.command("Bind", other);
            amp.command("Show", other);
            sw.command("Show", other);
            amp.command("Unbind", other);
            amp.command("Show", other);
            sw.awaitOutput("changed.*false");

            int ampId = amp.deviceId();
            int swId = sw.deviceId();
            // OnBindingChanged is posted: it runs after the command that bound (H4)
            assertThat(amp.outputLines()).containsExactly("consumers\tnil\tprovider\t0",
                    "changed\t1\tSWITCHER\ttrue\t" + swId + "\t7", "consumers\t" + swId + "=switch\tprovider\t0",
                    "changed\t1\tSWITCHER\tfalse\t" + swId + "\t7", "consumers\tnil\tprovider\t0");
            assertThat(sw.outputLines()).containsExactly("changed\t7\tSWITCHER\ttrue\t" + ampId + "\t1",
                    "consumers\tnil\tprovider\t" + ampId, "changed\t7\tSWITCHER\tfalse\t" + ampId + "\t1");
        }
    }

    @AllEngines
    void whatIsBoundToADynamicBindingComesBackWhenTheDriverAddsItAgain(String engine) {
        // As the vendor's example does: Director forgets dynamic bindings, the driver adds them again at start.
        Path driver = TestPackage.named("dynamic").lua("""
                C4:AddDynamicBinding(3001, 'CONTROL', true, 'Dynamic Out', 'DYN', false, false)
                function ExecuteCommand(cmd)
                  if cmd == 'Show' then
                    local consumers = C4:GetBoundConsumerDevices(0, 3001)
                    print(consumers and next(consumers) or 'none')
                  else
                    C4:RemoveDynamicBinding(3001)
                  end
                end
                """).folder(dir);
        Path state = dir.resolve("state");
        try (TestDriver first = TestDriver.builder().engine(engine).driverPackage(driver).stateDirectory(state).start()) {
            first.bind(first.deviceId(), 3001, 300, 3, "DYN");
            first.command("Show");
            assertThat(first.outputLines()).containsExactly("300");
        }
        try (TestDriver second = TestDriver.builder().engine(engine).driverPackage(driver).stateDirectory(state)
                .start()) {
            second.command("Show");
            second.command("Remove");
            assertThat(second.outputLines()).containsExactly("300");
        }
        try (TestDriver third = TestDriver.builder().engine(engine).driverPackage(driver).stateDirectory(state).start()) {
            third.command("Show");
            assertThat(third.outputLines()).containsExactly("none");
        }
    }

    @AllEngines
    void getBindingsByDeviceListsTheDeclaredAndTheDynamicBindings(String engine) {
        try (TestDriver driver = device("amp").start(engine, dir)) {
            driver.command("Bindings");
            driver.bind(driver.deviceId(), 1, 300, 3, "SWITCHER");
            driver.command("AddDynamic");
            driver.command("Bindings");
            driver.command("RemoveDynamic");
            driver.command("Bindings");

            String out = "1\tControl Out\t1\ttrue\tfalse\tSWITCHER";
            String outBound = "1\tControl Out\t1\ttrue\ttrue\tSWITCHER";
            String in = "7\tControl In\t1\tfalse\tfalse\tSWITCHER";
            assertThat(driver.outputLines()).containsExactly("device\t100\t2", out, in,
                    "changed\t1\tSWITCHER\ttrue\t300\t3",
                    "device\t100\t3", outBound, in, "3001\tDynamic Out\t1\ttrue\tfalse\tDYN",
                    "device\t100\t2", outBound, in);
            driver.assertNoErrors();
        }
    }
}
