package dev.c4j.host.state;

import dev.c4j.api.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class FileStateStoreTest {

    @TempDir
    Path folder;

    private static byte[] everyByte() {
        byte[] bytes = new byte[256];
        for (int i = 0; i < 256; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    private DriverState sample() {
        DriverState state = new DriverState();
        state.version = "7";
        state.properties.put("Port", "4999");
        state.variables.add(new DriverState.Variable(1001, "POWER", "1", "BOOL", false, true));
        Map<Object, Object> nested = new LinkedHashMap<>();
        nested.put(1.0, ByteString.of(everyByte()));
        nested.put(ByteString.utf8("1"), true); // the string key "1" and the number key 1 stay apart
        state.persistData.put(ByteString.utf8("inputs"), nested);
        state.persistValues.put("token", new DriverState.PersistEntry(ByteString.utf8("secret"), true));
        state.persistValues.put("count", new DriverState.PersistEntry(3.0, false));
        state.dynamicConnections.put(3001, List.of(new DriverState.Connection(true, 300, 3, "DYN")));
        return state;
    }

    @Test
    void aSavedStateReadsBackExactlyInANewStore() {
        try (StateStore store = StateStore.directory(folder)) {
            store.save(sample());
        }
        List<String> warnings = new ArrayList<>();
        DriverState read;
        try (StateStore store = StateStore.directory(folder)) {
            read = store.load(warnings::add);
        }
        assertThat(warnings).isEmpty();
        assertThat(read.version).isEqualTo("7");
        assertThat(read.properties).containsExactly(Map.entry("Port", "4999"));
        assertThat(read.variables).containsExactly(new DriverState.Variable(1001, "POWER", "1", "BOOL", false, true));
        assertThat(read.persistData).isEqualTo(sample().persistData);
        assertThat(read.persistValues).isEqualTo(sample().persistValues);
        assertThat(read.dynamicConnections).isEqualTo(sample().dynamicConnections);
    }

    @Test
    void encryptedEntriesAreNotStoredInTheClear() throws IOException {
        try (StateStore store = StateStore.directory(folder)) {
            store.save(sample());
        }
        String file = new String(Files.readAllBytes(folder.resolve("state.bin")), java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(file).contains("4999").doesNotContain("secret");
        assertThat(folder.resolve("secret.key")).exists();
    }

    @Test
    void aCorruptFileGivesAWarningAndAnEmptyStateAndIsKeptAside() throws IOException {
        Files.write(folder.resolve("state.bin"), new byte[] {0x43, 0x34, 0x4A, 0x53, 0, 0, 0, 1, 7, 7});
        List<String> warnings = new ArrayList<>();
        DriverState read;
        try (StateStore store = StateStore.directory(folder)) {
            read = store.load(warnings::add);
        }
        assertThat(read.version).isNull();
        assertThat(warnings).singleElement().asString().contains("is corrupt").contains("state.bin");
        try (var files = Files.list(folder)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("state.bin.corrupt-"));
        }
    }

    @Test
    void aTemporaryFileLeftByAKilledSaveDoesNotTouchTheLastState() throws IOException {
        try (StateStore store = StateStore.directory(folder)) {
            store.save(sample());
        }
        // A save killed before its rename leaves only the temporary file, half written.
        Files.write(folder.resolve("state.bin.tmp"), new byte[] {1, 2, 3});
        try (StateStore store = StateStore.directory(folder)) {
            assertThat(store.load(w -> { }).version).isEqualTo("7");
        }
    }

    @Test
    void noStateYetIsAnEmptyStateWithoutVersion() {
        try (StateStore store = StateStore.directory(folder.resolve("new"))) {
            DriverState state = store.load(w -> { });
            assertThat(state.version).isNull();
            assertThat(state.properties).isEmpty();
        }
    }
}
