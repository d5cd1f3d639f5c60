package dev.c4j.testkit.host;

import dev.c4j.api.host.DirectorCall;
import dev.c4j.api.host.EntryResult;
import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.c4j.testkit.DirectorAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The entry points Director calls and the injection verbs that cause them (host spec §2, H4-H6). */
class HostEntryPointsTest {

    private static final String ACTIONS = """
            <actions>
              <action><name>Auto Connect Groups</name><command>AutoConnectGroups</command></action>
            </actions>
            <commands>
              <command><name>SetLevel</name><params><param><name>LEVEL</name><type>RANGED_INTEGER</type></param>
              </params></command>
            </commands>
            """;

    /** Prints each command with its parameters sorted, as {@code name=value:type}, and answers with XML. */
    private static final String EXECUTE_COMMAND = """
            function ExecuteCommand(cmd, params)
              local pairsText = {}
              for k, v in pairs(params) do pairsText[#pairsText + 1] = k .. '=' .. v .. ':' .. type(v) end
              table.sort(pairsText)
              print(cmd, table.concat(pairsText, ','))
              return '<result>' .. cmd .. '</result>'
            end
            """;

    @TempDir
    Path dir;

    private TestDriver start(String engine, String lua) {
        return TestPackage.named("entries").config(ACTIONS).lua(lua).start(engine, dir);
    }

