package dev.c4j.lua;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * A driver's files (host spec 7.5): the {@code SANDBOX} directory, read and write, and its own package
 * ({@code C4Z}), read only. Every name is relative to the current directory; a name that would leave its root
 * (absolute, {@code ..}, a symbolic link pointing out) is refused with a warning, so nothing outside is ever read or
 * written. I/O is small and synchronous, as on the controller.
 *
 * <p>A name is checked when it is used: its real path ({@link Path#toRealPath}, links followed) must lie inside the
 * root. Something other than the driver changing the sandbox between that check and the use is out of scope: the
 * driver itself cannot make links.
 */
final class FileSandbox implements AutoCloseable {

    /** The directories a driver may name. */
    enum Alias { SANDBOX, C4Z }

    /** Where names are looked up: a root and a relative directory under it. */
    private record Directory(Alias alias, Path relative) {
    }

    private static final class OpenFile {
        final String name;
        final FileChannel channel;
        final boolean readOnly;
        long position; // the read position; writes always append
        boolean atEnd; // a read reached the end, as C's feof

        OpenFile(String name, FileChannel channel, boolean readOnly, long position) {
            this.name = name;
            this.channel = channel;
            this.readOnly = readOnly;
            this.position = position;
        }
    }

    private static final Path HERE = Path.of("");

    private final DriverFiles files;
    private final Consumer<String> warn;
    private final Map<Integer, OpenFile> handles = new TreeMap<>();
    private Path sandboxRoot; // real path, made on first use
    private boolean temporary;
    private Directory current = new Directory(Alias.SANDBOX, HERE);
    private int nextHandle = 1;

    /** {@code warn} receives one line per refused or failed operation. */
    FileSandbox(DriverFiles files, Consumer<String> warn) {
        this.files = files;
        this.warn = warn;
    }

    // ---- directories -------------------------------------------------------------------------------------------

    /**
     * {@code FileSetDir(alias[, subdir])}: {@code SANDBOX} or {@code C4Z} (any case [CHOICE]); any other alias,
     * full path or unlock string is refused and the directory stays as it was.
     */
    void setDir(String aliasName, String subdir) {
        Alias alias = alias(aliasName, "FileSetDir");
        Path relative = alias == null ? null : relativeName(subdir == null ? "" : subdir, "FileSetDir", true);
        if (relative != null) {
            current = new Directory(alias, relative);
        }
    }

    /** {@code FileCreateDir(alias, sub)}, in the sandbox only. */
    void createDir(String aliasName, String sub) {
        Path target = writable(aliasName, sub, "FileCreateDir");
        if (target != null) {
            io("FileCreateDir", sub, () -> Files.createDirectories(target));
        }
    }

    /** {@code FileMove(aliasFrom, from, aliasTo, to)}, in the sandbox only; an existing target is replaced. */
    void move(String aliasFrom, String from, String aliasTo, String to) {
        Path source = writable(aliasFrom, from, "FileMove");
        Path target = source == null ? null : writable(aliasTo, to, "FileMove");
        if (target != null) {
            io("FileMove", from, () -> Files.move(source, target, StandardCopyOption.REPLACE_EXISTING));
        }
    }

    /** {@code FileList()}: the names in the current directory, sorted [CHOICE], or null when there are none. */
    List<String> list() {
        Path directory = resolve(current, "", "FileList");
        if (directory == null || !Files.isDirectory(directory)) {
            return null;
        }
        List<String> names = new ArrayList<>();
        io("FileList", "", () -> {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
                entries.forEach(entry -> names.add(entry.getFileName().toString()));
            }
        });
        names.sort(null);
        return names.isEmpty() ? null : names;
    }

    /** {@code FileFreeSpace()}: the bytes free for the sandbox. */
    long freeSpace() {
        try {
            return Files.getFileStore(sandboxRoot()).getUsableSpace();
        } catch (IOException e) {
            warn.accept("FileFreeSpace failed: " + e.getMessage());
            return 0;
        }
    }

    // ---- names ------------------------------------------------------------------------------------------------

    /** {@code FileExists(name)}: false for a refused name too. */
    boolean exists(String name) {
        Path target = resolve(current, name, "FileExists");
        return target != null && Files.exists(target);
    }

    /** {@code FileDelete(name)} in the current directory; nothing in {@code C4Z} can be deleted. */
    void delete(String name) {
        Path target = current.alias() == Alias.SANDBOX ? resolve(current, name, "FileDelete") : readOnly("FileDelete", name);
        if (target != null) {
            io("FileDelete", name, () -> Files.deleteIfExists(target));
        }
    }

    /** {@code FileDelete(alias, subpath)}: relative to the alias's root, the sandbox only. */
    void delete(String aliasName, String subpath) {
        Path target = writable(aliasName, subpath, "FileDelete");
        if (target != null) {
            io("FileDelete", subpath, () -> Files.deleteIfExists(target));
        }
    }

    // ---- handles ----------------------------------------------------------------------------------------------

    /**
     * {@code FileOpen(name)}: a handle, positive and never reused while the driver runs [CHOICE], or -1. In the
     * sandbox the file is opened or created for reading and appending; in {@code C4Z} an existing file is opened for
     * reading. The read position starts at the end (B42).
     */
    int open(String name) {
        Path target = resolve(current, name, "FileOpen");
        if (target == null || Files.isDirectory(target)) {
            return -1;
        }
        boolean readOnly = current.alias() == Alias.C4Z;
        try {
            FileChannel channel = readOnly
                    ? FileChannel.open(target, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)
                    : FileChannel.open(target, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
            int handle = nextHandle++;
            handles.put(handle, new OpenFile(name, channel, readOnly, channel.size()));
            return handle;
        } catch (IOException e) {
            return -1; // no such file in C4Z, a missing directory: the usual -1, no warning
        }
    }

    void close(int handle) {
        OpenFile file = handles.remove(handle);
        if (file != null) {
            closeQuietly(file);
        }
    }

    /** {@code FileRead(h, n)}: up to {@code n} bytes from the read position; empty at the end or for a bad handle. */
    byte[] read(int handle, long n) {
        OpenFile file = handles.get(handle);
        if (file == null || n <= 0) {
            return new byte[0];
        }
        try {
            long available = Math.max(0, file.channel.size() - file.position);
            ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(Math.min(n, available), Integer.MAX_VALUE - 8));
            while (buffer.hasRemaining() && file.channel.read(buffer, file.position + buffer.position()) > 0) {
                // positional reads until the buffer is full
            }
            file.position += buffer.position();
            file.atEnd = buffer.position() < n;
            return Arrays.copyOf(buffer.array(), buffer.position());
        } catch (IOException e) {
            warn.accept("FileRead('" + file.name + "') failed: " + e.getMessage());
            return new byte[0];
        }
    }

    /** Appends {@code data}; the bytes written, or -1 for a bad or read-only handle. */
    long append(int handle, byte[] data) {
        OpenFile file = handles.get(handle);
        if (file == null || file.readOnly) {
            return -1;
        }
        try {
            ByteBuffer buffer = ByteBuffer.wrap(data);
            while (buffer.hasRemaining()) {
                file.channel.write(buffer, file.channel.size());
            }
            return data.length;
        } catch (IOException e) {
            warn.accept("FileWrite('" + file.name + "') failed: " + e.getMessage());
            return -1;
        }
    }

    /** {@code FileSetPos(h, pos)}: the 0-based read position (a negative one is 0 [CHOICE]); clears the end flag. */
    void setPosition(int handle, long position) {
        OpenFile file = handles.get(handle);
        if (file != null) {
            file.position = Math.max(0, position);
            file.atEnd = false;
        }
    }

    /** The read position, or -1 for a bad handle [CHOICE]. */
    long position(int handle) {
        OpenFile file = handles.get(handle);
        return file == null ? -1 : file.position;
    }

    /** The file's size, or -1 for a bad handle [CHOICE]. */
    long size(int handle) {
        OpenFile file = handles.get(handle);
        try {
            return file == null ? -1 : file.channel.size();
        } catch (IOException e) {
            return -1;
        }
    }

    /** False for closed or unknown handles, and after a read reached the end until the next set position (B44). */
    boolean isValid(int handle) {
        OpenFile file = handles.get(handle);
        return file != null && !file.atEnd;
    }

    /** The name the file was opened by, or {@code ""}. */
    String name(int handle) {
        OpenFile file = handles.get(handle);
        return file == null ? "" : file.name;
    }

    /** {@code {[handle] = name}} of the open files, or null when none is open. */
    Map<Integer, String> openedHandles() {
        if (handles.isEmpty()) {
            return null;
        }
        Map<Integer, String> names = new TreeMap<>();
        handles.forEach((handle, file) -> names.put(handle, file.name));
        return names;
    }

    /** Closes every open file and deletes a temporary sandbox: the driver stopped. */
    @Override
    public void close() {
        handles.values().forEach(FileSandbox::closeQuietly);
        handles.clear();
        if (temporary && sandboxRoot != null) {
            deleteTree(sandboxRoot);
        }
    }

    // ---- resolution -------------------------------------------------------------------------------------------

    /** The sandbox path of {@code name} under {@code aliasName}'s root, for an operation that writes. */
    private Path writable(String aliasName, String name, String operation) {
        Alias alias = alias(aliasName, operation);
        if (alias == Alias.C4Z) {
            return readOnly(operation, name);
        }
        Path relative = alias == null ? null : relativeName(name, operation, false);
        return relative == null ? null : resolve(new Directory(alias, HERE), name, operation);
    }

    private Path readOnly(String operation, String name) {
        warn.accept(operation + "('" + name + "') refused: C4Z is read-only");
        return null;
    }

    private Alias alias(String name, String operation) {
        try {
            return Alias.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            warn.accept(operation + "('" + name + "') refused: only SANDBOX and C4Z may be named");
            return null;
        }
    }

    /** {@code name} as a relative path with no {@code ..}, or null (warned) when it is not one. */
    private Path relativeName(String name, String operation, boolean emptyAllowed) {
        Path relative;
        try {
            relative = HERE.getFileSystem().getPath(name);
        } catch (InvalidPathException e) {
            return refuse(operation, name, "not a file name");
        }
        if ((name.isEmpty() && !emptyAllowed) || relative.isAbsolute() || relative.getRoot() != null) {
            return refuse(operation, name, "names are relative");
        }
        for (Path part : relative) {
            if (part.toString().equals("..")) {
                return refuse(operation, name, "'..' leaves the sandbox");
            }
        }
        return relative;
    }

    /**
     * The real path {@code name} names in {@code directory}, or null (warned) when it is refused or would lie
     * outside the directory's root. Links are followed as far as the name exists; a part not yet existing cannot be
     * a link.
     */
    private Path resolve(Directory directory, String name, String operation) {
        Path relative = relativeName(name, operation, true);
        Path root = relative == null ? null : root(directory.alias(), operation, name);
        if (root == null) {
            return null;
        }
        Path target = root.resolve(directory.relative()).resolve(relative).normalize();
        Path existing = target;
        Path rest = HERE;
        while (!Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            rest = existing.getFileName().resolve(rest);
            existing = existing.getParent();
        }
        try {
            Path real = existing.toRealPath().resolve(rest);
            return real.startsWith(root) ? real : refuse(operation, name, "it leads out of " + directory.alias());
        } catch (IOException e) { // a link to nowhere
            return refuse(operation, name, "a link that leads nowhere");
        }
    }

    private Path root(Alias alias, String operation, String name) {
        if (alias == Alias.SANDBOX) {
            return sandboxRoot();
        }
        if (files.packageRoot() == null) {
            return refuse(operation, name, "this driver has no package (C4Z)");
        }
        try {
            return files.packageRoot().toRealPath();
        } catch (IOException e) {
            return refuse(operation, name, "the package directory is missing");
        }
    }

    /** The sandbox's real path, made on first use: the host's directory, or a fresh temporary one. */
    private Path sandboxRoot() {
        if (sandboxRoot == null) {
            try {
                if (files.sandbox() != null) {
                    sandboxRoot = Files.createDirectories(files.sandbox()).toRealPath();
                } else {
                    sandboxRoot = Files.createTempDirectory("c4j-sandbox-").toRealPath();
                    temporary = true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot make the driver's file sandbox", e);
            }
        }
        return sandboxRoot;
    }

    private Path refuse(String operation, String name, String reason) {
        warn.accept(operation + "('" + name + "') refused: " + reason);
        return null;
    }

    // ---- I/O --------------------------------------------------------------------------------------------------

    private interface IoAction {
        void run() throws IOException;
    }

    private void io(String operation, String name, IoAction action) {
        try {
            action.run();
        } catch (IOException e) {
            warn.accept(operation + "('" + name + "') failed: " + e);
        }
    }

    private static void closeQuietly(OpenFile file) {
        try {
            file.channel.close();
        } catch (IOException e) {
            // closing a file we only read or appended to: nothing left to save
        }
    }

    private static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is the system's to clean
        }
    }
}
