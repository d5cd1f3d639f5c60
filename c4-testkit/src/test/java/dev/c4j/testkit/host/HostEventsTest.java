package dev.c4j.testkit.host;

import dev.c4j.api.host.DirectorCall;
import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static dev.c4j.testkit.DirectorAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/** Events: {@code FireEvent}, {@code AddEvent}, device events between hosted drivers (host spec §3.4, H9). */
class HostEventsTest {

    /** http-event's XML names end in a space while its code fires {@code 'Event 1'} (§1.2). */
    private static final String EVENTS = """
            <events>
              <event><id>1</id><name>Event 1 </name><description>as http-event writes it</description></event>
              <event><id>2</id><name>Ring</name><description>the doorbell rang</description></event>
            </events>
            """;

    @TempDir
    Path dir;

    private TestPackage doorbell(String lua) {
        return TestPackage.named("doorbell").xml(EVENTS).lua(lua);
    }

    private static List<DirectorCall> calls(TestDriver driver, String function) {
        return driver.calls().stream().filter(c -> c.function().equals(function)).toList();
    }

    @AllEngines
    void fireEventFindsTheIdByItsTrimmedName(String engine) {
        try (TestDriver driver = doorbell("function ExecuteCommand(cmd) C4:FireEvent(cmd) end").start(engine, dir)) {
            driver.command("Event 1");
            driver.command("Ring");
            driver.command("Nope");

            assertThat(driver).firedEvent("Event 1").firedEvent("Ring");
            assertThat(calls(driver, "FireEvent")).extracting(DirectorCall::notes).containsExactly(
                    List.of("event 1"), List.of("event 2"),
                    List.of("FireEvent: no event named 'Nope' in driver.xml or AddEvent"));
            assertThat(driver.messages()).containsExactly(
                    "warning: FireEvent: no event named 'Nope' in driver.xml or AddEvent");
        }
    }

    @AllEngines
    void eventsFiredBeforeOnDriverLateInitAreFlaggedEarly(String engine) {
        try (TestDriver driver = doorbell("""
                C4:FireEvent('Ring')
                function OnDriverInit() C4:FireEvent('Ring') end
                function OnDriverLateInit() C4:FireEvent('Ring') end
                function ExecuteCommand() C4:FireEventByID(2) end
                """).start(engine, dir)) {
            driver.command("Ring");

            assertThat(driver.calls()).filteredOn(c -> c.function().startsWith("FireEvent"))
                    .extracting(DirectorCall::notes).containsExactly(List.of("event 2", "early"),
                            List.of("event 2", "early"), List.of("event 2"), List.of("event 2"));
        }
    }

    @AllEngines
    void addEventDefinesAnEventToFireByIdOrName(String engine) {
        try (TestDriver driver = doorbell("""
                function ExecuteCommand()
                  print(C4:AddEvent(10, 'Added', 'NAME changed'))
                  C4:FireEventByID(10)
                  C4:FireEvent('Added')
                  C4:FireEventByID(2)
                  C4:DeleteEvent(10)
                  C4:FireEventByID(10)
                end
                """).start(engine, dir)) {
            driver.command("Go");

            assertThat(driver.outputLines()).containsExactly("true");
            assertThat(driver).called("AddEvent", 10, "Added", "NAME changed");
            assertThat(driver.calls()).filteredOn(c -> c.function().startsWith("FireEvent"))
                    .extracting(DirectorCall::notes).containsExactly(List.of("event 10"), List.of("event 10"),
                            List.of("event 2"), List.of("FireEventByID: no event 10 in driver.xml or AddEvent"));
        }
    }

    @AllEngines
    void aDriverAddsAtMostAThousandEventsAndMayReplaceThemOrDeleteXmlOnes(String engine) {
        try (TestDriver driver = doorbell("""
                function ExecuteCommand()
                  local added = 0
                  for id = 1001, 2001 do
                    if C4:AddEvent(id, 'Event ' .. id, '') then added = added + 1 end
                  end
                  print(added, C4:AddEvent(1001, 'Replaced', ''), C4:AddEvent(5000, 'One too many', ''))
                  C4:FireEvent('Replaced')
                  C4:DeleteEvent(2) -- an XML event: meant to stay, but it goes
                  C4:FireEvent('Ring')
                end
                """).start(engine, dir)) {
            driver.command("Go");

            assertThat(driver.outputLines()).containsExactly("1000\ttrue\tfalse");
            assertThat(calls(driver, "FireEvent")).extracting(DirectorCall::notes).containsExactly(
                    List.of("event 1001"), List.of("FireEvent: no event named 'Ring' in driver.xml or AddEvent"));
        }
    }

    @AllEngines
    void aHostedDriverHearsTheDeviceEventsItRegisteredFor(String engine) {
        Path chime = TestPackage.named("chime").lua("""
                function ExecuteCommand(cmd, params)
                  local device = tonumber(params.DEVICE)
                  if cmd == 'Listen' then C4:RegisterDeviceEvent(device, 2) else C4:UnregisterDeviceEvent(device, 2) end
                end
                function OnDeviceEvent(device, event) print('heard', device, event) end
                """).folder(dir);
        try (TestDriver bell = doorbell("function ExecuteCommand() C4:FireEvent('Ring') end").start(engine, dir);
             TestDriver listener = bell.startBeside(chime)) {
            Map<String, String> device = Map.of("DEVICE", Integer.toString(bell.deviceId()));
            bell.command("Ring"); // nobody listens yet
            listener.command("Listen", device);
            bell.command("Ring");
            listener.awaitOutput("^heard");
            listener.command("Stop", device);
            bell.command("Ring");
            listener.command("Sync", device); // a ring still on its way would have arrived by now

            assertThat(listener.outputLines()).containsExactly("heard\t" + bell.deviceId() + "\t2");
            assertThat(listener.deviceEvent(bell.deviceId(), 2).handled()).isFalse(); // unregistered
            listener.command("Listen", device);
            assertThat(listener.deviceEvent(bell.deviceId(), 2).handled()).isTrue(); // injected
        }
    }
}