    @AllEngines
    void executeCommandGetsTextParametersAndItsResultComesBack(String engine) {
        try (TestDriver driver = start(engine, EXECUTE_COMMAND)) {
            EntryResult result = driver.command("SetLevel", Map.of("LEVEL", "50", "RAMP", "1.5"));
            driver.command("Not In driver.xml"); // delivered too, spaces and all; parameters are an empty table

            assertThat(result.status()).isEqualTo(EntryResult.Status.RETURNED);
            assertThat(result.value()).isEqualTo("<result>SetLevel</result>");
            assertThat(driver.outputLines()).containsExactly("SetLevel\tLEVEL=50:string,RAMP=1.5:string",
                    "Not In driver.xml\t");
            assertThat(driver).called("ExecuteCommand", "SetLevel");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void anActionArrivesAsLuaActionWithItsCommand(String engine) {
        try (TestDriver driver = start(engine, EXECUTE_COMMAND)) {
            driver.action("Auto Connect Groups");
            driver.action("AutoConnectGroups", Map.of("GROUP", "2"));
            assertThatThrownBy(() -> driver.action("Undeclared")).isInstanceOf(IllegalArgumentException.class);

            assertThat(driver.outputLines()).containsExactly("LUA_ACTION\tACTION=AutoConnectGroups:string",
                    "LUA_ACTION\tACTION=AutoConnectGroups:string,GROUP=2:string");
        }
    }

    @AllEngines
    void receivedFromProxyGetsTheBindingAsANumber(String engine) {
        try (TestDriver driver = start(engine, """
                function ReceivedFromProxy(idBinding, cmd, params)
                  print(type(idBinding), idBinding, cmd, type(params), params.LEVEL)
                end
                """)) {
            driver.proxy(5001, "SET_LEVEL", Map.of("LEVEL", "20"));
            driver.proxy(5001, "ON", Map.of());

            assertThat(driver.outputLines()).containsExactly("number\t5001\tSET_LEVEL\ttable\t20",
                    "number\t5001\tON\ttable\tnil");
        }
    }

    @AllEngines
    void uiRequestAnswersTheInjector(String engine) {
        try (TestDriver driver = start(engine, """
                function UIRequest(request, params)
                  if request == 'GET_STATE' then return '<state>' .. params.WHICH .. '</state>' end
                end
                function ExecuteCommand() print('never') end
                """)) {
            assertThat(driver.uiRequest("GET_STATE", Map.of("WHICH", "all")).value()).isEqualTo("<state>all</state>");
            EntryResult nothing = driver.uiRequest("OTHER", Map.of()); // nil is an answer: no fall-through (B14)
            assertThat(nothing.status()).isEqualTo(EntryResult.Status.RETURNED);
            assertThat(nothing.value()).isNull();
            assertThat(driver.outputLines()).isEmpty();
        }
    }

    @AllEngines
    void withoutUIRequestExecuteCommandAnswers(String engine) {
        try (TestDriver driver = start(engine, EXECUTE_COMMAND)) {
            assertThat(driver.uiRequest("GET_STATE", Map.of("WHICH", "all")).value())
                    .isEqualTo("<result>GET_STATE</result>");
            assertThat(driver.outputLines()).containsExactly("GET_STATE\tWHICH=all:string");
            assertThat(driver).called("UIRequest", "GET_STATE").called("ExecuteCommand", "GET_STATE");
        }
    }

    @AllEngines
    void testConditionHoldsWhenTheFunctionReturnsATrueValue(String engine) {
        try (TestDriver driver = start(engine, """
                function TestCondition(name, params)
                  if name == 'IS_ON' then return params.VALUE == 'On' end
                  if name == 'LEVEL' then return params.LOGIC == 'LESS_THAN' and tonumber(params.VALUE) > 40 end
                end
                """)) {
            assertThat(driver.testCondition("IS_ON", Map.of("VALUE", "On")).value()).isEqualTo(true);
            assertThat(driver.testCondition("IS_ON", Map.of("VALUE", "Off")).value()).isEqualTo(false);
            assertThat(driver.testCondition("LEVEL", Map.of("VALUE", "60", "LOGIC", "LESS_THAN")).value())
                    .isEqualTo(true);
            assertThat(driver.testCondition("UNKNOWN", Map.of()).value()).isNull();
        }
    }

    @AllEngines
    void getCommandParamListGivesTheItemsOfADynamicParameter(String engine) {
        try (TestDriver driver = start(engine, """
                function GetCommandParamList(command, param)
                  if command == 'Select' and param == 'SOURCE' then return { 'Radio', 'TV' } end
                end
                """)) {
            assertThat(driver.commandParamList("Select", "SOURCE").value()).isEqualTo(Map.of(1.0, "Radio", 2.0, "TV"));
            assertThat(driver.commandParamList("Other", "X").value()).isNull();
        }
    }

    @AllEngines
    void bindingAndUnbindingCallOnBindingChangedForEitherEnd(String engine) {
        try (TestDriver driver = start(engine, """
                function OnBindingChanged(idBinding, class, bound, otherDevice, otherBinding)
                  print(idBinding, class, type(bound), tostring(bound), otherDevice, otherBinding)
                end
                """)) {
            int self = driver.deviceId();
            driver.bind(self, 1, 300, 7, "SWITCHER");
            driver.unbind(300, 7);
            driver.bind(400, 2, self, 5, "AUDIO_SELECTION");

            assertThat(driver.outputLines()).containsExactly("1\tSWITCHER\tboolean\ttrue\t300\t7",
                    "1\tSWITCHER\tboolean\tfalse\t300\t7", "5\tAUDIO_SELECTION\tboolean\ttrue\t400\t2");
        }
    }

    @AllEngines
    void onSystemEventRunsOnlyForRegisteredEvents(String engine) {
        try (TestDriver driver = start(engine, """
                C4:RegisterSystemEvent(C4SystemEvents.OnPIP, 0)
                C4:RegisterSystemEvent(C4SystemEvents.OnDeviceOnline, 250)
                function OnSystemEvent(data) print(string.match(data, 'name="([^"]+)"')) end
                function ExecuteCommand(cmd)
                  if cmd == 'Unregister' then C4:UnregisterSystemEvent(C4SystemEvents.OnPIP, 0) end
                end
                """)) {
            assertThat(driver.systemEvent("OnPIP", 0, "").handled()).isTrue();
            assertThat(driver.systemEvent("OnDeviceOnline", 250, "").handled()).isTrue();
            assertThat(driver.systemEvent("OnDeviceOnline", 251, "").handled()).isFalse();
            assertThat(driver.systemEvent("OnDeviceOffline", 0, "").handled()).isFalse();
            driver.command("Unregister");
            assertThat(driver.systemEvent("OnPIP", 0, "").handled()).isFalse();

            assertThat(driver.systemEvent("48", 250, "").handled()).isTrue(); // by id, its name in the data

            assertThat(driver.outputLines()).containsExactly("OnPIP", "OnDeviceOnline", "OnDeviceOnline");
        }
    }

    @AllEngines
    void removingTheDriverCallsOnDriverRemovedFromProjectThenStopsIt(String engine) {
        try (TestDriver driver = start(engine, """
                function OnDriverRemovedFromProject() print('removed') end
                function OnDriverDestroyed(dit) print('destroyed', dit) end
                """)) {
            assertThat(driver.remove().handled()).isTrue();

            driver.awaitOutput("destroyed");
            assertThat(driver.outputLines()).containsExactly("removed", "destroyed\tDIT_LOADED");
            assertThat(driver.driver().stopped()).isTrue();
        }
    }

    @AllEngines
    void anErrorInAnEntryPointIsReportedAndTheDriverCarriesOn(String engine) {
        try (TestDriver driver = start(engine, """
                function ExecuteCommand(cmd)
                  if cmd == 'Fail' then error('bad command') end
                  return 'ok'
                end
                """)) {
            EntryResult failed = driver.command("Fail");
            EntryResult fine = driver.command("Fine");

            assertThat(failed.status()).isEqualTo(EntryResult.Status.FAILED);
            assertThat(failed.error()).startsWith("driver.lua:2: bad command\nstack traceback:");
            assertThat(driver.messages()).containsExactly(failed.error());
            assertThat(fine.value()).isEqualTo("ok");
            DirectorCall recorded = driver.calls().get(0);
            assertThat(recorded.notes()).containsExactly("error: driver.lua:2: bad command");
        }
    }

    @AllEngines
    void anEntryPointTheDriverLacksIsUnhandled(String engine) {
        try (TestDriver driver = start(engine, "-- no entry points at all")) {
            EntryResult result = driver.command("Anything");

            assertThat(result.status()).isEqualTo(EntryResult.Status.UNHANDLED);
            assertThat(driver.calls()).singleElement().satisfies(call -> {
                assertThat(call.function()).isEqualTo("ExecuteCommand");
                assertThat(call.notes()).containsExactly("unhandled");
            });
        }
    }

    @AllEngines
    void entryPointsRunOneAtATimeInTheOrderTheirCausesHappened(String engine) throws Exception {
        try (TestDriver driver = start(engine, EXECUTE_COMMAND)) {
            List<CompletableFuture<EntryResult>> results = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                results.add(driver.control().command("C" + i, Map.of()));
            }
            CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get(5, TimeUnit.SECONDS);

            List<String> expected = new ArrayList<>();
            for (int i = 1; i <= 20; i++) {
                expected.add("C" + i + "\t");
            }
            assertThat(driver.outputLines()).isEqualTo(expected);
        }
    }
}
