package dev.c4j.lua;

import dev.c4j.api.host.DriverManifest;
import dev.c4j.api.host.DriverPackage;

import java.util.Optional;

/** A driver given as Lua source alone (a bare {@code .lua} file or a string): no driver.xml, no other files. */
public record SourcePackage(String name, byte[] script, String scriptChunkName) implements DriverPackage {

    public SourcePackage {
        script = script.clone();
    }

    @Override
    public String fileName() {
        return name + ".lua";
    }

    @Override
    public DriverManifest manifest() {
        return DriverManifest.bare(name);
    }

    @Override
    public byte[] script() {
        return script.clone();
    }

    @Override
    public Optional<byte[]> file(String relativeName) {
        return Optional.empty();
    }

    @Override
    public boolean hasFiles() {
        return false;
    }
}
