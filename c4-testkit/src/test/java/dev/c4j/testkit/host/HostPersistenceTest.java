package dev.c4j.testkit.host;

import dev.c4j.api.ByteString;
import dev.c4j.host.state.DriverState;
import dev.c4j.host.state.StateStore;
import dev.c4j.testkit.AllEngines;
import dev.c4j.testkit.TestDriver;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What outlives a run (host spec H11, §3.7): {@code PersistData}, the {@code Persist*Value} store, properties,
 * variables and the init type, kept in a state folder; each "run" below is a TestDriver on the same folder.
 */
class HostPersistenceTest {

    @TempDir
    Path dir;

    private Path state() {
        return dir.resolve("state");
    }

    private TestDriver run(String engine, Path driverPackage) {
        return TestDriver.builder().engine(engine).virtualTime().driverPackage(driverPackage)
                .stateDirectory(state()).start();
    }

    @AllEngines
    void persistDataIsRestoredBeforeTheMainChunkAndSavedAtTheStop(String engine) {
        Path driver = TestPackage.named("counter").lua("""
                print('restored', PersistData.count, PersistData.name, PersistData.callback)
                PersistData.count = (PersistData.count or 0) + 1
                function ExecuteCommand(cmd)
                  PersistData.name = cmd
                  PersistData.callback = print -- functions cannot be stored: dropped with one warning
                end
                """).folder(dir);
        try (TestDriver first = run(engine, driver)) {
            first.command("first");
            first.stop();
            assertThat(first.messages()).singleElement().asString().contains("PersistData holds functions");
        }
        try (TestDriver second = run(engine, driver)) {
            assertThat(second.outputLines()).containsExactly("restored\t1\tfirst\tnil");
        }
        try (TestDriver third = run(engine, driver)) {
            assertThat(third.outputLines()).containsExactly("restored\t2\tfirst\tnil");
        }
    }

    @AllEngines
    void theTableThatPersistDataNamesAtSaveTimeIsSaved(String engine) {
        Path driver = TestPackage.named("replacer").lua("""
                print('restored', PersistData.kind)
                function ExecuteCommand() PersistData = { kind = 'replaced' } end
                """).folder(dir);
        try (TestDriver first = run(engine, driver)) {
            first.command("Replace");
        }
        try (TestDriver second = run(engine, driver)) {
            assertThat(second.outputLines()).containsExactly("restored\treplaced");
        }
    }

    @AllEngines
    void persistDataIsSavedWithinASecondOfAChangeOnTheDriversClock(String engine) {
        Path driver = TestPackage.named("saver").lua("""
                function ExecuteCommand(cmd) PersistData.name = cmd end
                """).folder(dir);
        try (TestDriver running = run(engine, driver)) {
            running.command("changed");
            running.advance(Duration.ofSeconds(1));

            // Read while the driver still runs, as the next start would after a crash.
            awaitSaved("saver", data -> ByteString.utf8("changed").equals(data.get(ByteString.utf8("name"))));
        }
    }

    /** Polls the driver's state file (written off the loop) until {@code saved} holds for its PersistData. */
    private void awaitSaved(String driverName, java.util.function.Predicate<Map<Object, Object>> saved) {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        Map<Object, Object> data = Map.of();
        while (System.nanoTime() < deadline) {
            StateStore store = StateStore.directory(state().resolve(driverName));
            DriverState loaded = store.load(warning -> { });
            store.close();
            data = loaded.persistData;
            if (saved.test(data)) {
                return;
            }
            sleep(20);
        }
        throw new AssertionError("PersistData not saved within 5 s; the state file holds " + data);
    }

