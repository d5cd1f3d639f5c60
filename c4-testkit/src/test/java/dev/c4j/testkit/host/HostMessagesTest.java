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

/** Messages to proxies and devices: {@code SendToProxy}, {@code SendToDevice}, {@code SendUIRequest} (§3.5). */
class HostMessagesTest {

    private static final String LIGHT_PROXY = """
            <proxies><proxy proxybindingid="5001" name="Kitchen Light">light_v2</proxy></proxies>
            """;

    @TempDir
    Path dir;

    private static List<DirectorCall> calls(TestDriver driver, String function) {
        return driver.calls().stream().filter(c -> c.function().equals(function)).toList();
    }

    @AllEngines
    void sendToProxyRecordsTheMessageAsSent(String engine) {
        try (TestDriver driver = TestPackage.named("light").xml(LIGHT_PROXY).lua("""
                function ExecuteCommand()
                  C4:SendToProxy(5001, 'LEVEL_CHANGED', { LEVEL = 50, NAME = '', ON = true })
                  C4:SendToProxy(5001, 'KEEP_EMPTY', { NAME = '' }, 'NOTIFY', true)
                  C4:SendToProxy(5001, 'ROON_STYLE', { NAME = '' }, true) -- allowEmpty in 4th place (B8)
                  C4:SendToProxy(1, 'ON_CONTROL_BINDING', {})
                  C4:SendToProxy(5001, 'TYPED', {}, 'command')
                  C4:SendToProxy(5001, 'BODY', '<text>SYSTEM ARMED</text>')
                end
                """).start(engine, dir)) {
            driver.command("Send");

            assertThat(driver).sentToProxy(5001, "LEVEL_CHANGED", Map.of("LEVEL", "50", "ON", "true"))
                    .sentToProxy(5001, "KEEP_EMPTY", Map.of("NAME", ""))
                    .sentToProxy(5001, "ROON_STYLE", Map.of("NAME", ""))
                    .sentToProxy(1, "ON_CONTROL_BINDING", Map.of());
            List<DirectorCall> sent = calls(driver, "SendToProxy");
            assertThat(sent).extracting(DirectorCall::notes).containsExactly(List.of("NOTIFY"), List.of("NOTIFY"),
                    List.of("NOTIFY"), List.of("COMMAND"), List.of("COMMAND"), List.of("NOTIFY"));
            assertThat(sent.get(5).arg(2)).isEqualTo("<text>SYSTEM ARMED</text>");
            driver.assertNoErrors();
        }
    }

    @AllEngines
    void sendToDeviceToItselfRunsExecuteCommandOnALaterTurn(String engine) {
        try (TestDriver driver = TestPackage.named("self").lua("""
                function ExecuteCommand(cmd, params)
                  if cmd == 'Start' then
                    C4:SendToDevice(C4:GetDeviceID(), 'Later', { X = 1, EMPTY = '' })
                    C4:SendToDevice(C4:GetDeviceID(), 'Secret', { PASSWORD = 'hunter2' }, false, false)
                    print('sent')
                  else
                    print(cmd, params.X, params.EMPTY, params.PASSWORD)
                  end
                end
                """).start(engine, dir)) {
            driver.command("Start");
            driver.awaitOutput("^Secret");

            assertThat(driver.outputLines()).containsExactly("sent", "Later\t1\tnil\tnil", "Secret\tnil\tnil\thunter2");
            List<DirectorCall> sent = calls(driver, "SendToDevice");
            assertThat(sent.get(0).arg(2)).isEqualTo(Map.of("X", "1"));
            // logCommand false keeps the values out of the record (and so out of logs and the console)
            assertThat(sent.get(1).arg(2)).isEqualTo(Map.of("PASSWORD", "***"));
        }
    }

    @AllEngines
    void sendToDeviceReachesAnotherHostedDriverAndItsProxy(String engine) {
        Path light = TestPackage.named("light").xml(LIGHT_PROXY).lua("""
                function ExecuteCommand(cmd, params) print('command', cmd, params.LEVEL) end
                function ReceivedFromProxy(binding, cmd, params) print('proxy', binding, cmd, params.LEVEL) end
                """).folder(dir);
        Path keypad = TestPackage.named("keypad").lua("""
                function ExecuteCommand(cmd, params)
                  local light = tonumber(params.LIGHT)
                  C4:SendToDevice(light, 'ON', { LEVEL = 100 })
                  C4:SendToDevice(light + 1, 'SET_LEVEL', { LEVEL = 5 }) -- its proxy device
                  C4:SendToDevice(4242, 'NOBODY', {}) -- recorded only
                end
                """).folder(dir);
        try (TestDriver lightDriver = TestDriver.builder().engine(engine).virtualTime().driverPackage(light).start();
             TestDriver keypadDriver = lightDriver.startBeside(keypad)) {
            keypadDriver.command("Press", Map.of("LIGHT", Integer.toString(lightDriver.deviceId())));
            lightDriver.awaitOutput("^proxy");

            assertThat(lightDriver.outputLines()).containsExactly("command\tON\t100", "proxy\t5001\tSET_LEVEL\t5");
            assertThat(keypadDriver).called("SendToDevice", 4242, "NOBODY");
            keypadDriver.assertNoErrors();
        }
    }

    @AllEngines
    void sendUIRequestAnswersOnTheSameLine(String engine) {
        Path light = TestPackage.named("light").xml(LIGHT_PROXY).lua("""
                function UIRequest(request, params) return '<light>' .. request .. ' ' .. params.WHICH .. '</light>' end
                """).folder(dir);
        Path keypad = TestPackage.named("keypad").lua("""
                function UIRequest(request, params) return '<self>' .. request .. '</self>' end
                function ExecuteCommand(cmd, params)
                  local light = tonumber(params.LIGHT)
                  print(C4:SendUIRequest(light, 'GET_STATE', { WHICH = 'level' }))
                  print(C4:SendUIRequest(light + 1, 'GET_PROXY', { WHICH = 'name' }))
                  print(C4:SendUIRequest(C4:GetDeviceID(), 'GET_OWN', {}))
                  print(C4:SendUIRequest(4242, 'GET_NOTHING', {}))
                end
                """).folder(dir);
        try (TestDriver lightDriver = TestDriver.builder().engine(engine).virtualTime().driverPackage(light).start();
             TestDriver keypadDriver = lightDriver.startBeside(keypad)) {
            keypadDriver.command("Ask", Map.of("LIGHT", Integer.toString(lightDriver.deviceId())));

            assertThat(keypadDriver.outputLines()).containsExactly("<light>GET_STATE level</light>",
                    "<light>GET_PROXY name</light>", "<self>GET_OWN</self>", "nil");
            assertThat(keypadDriver).called("SendUIRequest", lightDriver.deviceId(), "GET_STATE");
            assertThat(lightDriver).called("UIRequest", "GET_STATE");
            keypadDriver.assertNoErrors();
        }
    }
}
