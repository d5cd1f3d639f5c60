package dev.c4j.host.pkg;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * The files of a {@code .c4z}, read in place: nothing is unpacked. Each read opens the archive anew, so a package
 * holds no open file between reads and needs no closing; drivers read few files ({@code require}, certificates).
 */
final class ZipFiles implements PackageFiles {

    private final Path zip;

    private ZipFiles(Path zip) {
        this.zip = zip;
    }

    /** Checks that {@code zip} is a zip none of whose entries leaves the package (zip slip); {@code label} names it. */
    static ZipFiles open(Path zip, String label) throws PackageException {
        Optional<String> escaping;
        try (ZipFile file = new ZipFile(zip.toFile())) {
            escaping = file.stream().map(ZipEntry::getName).filter(RelativeNames::leavesRoot).findFirst();
        } catch (ZipException e) {
            throw new PackageException(label + ": not a zip file");
        } catch (IllegalArgumentException e) {
            // how ZipFile reports an entry name that is not valid UTF-8
            throw new PackageException(label + ": an entry name is not valid UTF-8");
        } catch (IOException e) {
            throw PackageException.cannotRead(label, e);
        }
        if (escaping.isPresent()) {
            throw new PackageException(label + ": entry \"" + escaping.get() + "\" leaves the package");
        }
        return new ZipFiles(zip);
    }

    @Override
    public Optional<byte[]> read(String name) throws IOException {
        try (ZipFile file = new ZipFile(zip.toFile())) {
            ZipEntry entry = file.getEntry(name); // exact and case-sensitive, but it also finds "name/"
            if (entry == null || entry.isDirectory()) {
                return Optional.empty();
            }
            try (InputStream in = file.getInputStream(entry)) {
                return Optional.of(in.readAllBytes());
            }
        }
    }
}
