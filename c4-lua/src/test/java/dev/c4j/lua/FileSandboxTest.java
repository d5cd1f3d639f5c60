package dev.c4j.lua;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The file sandbox (spec 7.5): handles, append and read positions, and every way out refused. */
class FileSandboxTest {

    @TempDir
    Path temp;

    private final List<String> warnings = new ArrayList<>();

    private FileSandbox sandbox(Path packageRoot) throws IOException {
        return new FileSandbox(new DriverFiles(Files.createDirectories(temp.resolve("sandbox")), packageRoot), warnings::add);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    @Test
    void writesAppendAndReadsFollowThePosition() throws IOException {
        try (FileSandbox files = sandbox(null)) {
            int h = files.open("log.txt");
            assertThat(h).isPositive();
            assertThat(files.append(h, ascii("hello "))).isEqualTo(6);
            assertThat(files.append(h, ascii("world"))).isEqualTo(5);
            assertThat(files.size(h)).isEqualTo(11);
            assertThat(files.position(h)).isZero(); // opened empty: the end was 0
            assertThat(text(files.read(h, 5))).isEqualTo("hello");
            assertThat(files.position(h)).isEqualTo(5);
            files.setPosition(h, 6);
            assertThat(text(files.read(h, 5))).isEqualTo("world");
            assertThat(files.isValid(h)).isTrue(); // read exactly to the end: not past it
            assertThat(text(files.read(h, 5))).isEmpty();
            assertThat(files.isValid(h)).isFalse();
            files.setPosition(h, 0);
            assertThat(files.isValid(h)).isTrue();
            assertThat(files.name(h)).isEqualTo("log.txt");
            assertThat(files.openedHandles()).isEqualTo(Map.of(h, "log.txt"));
            files.close(h);
            assertThat(files.isValid(h)).isFalse();
            assertThat(files.name(h)).isEmpty();
            assertThat(files.append(h, ascii("x"))).isEqualTo(-1);
            assertThat(files.openedHandles()).isNull();
            assertThat(Files.readString(temp.resolve("sandbox/log.txt"))).isEqualTo("hello world");
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void reopeningStartsAtTheEndAndHandlesAreNotReused() throws IOException {
        try (FileSandbox files = sandbox(null)) {
            int first = files.open("a");
            files.append(first, ascii("12345"));
            int second = files.open("a");
            assertThat(second).isNotEqualTo(first);
            assertThat(files.position(second)).isEqualTo(5);
            files.close(first);
            assertThat(files.open("b")).isNotIn(first, second);
        }
    }

    @Test
    void directoriesListsExistsAndDeletes() throws IOException {
        try (FileSandbox files = sandbox(null)) {
            assertThat(files.list()).isNull();
            files.createDir("SANDBOX", "sub/deeper");
            files.close(files.open("b.txt"));
            files.close(files.open("a.txt"));
            assertThat(files.list()).containsExactly("a.txt", "b.txt", "sub");
            files.setDir("sandbox", "sub");
            files.close(files.open("inner"));
            assertThat(files.exists("inner")).isTrue();
            assertThat(files.exists("a.txt")).isFalse();
            files.setDir("SANDBOX", null);
            assertThat(files.exists("sub/inner")).isTrue();
            files.move("SANDBOX", "sub/inner", "SANDBOX", "moved");
            assertThat(files.exists("moved")).isTrue();
            files.delete("moved");
            files.delete("SANDBOX", "a.txt");
            assertThat(files.list()).containsExactly("b.txt", "sub");
            assertThat(files.freeSpace()).isPositive();
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void namesThatLeaveTheSandboxAreRefused() throws IOException {
        Path outside = Files.writeString(temp.resolve("secret.txt"), "secret");
        try (FileSandbox files = sandbox(null)) {
            assertThat(files.open("../secret.txt")).isEqualTo(-1);
            assertThat(files.open(outside.toString())).isEqualTo(-1);
            assertThat(files.exists("../secret.txt")).isFalse();
            assertThat(files.exists("a/../../secret.txt")).isFalse();
            files.delete("../secret.txt");
            files.createDir("SANDBOX", "../escape");
            files.move("SANDBOX", "x", "SANDBOX", "../moved");
            assertThat(files.open("")).isEqualTo(-1);
        }
        assertThat(outside).hasContent("secret");
        assertThat(temp.resolve("escape")).doesNotExist();
        assertThat(warnings).hasSize(7).allMatch(w -> w.startsWith("File") && w.contains("refused"));
    }

    @Test
    void linksPointingOutAreRefusedLinksInsideFollowed() throws IOException {
        Path outsideDir = Files.createDirectories(temp.resolve("outside"));
        Files.writeString(outsideDir.resolve("secret.txt"), "secret");
        try (FileSandbox files = sandbox(null)) {
            Path root = temp.resolve("sandbox");
            Files.createSymbolicLink(root.resolve("out"), outsideDir);
            Files.createSymbolicLink(root.resolve("file-out"), outsideDir.resolve("secret.txt"));
            Files.createSymbolicLink(root.resolve("dangling"), outsideDir.resolve("new.txt"));
            Files.createDirectories(root.resolve("in"));
            Files.createSymbolicLink(root.resolve("in-link"), root.resolve("in"));
            assertThat(files.open("out/secret.txt")).isEqualTo(-1);
            assertThat(files.open("out/new.txt")).isEqualTo(-1);
            assertThat(files.open("file-out")).isEqualTo(-1);
            assertThat(files.open("dangling")).isEqualTo(-1);
            assertThat(files.exists("out")).isFalse();
            files.setDir("SANDBOX", "out");
            assertThat(files.list()).isNull();
            files.setDir("SANDBOX", "");
            assertThat(files.open("in-link/ok.txt")).isPositive();
        }
        assertThat(outsideDir.resolve("new.txt")).doesNotExist();
        assertThat(Files.list(outsideDir)).hasSize(1);
        assertThat(temp.resolve("sandbox/in/ok.txt")).exists();
    }

    @Test
    void otherAliasesAndFullPathsAreRefusedAndTheDirectoryStays() throws IOException {
        try (FileSandbox files = sandbox(null)) {
            files.createDir("SANDBOX", "sub");
            files.setDir("SANDBOX", "sub");
            files.setDir("LOGGING", null);
            files.setDir("/control4/drivers/lua/sandbox/100", null);
            files.setDir("C4Z_ROOT", null);
            files.close(files.open("here"));
            assertThat(temp.resolve("sandbox/sub/here")).exists();
            files.setDir("C4Z", null);
            assertThat(files.open("driver.xml")).isEqualTo(-1);
        }
        assertThat(warnings).hasSize(4);
        assertThat(warnings.get(3)).isEqualTo("FileOpen('driver.xml') refused: this driver has no package (C4Z)");
    }

    @Test
    void theDriversPackageIsReadOnly() throws IOException {
        Path c4z = Files.createDirectories(temp.resolve("package/www"));
        Files.writeString(temp.resolve("package/driver.xml"), "<devicedata/>");
        try (FileSandbox files = sandbox(temp.resolve("package"))) {
            files.setDir("C4Z", null);
            int h = files.open("driver.xml");
            assertThat(h).isPositive();
            files.setPosition(h, 0);
            assertThat(text(files.read(h, 100))).isEqualTo("<devicedata/>");
            assertThat(files.append(h, ascii("x"))).isEqualTo(-1);
            assertThat(files.open("missing.xml")).isEqualTo(-1);
            assertThat(files.exists("www")).isTrue();
            assertThat(files.exists("../sandbox")).isFalse();
            files.delete("driver.xml");
            files.delete("C4Z", "driver.xml");
            files.createDir("C4Z", "new");
        }
        assertThat(temp.resolve("package/driver.xml")).hasContent("<devicedata/>");
        assertThat(c4z.resolveSibling("new")).doesNotExist();
        assertThat(warnings).hasSize(4);
    }

    @Test
    void aTemporarySandboxIsDeletedWhenTheDriverStops() {
        FileSandbox files = new FileSandbox(DriverFiles.temporary(), warnings::add);
        int h = files.open("x");
        files.append(h, ascii("data"));
        List<String> names = files.list();
        assertThat(names).containsExactly("x");
        Path root = Path.of(System.getProperty("java.io.tmpdir"));
        files.close();
        assertThat(files.openedHandles()).isNull();
        try (var entries = Files.list(root)) {
            assertThat(entries.filter(p -> p.getFileName().toString().startsWith("c4j-sandbox-"))
                    .filter(p -> Files.exists(p.resolve("x")))).isEmpty();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
