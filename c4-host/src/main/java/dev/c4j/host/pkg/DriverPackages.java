package dev.c4j.host.pkg;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.c4j.api.host.DriverManifest;
import dev.c4j.api.host.DriverPackage;
import dev.c4j.host.pkg.OpenedPackage.Origin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Opens a driver as its author ships it (host spec §1.1), telling the form from the path:
 * <ul>
 *   <li>a folder: the unpacked {@code .c4z} tree, {@code driver.xml} at its root; a folder with {@code driver.lua}
 *       but no {@code driver.xml} is a bare driver whose modules {@code require} can still find (for development:
 *       no form of the controller's, and no ambiguity about which file is the main one);</li>
 *   <li>a {@code .c4z} file: a zip, read in place;</li>
 *   <li>a {@code .c4i} file, or a file of any other name that holds an XML document (http-event ships one named
 *       {@code .lua}): a single {@code <devicedata>} document with its script inline;</li>
 *   <li>any other {@code .lua} file: a bare driver, named after its file, with an {@linkplain DriverManifest#bare
 *       empty manifest}.</li>
 * </ul>
 *
 * <p>Names: {@link DriverPackage#name() name()} is the file name without its extension, or the folder name;
 * {@link DriverPackage#fileName() fileName()} is the file name, and for a folder its name plus {@code .c4z}, because
 * a folder stands for the {@code .c4z} it unpacks and drivers compare {@code GetDriverFileName()} with
 * {@code .c4z} names. A folder named {@code x.c4z} is named {@code x}.
 *
 * <p>Chunk names, so that tracebacks read like the controller's: {@code "@"} plus the script's name in the package
 * ({@code @driver.lua}); an inline script is named after the document that holds it ({@code @x.c4i}, its line
 * numbers counting from the script's first line); a bare {@code .lua} file keeps its path as given.
 *
 * <p>Extensions are recognised in any case; names inside a package are case-sensitive. Messages name the package by
 * its path as given, and a document inside it as {@code driver.xml (in PATH)}.
 */
public final class DriverPackages {

    private static final String DRIVER_XML = "driver.xml";
    private static final String DRIVER_LUA = "driver.lua";
    private static final String C4Z = ".c4z";

    private DriverPackages() {
    }

    /** Opens the package at {@code path}; any problem is one {@link PackageException} naming the file. */
    public static DriverPackage open(Path path) throws PackageException {
        String label = path.toString().isEmpty() ? "." : path.toString();
        if (Files.isDirectory(path)) {
            return openFolder(path, label + "/");
        }
        if (!Files.isRegularFile(path)) {
            throw new PackageException(label + ": no such file or folder");
        }
        String fileName = path.getFileName().toString();
        if (hasExtension(fileName, C4Z)) {
            Origin origin = new Origin(stem(fileName), fileName, label, ZipFiles.open(path, label));
            byte[] driverXml = origin.read(DRIVER_XML)
                    .orElseThrow(() -> new PackageException(label + ": no " + DRIVER_XML + " at the root"));
            return fromDriverXml(origin, driverXml);
        }
        byte[] content = readFile(path, label);
        Origin single = new Origin(stem(fileName), fileName, label, PackageFiles.NONE);
        if (hasExtension(fileName, ".c4i") || looksLikeXml(content)) {
            return fromDocument(single, content, label, fileName);
        }
        if (hasExtension(fileName, ".lua")) {
            return new OpenedPackage(single, DriverManifest.bare(single.name()), content, "@" + label);
        }
        throw new PackageException(label + ": not a driver package (a .c4z, a folder with driver.xml, a .c4i"
                + " or a .lua file)");
    }

    private static DriverPackage openFolder(Path folder, String label) throws PackageException {
        FolderFiles files;
        try {
            files = new FolderFiles(folder);
        } catch (IOException e) {
            throw PackageException.cannotRead(label, e);
        }
        Path absolute = folder.toAbsolutePath().normalize();
        String folderName = absolute.getFileName() == null ? "driver" : absolute.getFileName().toString();
        String name = hasExtension(folderName, C4Z) ? stem(folderName) : folderName;
        Origin origin = new Origin(name, name + C4Z, label, files);
        Optional<byte[]> driverXml = origin.read(DRIVER_XML);
        if (driverXml.isPresent()) {
            return fromDriverXml(origin, driverXml.get());
        }
        Optional<byte[]> driverLua = origin.read(DRIVER_LUA);
        if (driverLua.isPresent()) {
            return new OpenedPackage(origin, DriverManifest.bare(name), driverLua.get(), "@" + DRIVER_LUA);
        }
        throw new PackageException(label + ": neither " + DRIVER_XML + " nor " + DRIVER_LUA);
    }

    private static DriverPackage fromDriverXml(Origin origin, byte[] driverXml) throws PackageException {
        return fromDocument(origin, driverXml, DRIVER_XML + " (in " + origin.label() + ")", DRIVER_XML);
    }

    /**
     * The package a document declares; {@code source} names the document in messages, {@code documentName} is its
     * name in the package (the chunk name of an inline script).
     */
    private static DriverPackage fromDocument(Origin origin, byte[] document, String source, String documentName)
            throws PackageException {
        DriverXml xml = DriverXml.parse(document, source);
        if (xml.script() instanceof DriverXml.Script.Inline inline) {
            // the controller's XML library hands text out as UTF-8, so Lua sees the script's UTF-8 bytes
            return new OpenedPackage(origin, xml.manifest(), inline.text().getBytes(UTF_8), "@" + documentName);
        }
        String declared = ((DriverXml.Script.File) xml.script()).name();
        Optional<String> name = RelativeNames.normalize(declared);
        Optional<byte[]> script = name.isPresent() ? origin.read(name.get()) : Optional.empty();
        if (script.isEmpty()) {
            throw new PackageException(
                    source + ": <script> names file \"" + declared + "\", which the package does not have");
        }
        return new OpenedPackage(origin, xml.manifest(), script.get(), "@" + name.get());
    }

    private static byte[] readFile(Path file, String label) throws PackageException {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw PackageException.cannotRead(label, e);
        }
    }

    /** Lua cannot start with {@code <}; an XML document must (after a UTF-8 byte order mark and blanks). */
    private static boolean looksLikeXml(byte[] content) {
        int i = content.length >= 3 && (content[0] & 0xff) == 0xEF && (content[1] & 0xff) == 0xBB
                && (content[2] & 0xff) == 0xBF ? 3 : 0;
        while (i < content.length && " \t\r\n".indexOf(content[i]) >= 0) {
            i++;
        }
        return i < content.length && content[i] == '<';
    }

    private static boolean hasExtension(String fileName, String extension) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(extension);
    }

    private static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
