package dev.c4j.host.pkg;

import dev.c4j.api.host.DriverManifest;
import dev.c4j.api.host.DriverPackage;
import java.io.IOException;
import java.util.Optional;

/** A package as {@link DriverPackages} opened it: what it declares, its script, and where its other files are. */
final class OpenedPackage implements DriverPackage {

    /** Where a package comes from: its names, how messages name it (its path as given), and its files. */
    record Origin(String name, String fileName, String label, PackageFiles files) {

        /** A file by its {@linkplain RelativeNames#normalize normalised} name. */
        Optional<byte[]> read(String name) throws PackageException {
            try {
                return files.read(name);
            } catch (IOException e) {
                throw PackageException.cannotRead(label + ": \"" + name + "\"", e);
            }
        }
    }

    private final Origin origin;
    private final DriverManifest manifest;
    private final byte[] script;
    private final String scriptChunkName;

    OpenedPackage(Origin origin, DriverManifest manifest, byte[] script, String scriptChunkName) {
        this.origin = origin;
        this.manifest = manifest;
        this.script = script.clone();
        this.scriptChunkName = scriptChunkName;
    }

    @Override
    public String name() {
        return origin.name();
    }

    @Override
    public String fileName() {
        return origin.fileName();
    }

    @Override
    public DriverManifest manifest() {
        return manifest;
    }

    @Override
    public byte[] script() {
        return script.clone();
    }

    @Override
    public String scriptChunkName() {
        return scriptChunkName;
    }

    @Override
    public Optional<byte[]> file(String relativeName) throws PackageException {
        Optional<String> normalized = RelativeNames.normalize(relativeName);
        return normalized.isEmpty() ? Optional.empty() : origin.read(normalized.get());
    }

    @Override
    public boolean hasFiles() {
        return origin.files() != PackageFiles.NONE;
    }

    @Override
    public Optional<java.nio.file.Path> folder() {
        return origin.files().folder();
    }

    @Override
    public String toString() {
        return origin.label();
    }
}