    @AllEngines
    void persistValuesAreStoredAtOnceAndKeepTheirEncryptedFlag(String engine) throws IOException {
        Path driver = TestPackage.named("values").lua("""
                function ExecuteCommand(cmd)
                  if cmd == 'Write' then
                    C4:PersistSetValue('plain', { list = { 1, 2, 3 }, nested = { flag = true } })
                    C4:PersistSetValue('secret', 'hunter2', true)
                    C4:PersistSetValue('empty', '')
                  elseif cmd == 'Read' then
                    local plain = C4:PersistGetValue('plain')
                    print(#plain.list, plain.list[3], tostring(plain.nested.flag))
                    -- the flag belongs to the entry: the other flag reads nil (B16)
                    print(C4:PersistGetValue('secret'), C4:PersistGetValue('secret', true), C4:PersistGetValue('plain', true))
                    print('[' .. C4:PersistGetValue('empty') .. ']', C4:PersistGetValue('missing'))
                    local copy = C4:PersistGetValue('plain')
                    copy.list[1] = 99
                    print(C4:PersistGetValue('plain').list[1]) -- each read is a fresh copy
                  elseif cmd == 'Delete' then
                    C4:PersistDeleteValue('plain')
                    print(C4:PersistGetValue('plain'), C4:PersistGetValue('secret', true))
                    C4:PersistDeleteAll()
                  else
                    print(C4:PersistGetValue('secret', true), C4:PersistGetValue('empty'))
                  end
                end
                """).folder(dir);
        List<String> read = List.of("3\t3\ttrue", "nil\thunter2\tnil", "[]\tnil", "1");
        try (TestDriver first = run(engine, driver)) {
            first.command("Write");
            first.command("Read");
            assertThat(first.outputLines()).isEqualTo(read);
        }
        assertThat(stateBytes()).doesNotContain("hunter2"); // stored encrypted
        try (TestDriver second = run(engine, driver)) {
            second.command("Read");
            second.command("Delete");
            assertThat(second.outputLines()).containsSequence(read).endsWith("nil\thunter2");
        }
        try (TestDriver third = run(engine, driver)) {
            third.command("Check");
            assertThat(third.outputLines()).containsExactly("nil\tnil");
            third.assertNoErrors();
        }
    }

