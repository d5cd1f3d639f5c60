package dev.c4j.testkit.host;

import dev.c4j.api.host.DirectorCall;
import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static dev.c4j.testkit.DirectorAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The Director record (host spec H1): every call and entry point, in order, with its arguments and result. */
class HostRecordTest {

    private static final String PROPERTIES = """
            <properties><property><name>Status</name><type>STRING</type></property></properties>
            """;

    @TempDir
    Path dir;

    @AllEngines
    void everyDirectorCallIsRecordedInOrderWithItsArgumentsAndResult(String engine) {
        try (TestDriver driver = TestPackage.named("recorded").config(PROPERTIES).lua("""
                function ExecuteCommand(cmd, params)
                  C4:UpdateProperty('Status', 'Busy')
                  C4:AddVariable('COUNT', 3, 'NUMBER')
                  C4:SendToProxy(5001, 'SET', { LEVEL = 7 })
                  C4:GetDeviceID()
                  return 'done'
                end
                """).start(engine, dir)) {
            driver.advance(Duration.ofSeconds(5));
            driver.command("Go", Map.of("A", "1"));

            List<DirectorCall> calls = driver.calls();
            // each is recorded once it completed, with its result: the entry point after the calls it made
            assertThat(calls).extracting(DirectorCall::function)
                    .containsExactly("UpdateProperty", "AddVariable", "SendToProxy", "GetDeviceID", "ExecuteCommand");
            assertThat(calls).extracting(DirectorCall::seq).isSorted().doesNotHaveDuplicates();
            assertThat(calls).allSatisfy(call -> {
                assertThat(call.driver()).isEqualTo("recorded");
                assertThat(call.timeMillis()).isEqualTo(calls.get(0).timeMillis());
            });
            assertThat(calls.get(0).args()).containsExactly("Status", "Busy");
            assertThat(calls.get(1).args()).containsExactly("COUNT", 3.0, "NUMBER");
            assertThat(calls.get(1).result()).hasToString("[true, 1001]");
            assertThat(calls.get(2).args()).containsExactly(5001.0, "SET", Map.of("LEVEL", "7"));
            assertThat(calls.get(3).result()).isEqualTo(100);
            assertThat(calls.get(4).args()).containsExactly("Go", Map.of("A", "1"));
            assertThat(calls.get(4).result()).isEqualTo("done");

            assertThat(driver).updatedProperty("Status", "Busy").called("AddVariable", "COUNT", 3)
                    .sentToProxy(5001, "SET", Map.of("LEVEL", "7")).called("GetDeviceID")
                    .called("ExecuteCommand", "Go").neverCalled("FireEvent");
            assertThatThrownBy(() -> assertThat(driver).firedEvent("Ring")).isInstanceOf(AssertionError.class)
                    .hasMessageContaining("to call FireEvent(Ring), but its calls were:")
                    .hasMessageContaining("UpdateProperty[Status, Busy]");
        }
    }

    @AllEngines
    void callsThatOnlyInformDirectorAreRecorded(String engine) {
        try (TestDriver driver = TestPackage.named("informing").lua("""
                C4:AllowExecute(true)
                C4:RecordHistory('Info', 'Door opened', 'Security')
                C4:InvalidateState()
                C4:SendDataToUI('<data/>')
                print(C4:RegisterEvents('<events/>'))
                """).start(engine, dir)) {
            assertThat(driver.outputLines()).containsExactly("true");
            assertThat(driver).called("AllowExecute", true).called("RecordHistory", "Info", "Door opened", "Security")
                    .called("InvalidateState").called("SendDataToUI", "<data/>").called("RegisterEvents", "<events/>");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void theRecordTellsTheTimeOnTheDriversClock(String engine) {
        try (TestDriver driver = TestPackage.named("timed").lua("""
                function ExecuteCommand() C4:GetDeviceID() end
                """).start(engine, dir)) {
            driver.command("Now");
            driver.advance(Duration.ofMillis(2500));
            driver.command("Later");

            List<DirectorCall> ids = driver.calls().stream().filter(c -> c.function().equals("GetDeviceID")).toList();
            assertThat(ids.get(1).timeMillis() - ids.get(0).timeMillis()).isEqualTo(2500);
        }
    }
}
