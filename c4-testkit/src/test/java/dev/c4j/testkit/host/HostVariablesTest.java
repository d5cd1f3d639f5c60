package dev.c4j.testkit.host;

import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Map;

import static dev.c4j.testkit.DirectorAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Variables, {@code OnVariableChanged} and {@code OnWatchedVariableChanged} (host spec §3.3, H3, H4). */
class HostVariablesTest {

    @TempDir
    Path dir;

    private TestDriver start(String engine, String name, String lua) {
        return TestPackage.named(name).lua(lua).start(engine, dir);
    }

    @AllEngines
    void addVariableReturnsTrueAndAnIdAndFillsVariablesAtOnce(String engine) {
        try (TestDriver driver = start(engine, "vars", """
                print(C4:AddVariable('POWER', '0', 'BOOL'))
                print(Variables.POWER)
                print(C4:AddVariable('LEVEL', 50, 'NUMBER'))
                print(Variables.LEVEL, type(Variables.LEVEL))
                print(C4:AddVariable('ON', true, 'BOOL'))
                print(Variables.ON)
                print(C4:AddVariable('POWER', '1', 'BOOL')) -- the name exists: false, value unchanged (B59)
                print(Variables.POWER)
                print(C4:AddVariable(5, 'by id', 'STRING'))
                print(Variables['5'])
                """)) {
            assertThat(driver.outputLines()).containsExactly("true\t1001", "0", "true\t1002", "50\tstring",
                    "true\t1003", "1", "false", "0", "true\t5", "by id");
            assertThat(driver).called("AddVariable", "POWER", "0", "BOOL");
            assertThat(driver.control().info().variables()).containsEntry("LEVEL", "50").containsEntry("5", "by id");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void directorCallsWorkInsideCoroutines(String engine) {
        // LuaJ runs each coroutine on a thread of its own: the calls and the tables they update must not care.
        try (TestDriver driver = start(engine, "coroutines", """
                local steps = coroutine.wrap(function()
                  print(C4:AddVariable('INSIDE', 'first', 'STRING'))
                  coroutine.yield()
                  C4:SetVariable('INSIDE', 'second')
                  print(Variables.INSIDE, C4:GetDeviceVariable(C4:GetDeviceID(), 'INSIDE'))
                end)
                function ExecuteCommand() steps() end
                """)) {
            driver.command("Step");
            driver.command("Step");

            assertThat(driver.outputLines()).containsExactly("true\t1001", "second\tsecond");
            assertThat(driver).called("AddVariable", "INSIDE").setVariable("INSIDE", "second");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void setVariableAndDeleteVariableChangeTheTableAtOnce(String engine) {
        try (TestDriver driver = start(engine, "vars", """
                C4:AddVariable('A', 'one', 'STRING')
                C4:AddVariable('B', 'two', 'STRING')
                function OnVariableChanged(name) print('never for its own calls', name) end
                function ExecuteCommand(cmd)
                  C4:SetVariable('A', 'uno')
                  print(Variables.A)
                  C4:SetVariable(1002, 'dos') -- by id
                  print(Variables.B)
                  C4:DeleteVariable('A')
                  print(Variables.A)
                  print(C4:AddVariable('C', '', 'STRING')) -- 1001 is not reused during the run
                  C4:SetVariable('Gone', 'x')
                end
                """)) {
            driver.command("Go");

            assertThat(driver.outputLines()).containsExactly("uno", "dos", "nil", "true\t1003");
            assertThat(driver).setVariable("A", "uno").called("DeleteVariable", "A").neverCalled("OnVariableChanged");
            assertThat(driver.messages()).containsExactly("warning: SetVariable: no variable 'Gone'");
        }
    }

    @AllEngines
    void getDeviceVariableAndGetDeviceVariablesAnswerFromTheModel(String engine) {
        try (TestDriver driver = start(engine, "vars", """
                C4:AddVariable('LEVEL', 50, 'NUMBER', true, false)
                C4:AddVariable('SECRET', 'x', 'STRING', false, true)
                local id = C4:GetDeviceID()
                print(C4:GetDeviceVariable(id, 'LEVEL'), C4:GetDeviceVariable(id, 1001), C4:GetVariable(id, 'LEVEL'),
                      C4:GetDeviceVariable(id, 'NOPE'), C4:GetDeviceVariable(999, 'LEVEL'))
                local variables = C4:GetDeviceVariables(id)
                local level = variables['1001']
                print(level.name, level.value, level.type, tostring(level.readonly), tostring(level.hidden))
                print(variables['1002'].name, tostring(variables['1002'].hidden))
                print(C4:GetDeviceVariables(999))
                """)) {
            assertThat(driver.outputLines()).containsExactly("50\t50\t50\tnil\tnil", "LEVEL\t50\tNUMBER\ttrue\tfalse",
                    "SECRET\ttrue", "nil");
        }
    }

    @AllEngines
    void aVariableSetFromOutsideCallsOnVariableChangedWithItsNameAndId(String engine) {
        try (TestDriver driver = start(engine, "vars", """
                C4:AddVariable('MODE', 'auto', 'STRING')
                C4:AddVariable('LOCKED', 'no', 'STRING', true)
                function OnVariableChanged(name, id) print(name, id, Variables[name]) end
                """)) {
            driver.setVariable("MODE", "manual");
            assertThatThrownBy(() -> driver.setVariable("LOCKED", "yes")).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("read-only");
            assertThatThrownBy(() -> driver.setVariable("NOPE", "x")).isInstanceOf(IllegalArgumentException.class);
            driver.forceVariable("LOCKED", "yes");

            assertThat(driver.outputLines()).containsExactly("MODE\t1001\tmanual", "LOCKED\t1002\tyes");
            assertThat(driver).called("OnVariableChanged", "MODE", 1001);
        }
    }

    @AllEngines
    void numericStringsServeAsIdsAndArgumentErrorsReadAsLuaWritesThem(String engine) {
        try (TestDriver driver = start(engine, "args", """
                C4:AddVariable('LEVEL', '7', 'PERCENT')
                local id = tostring(C4:GetDeviceID()) -- web2way passes ids straight from a URL (H7)
                print(C4:GetDeviceVariable(id, '1001'))
                print(select(2, pcall(C4.UpdateProperty, C4)))
                print(select(2, pcall(C4.AddVariable, C4, 'X', 'v', {})))
                """)) {
            assertThat(driver.outputLines()).containsExactly("7",
                    "bad argument #1 to 'UpdateProperty' (string expected, got no value)",
                    "bad argument #3 to 'AddVariable' (string expected, got table)");
            // a type the docs do not list: a warning, added anyway (§3.3)
            assertThat(driver.messages()).containsExactly(
                    "warning: AddVariable: unknown variable type 'PERCENT'; added anyway");
        }
    }

    private static final String WATCHER = """
            function OnWatchedVariableChanged(device, variable, value)
              print('watched', device, variable, value, type(value))
            end
            """;

    @AllEngines
    void aListenerHearsOnceRightAwayOnALaterTurnThenOnEachChange(String engine) {
        try (TestDriver driver = start(engine, "watcher", WATCHER + """
                C4:AddVariable('LEVEL', '10', 'NUMBER')
                function OnDriverLateInit()
                  C4:RegisterVariableListener(C4:GetDeviceID(), 1001)
                  C4:RegisterVariableListener(C4:GetDeviceID(), 'MISSING')
                  print('registered')
                end
                function ExecuteCommand(cmd)
                  if cmd == 'Set' then C4:SetVariable('LEVEL', 20) print('set')
                  elseif cmd == 'Stop' then C4:UnregisterVariableListener(C4:GetDeviceID(), 'LEVEL') end
                end
                """)) {
            driver.awaitOutput("^watched");
            driver.command("Sync"); // a later turn: the first notice would have come twice by now
            assertThat(driver.outputLines()).containsExactly("registered", "watched\t100\t1001\t10\tstring");
            assertThat(driver.messages()).singleElement().asString()
                    .contains("RegisterVariableListener: device 100 has no variable 'MISSING'; not watched");

            driver.command("Set");
            driver.command("Stop"); // runs after the notice the Set posted
            driver.command("Set");
            driver.command("Sync");

            assertThat(driver.outputLines()).containsExactly("registered", "watched\t100\t1001\t10\tstring", "set",
                    "watched\t100\t1001\t20\tstring", "set");
        }
    }

    @AllEngines
    void aDriverWatchesAndSetsAVariableOfAnotherHostedDriver(String engine) {
        Path thermostat = TestPackage.named("thermostat").lua("""
                C4:AddVariable('TEMP', '20', 'NUMBER')
                function ExecuteCommand(cmd, params) C4:SetVariable('TEMP', params.T) end
                function OnVariableChanged(name, id) print('changed by someone else', name, Variables[name]) end
                """).folder(dir);
        Path display = TestPackage.named("display").lua(WATCHER + """
                function ExecuteCommand(cmd, params)
                  local device = tonumber(params.DEVICE)
                  if cmd == 'Watch' then C4:RegisterVariableListener(device, 'TEMP')
                  elseif cmd == 'Read' then print('read', C4:GetDeviceVariable(device, 'TEMP'))
                  else
                    C4:SetDeviceVariable(device, 'TEMP', 30)
                    C4:SetDeviceVariable(device, 'NOPE', 1)
                  end
                end
                """).folder(dir);
        try (TestDriver owner = TestDriver.builder().engine(engine).virtualTime().driverPackage(thermostat).start();
             TestDriver watcher = owner.startBeside(display)) {
            Map<String, String> device = Map.of("DEVICE", Integer.toString(owner.deviceId()));
            watcher.command("Watch", device);
            watcher.awaitOutput("^watched");
            owner.command("Set", Map.of("T", "25"));
            watcher.awaitOutput("^watched.*\t25\t");
            watcher.command("Read", device);
            watcher.command("Write", device);
            owner.awaitOutput("^changed by someone else");
            watcher.awaitOutput("^watched.*\t30\t");

            int id = owner.deviceId();
            assertThat(watcher.outputLines()).containsExactly("watched\t" + id + "\t1001\t20\tstring",
                    "watched\t" + id + "\t1001\t25\tstring", "read\t25", "watched\t" + id + "\t1001\t30\tstring");
            assertThat(owner.outputLines()).containsExactly("changed by someone else\tTEMP\t30");
            assertThat(watcher.messages()).containsExactly(
                    "warning: SetDeviceVariable: device " + id + " has no variable 'NOPE'");
            owner.assertNoErrors();
        }
    }
}
