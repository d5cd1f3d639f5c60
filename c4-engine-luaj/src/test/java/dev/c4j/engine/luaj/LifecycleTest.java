package dev.c4j.engine.luaj;

import dev.c4j.api.VirtualClock;
import dev.c4j.lua.spi.LuaSyntaxException;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Start and stop (spec section 1). */
class LifecycleTest {

    @Test
    void entryPointsRunInOrder() {
        TestDriver d = TestDriver.start("""
                print('chunk')
                function OnDriverInit(dit) print('init', dit) end
                function OnDriverLateInit(dit) print('late init', dit) end
                function OnDriverDestroyed(dit) print('destroyed', dit) end
                """);
        assertThat(d.lines()).containsExactly("chunk", "init\tDIT_STARTUP", "late init\tDIT_STARTUP");
        d.close();
        assertThat(d.lines()).containsExactly("chunk", "init\tDIT_STARTUP", "late init\tDIT_STARTUP",
                "destroyed\tDIT_LOADED");
        d.close(); // idempotent
        assertThat(d.lines()).hasSize(4);
        assertThatThrownBy(() -> d.driver.onLoop(() -> null)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void errorsInEntryPointsAreReportedAndTheLifecycleGoesOn() {
        try (TestDriver d = TestDriver.start("""
                function OnDriverInit() error('init failed') end
                function OnDriverLateInit() print('late init ran') end
                error('chunk failed')
                """)) {
            assertThat(d.lines()).containsExactly("late init ran");
            assertThat(d.messages()).hasSize(2);
            assertThat(d.messages().get(0)).startsWith("drv:3: chunk failed\nstack traceback:");
            assertThat(d.messages().get(1)).startsWith("drv:1: init failed\nstack traceback:");
        }
    }

    @Test
    void aChunkThatDoesNotCompileRunsNothing() {
        TestDriver d = TestDriver.create("""
                print('never')
                x = = 1
                """);
        try {
            assertThatThrownBy(d.driver::start).isInstanceOf(LuaSyntaxException.class).hasMessageStartingWith("drv:2:");
            assertThat(d.lines()).isEmpty();
            assertThat(d.messages()).isEmpty();
        } finally {
            d.close();
        }
    }

    @Test
    void initTimeCallsWarnOncePerApi() {
        try (TestDriver d = TestDriver.start("""
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
            assertThat(d.lines()).containsExactly("init done", "late done");
            assertThat(d.messages()).containsExactly(
                    "warning: SetTimer called during OnDriverInit; DriverWorks advises to wait for OnDriverLateInit",
                    "warning: CreateTCPServer called during OnDriverInit; DriverWorks advises to wait for OnDriverLateInit",
                    "warning: Listen called during OnDriverInit; DriverWorks advises to wait for OnDriverLateInit",
                    "warning: Close called during OnDriverInit; DriverWorks advises to wait for OnDriverLateInit");
        }
    }

    @Test
    void afterOnDriverDestroyedNothingCallsBack() throws Exception {
        VirtualClock clock = new VirtualClock();
        TestDriver d = TestDriver.start("""
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
                """, clock);
        int port = d.awaitNumber("port ");
        try (Peer peer = Peer.connect(port)) {
            d.await("accepted");
            clock.advanceMillis(10);
            assertThat(d.lines()).contains("tick", "legacy tick");
            int printed = d.lines().size();
            d.close();
            assertThat(d.lines()).hasSize(printed + 1).last().isEqualTo("destroyed");
            peer.send("data\n");
            assertThat(peer.isClosedByOtherSide()).isTrue();
            clock.advance(Duration.ofSeconds(1));
            Thread.sleep(50);
            assertThat(d.lines()).hasSize(printed + 1);
            assertThat(d.messages()).isEmpty();
        }
    }
}
