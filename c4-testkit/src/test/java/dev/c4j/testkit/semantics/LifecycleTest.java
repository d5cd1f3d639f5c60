package dev.c4j.testkit.semantics;

import dev.c4j.lua.DriverOutput;
import dev.c4j.lua.spi.LuaSyntaxException;
import dev.c4j.runtime.C4Runtime;
import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;
import dev.c4j.testkit.TestPeer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static dev.c4j.testkit.semantics.Drivers.awaitLine;
import static dev.c4j.testkit.semantics.Drivers.awaitPort;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start and stop (spec section 1). */
class LifecycleTest {

    @AllEngines
    void entryPointsRunInOrder(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                print('chunk')
                function OnDriverInit(dit) print('init', dit) end
                function OnDriverLateInit(dit) print('late init', dit) end
                function OnDriverDestroyed(dit) print('destroyed', dit) end
                """)) {
            assertThat(d.outputLines()).containsExactly("chunk", "init\tDIT_STARTUP", "late init\tDIT_STARTUP");
            d.stop();
            assertThat(d.outputLines()).containsExactly("chunk", "init\tDIT_STARTUP", "late init\tDIT_STARTUP",
                    "destroyed\tDIT_LOADED");
            d.stop(); // idempotent
            assertThat(d.outputLines()).hasSize(4);
            assertThatThrownBy(() -> d.driver().onLoop(() -> null)).isInstanceOf(IllegalStateException.class);
        }
    }

    @AllEngines
    void errorsInEntryPointsAreReportedAndTheLifecycleGoesOn(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                function OnDriverInit() error('init failed') end
                function OnDriverLateInit() print('late init ran') end
                error('chunk failed')
                """)) {
            assertThat(d.outputLines()).containsExactly("late init ran");
            assertThat(d.messages()).hasSize(2);
            assertThat(d.messages().get(0)).startsWith("drv:3: chunk failed\nstack traceback:");
            assertThat(d.messages().get(1)).startsWith("drv:1: init failed\nstack traceback:");
        }
    }

    @AllEngines
    void aChunkThatDoesNotCompileRunsNothing(String engine) {
        // On the runtime itself: TestDriver turns the syntax error into an assertion and keeps no output of it.
        List<String> output = new CopyOnWriteArrayList<>();
        DriverOutput recording = new DriverOutput() {
            @Override
            public void print(String driverName, byte[] line) {
                output.add(new String(line, StandardCharsets.ISO_8859_1));
            }

            @Override
            public void message(String driverName, String text) {
                output.add(text);
            }
        };
        try (C4Runtime runtime = C4Runtime.builder().engine(engine).output(recording).build()) {
            byte[] source = """
                    print('never')
                    x = = 1
                    """.getBytes(StandardCharsets.UTF_8);
            assertThatThrownBy(() -> runtime.start("drv", source))
                    .isInstanceOf(LuaSyntaxException.class).hasMessageStartingWith("drv:2:");
        }
        assertThat(output).isEmpty();
    }

    @AllEngines
    void initTimeCallsWarnOncePerApi(String engine) {
        try (TestDriver d = Drivers.start(engine, """
                C4:SetTimer(1000, function() end) -- top level: silent
                C4:CreateTCPServer()
                function OnDriverInit()
                  C4:SetTimer(1000, function() end)
                  C4:SetTimer(1000, function() end)
                  local s = C4:CreateTCPServer()
                  s:Listen('127.0.0.1', 0)
                  s:Close()
                  print('init done')
                end
                function OnDriverLateInit() C4:SetTimer(1000, function() end); C4:CreateTCPClient(); print('late done') end
                """)) {
            assertThat(d.outputLines()).containsExactly("init done", "late done");
            assertThat(d.messages()).containsExactly(
                    "warning: SetTimer called during OnDriverInit; DriverWorks advises to wait for OnDriverLateInit",
                    "warning: CreateTCPServer called during OnDriverInit; DriverWorks advises to wait for OnDriverLateInit",
                    "warning: Listen called during OnDriverInit; DriverWorks advises to wait for OnDriverLateInit",
                    "warning: Close called during OnDriverInit; DriverWorks advises to wait for OnDriverLateInit");
        }
    }

    @AllEngines
    void afterOnDriverDestroyedNothingCallsBack(String engine) {
        // Real time, not virtual: the testkit cannot move virtual time once the driver is stopped, and on virtual
        // time a stopped driver's timers could not fire anyway, so the test would prove nothing.
        try (TestDriver d = TestDriver.builder().engine(engine).lua("drv", """
                C4:SetTimer(10, function() print('tick') end, true)
                C4:AddTimer(10, 'MILLISECONDS', true)
                function OnTimerExpired() print('legacy tick') end
                server = C4:CreateTCPServer()
                  :OnListen(function(s, ep) print('port ' .. ep.port) end)
                  :OnAccept(function(s, c)
                    clients = clients or {}
                    clients[#clients + 1] = c
                    c:OnRead(function() print('read') end)
                     :OnDisconnect(function() print('disconnect') end)
                     :ReadUntil('\\n')
                    print('accepted')
                  end)
                  :Listen('127.0.0.1', 0)
                function OnDriverDestroyed() print('destroyed') end
                """).start()) {
            try (TestPeer peer = TestPeer.connect(awaitPort(d))) {
                awaitLine(d, "accepted");
                awaitLine(d, "tick");
                awaitLine(d, "legacy tick");
                d.stop();
                List<String> atStop = d.outputLines();
                assertThat(atStop).last().isEqualTo("destroyed");
                assertThat(atStop).doesNotContain("read", "disconnect");
                peer.expectEof();
                peer.send("data\n");
                Drivers.sleep(100); // ten periods of both timers
                assertThat(d.outputLines()).isEqualTo(atStop);
                d.assertNoErrors();
            }
        }
    }
}