    /** Every file of the state folder, as one text (ISO-8859-1: one char per byte). */
    private String stateBytes() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(state())) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                all.append(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
        return all.toString();
    }

    @AllEngines
    void anUnstorableValueIsLoggedAndNotStoredWithoutALuaError(String engine) {
        Path driver = TestPackage.named("unstorable").lua("""
                function ExecuteCommand()
                  C4:PersistSetValue('kept', 'old')
                  C4:PersistSetValue('kept', function() end)
                  local cycle = {}
                  cycle.self = cycle
                  C4:PersistSetValue('cycle', cycle)
                  C4:PersistSetValue('nested', { ok = 1, bad = { f = print } })
                  print(C4:PersistGetValue('kept'), C4:PersistGetValue('cycle'), C4:PersistGetValue('nested'))
                  return 'carried on'
                end
                """).folder(dir);
        try (TestDriver driver1 = run(engine, driver)) {
            assertThat(driver1.command("Store").value()).isEqualTo("carried on");

            assertThat(driver1.outputLines()).containsExactly("old\tnil\tnil");
            assertThat(driver1.errors()).hasSize(3).allSatisfy(message ->
                    assertThat(message).startsWith("PersistSetValue('").endsWith("; nothing stored"));
        }
    }

    @AllEngines
    void everyByteAndTheTypeOfEveryKeyIsKept(String engine) {
        Path driver = TestPackage.named("binary").lua("""
                local all = {}
                for i = 0, 255 do all[#all + 1] = string.char(i) end
                local bytes = table.concat(all)
                function ExecuteCommand(cmd)
                  if cmd == 'Write' then
                    PersistData.bytes = bytes
                    PersistData[1] = 'number key'
                    PersistData['1'] = 'string key'
                    PersistData[bytes] = 'binary key'
                    PersistData[2.5] = { [true] = 'boolean key' }
                    C4:PersistSetValue('bytes', bytes)
                  else
                    print(PersistData.bytes == bytes, #PersistData.bytes, PersistData[1], PersistData['1'],
                          PersistData[bytes], PersistData[2.5][true], C4:PersistGetValue('bytes') == bytes)
                  end
                end
                """).folder(dir);
        try (TestDriver first = run(engine, driver)) {
            first.command("Write");
        }
        try (TestDriver second = run(engine, driver)) {
            second.command("Check");
            assertThat(second.outputLines())
                    .containsExactly("true\t256\tnumber key\tstring key\tbinary key\tboolean key\ttrue");
        }
    }

    private static final String INIT_TYPES = """
            function OnDriverInit(dit) print('init', dit) end
            function OnDriverLateInit(dit) print('late', dit) end
            """;

    @AllEngines
    void theInitTypeIsAddingThenStartupThenUpdatingWhenTheVersionChanges(String engine) {
        Path version1 = TestPackage.named("versioned").version("1").lua(INIT_TYPES).folder(dir.resolve("v1"));
        Path version2 = TestPackage.named("versioned").version("2").lua(INIT_TYPES).folder(dir.resolve("v2"));
        for (String[] step : new String[][]{{"1", "DIT_ADDING"}, {"1", "DIT_STARTUP"}, {"2", "DIT_UPDATING"},
                {"2", "DIT_STARTUP"}}) {
            try (TestDriver driver = run(engine, step[0].equals("1") ? version1 : version2)) {
                assertThat(driver.outputLines()).as("version %s", step[0])
                        .containsExactly("init\t" + step[1], "late\t" + step[1]);
            }
        }
        try (TestDriver withoutState = TestDriver.builder().engine(engine).driverPackage(version1).start()) {
            assertThat(withoutState.outputLines()).containsExactly("init\tDIT_STARTUP", "late\tDIT_STARTUP");
        }
    }

    @AllEngines
    void aDriverThatDoesNotCompileLeavesNoState(String engine) {
        Path broken = TestPackage.named("fragile").lua(INIT_TYPES + "x = = 1").folder(dir.resolve("broken"));
        Path fixed = TestPackage.named("fragile").lua(INIT_TYPES).folder(dir.resolve("fixed"));

        assertThatThrownBy(() -> run(engine, broken)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not compile");
        try (TestDriver driver = run(engine, fixed)) {
            assertThat(driver.outputLines()).containsExactly("init\tDIT_ADDING", "late\tDIT_ADDING");
        }
    }

    @AllEngines
    void anUpdateKeepsSurvivingPropertiesAndAddsNewOnes(String engine) {
        String lua = """
                function OnDriverLateInit(dit) print(dit, Properties.Kept, Properties.Removed, Properties.Added) end
                function ExecuteCommand()
                  C4:UpdateProperty('Kept', 'changed')
                  C4:UpdateProperty('Removed', 'changed')
                end
                """;
        Path version1 = TestPackage.named("updated").version("1").lua(lua).config("""
                <properties>
                  <property><name>Kept</name><type>STRING</type><default>k1</default></property>
                  <property><name>Removed</name><type>STRING</type><default>r1</default></property>
                </properties>""").folder(dir.resolve("v1"));
        Path version2 = TestPackage.named("updated").version("2").lua(lua).config("""
                <properties>
                  <property><name>Kept</name><type>STRING</type><default>k2</default></property>
                  <property><name>Added</name><type>STRING</type><default>a2</default></property>
                </properties>""").folder(dir.resolve("v2"));
        try (TestDriver first = run(engine, version1)) {
            first.command("Change");
        }
        try (TestDriver updated = run(engine, version2)) {
            assertThat(updated.outputLines()).containsExactly("DIT_UPDATING\tchanged\tnil\ta2");
        }
        try (TestDriver downgraded = run(engine, version1)) { // Removed was dropped: its default again
            assertThat(downgraded.outputLines()).containsExactly("DIT_UPDATING\tchanged\tr1\tnil");
        }
    }

    @AllEngines
    void variablesSurviveWithTheirIds(String engine) {
        Path driver = TestPackage.named("variables").lua("""
                print(Variables.MODE, C4:AddVariable('MODE', 'auto', 'STRING'), Variables.MODE)
                function ExecuteCommand() C4:SetVariable('MODE', 'manual') end
                function OnDriverLateInit()
                  print(C4:AddVariable('OTHER', '', 'STRING'))
                end
                """).folder(dir);
        try (TestDriver first = run(engine, driver)) {
            first.command("Set");
            assertThat(first.outputLines()).containsExactly("nil\ttrue\tauto", "true\t1002");
        }
        try (TestDriver second = run(engine, driver)) {
            // the driver finds its variable and adding it again fails, the value unchanged (B59)
            assertThat(second.outputLines()).containsExactly("manual\tfalse\tmanual", "false");
            assertThat(second.control().info().variables()).containsExactly(Map.entry("MODE", "manual"),
                    Map.entry("OTHER", ""));
        }
    }

    @AllEngines
    void aCorruptStateFileGivesOneWarningAndAnEmptyState(String engine) throws IOException {
        Path driver = TestPackage.named("corrupt").lua(INIT_TYPES + """
                print('restored', PersistData.x)
                function ExecuteCommand() PersistData.x = 'saved' end
                """).folder(dir);
        try (TestDriver first = run(engine, driver)) {
            first.command("Save");
        }
        try (Stream<Path> files = Files.list(state().resolve("corrupt"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.write(file, "garbage".getBytes(StandardCharsets.US_ASCII));
            }
        }
        try (TestDriver afterCorruption = run(engine, driver)) {
            assertThat(afterCorruption.outputLines()).containsExactly("restored\tnil", "init\tDIT_ADDING",
                    "late\tDIT_ADDING");
            assertThat(afterCorruption.messages()).singleElement().asString().startsWith("warning: the driver state ")
                    .contains("is corrupt");
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }
}
