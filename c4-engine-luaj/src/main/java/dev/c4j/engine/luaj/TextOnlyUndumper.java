package dev.c4j.engine.luaj;

import dev.c4j.lua.spi.TextChunks;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.Prototype;

import java.io.IOException;
import java.io.InputStream;

/**
 * The undumper of a sandboxed LuaJ state: refuses binary chunks ({@link TextChunks}). LuaJ asks its undumper first
 * whenever a load allows binary chunks (every {@code load}, {@code loadstring} and {@link LuajState#load} does),
 * then compiles the text when the undumper returns null; so this one place covers them all.
 */
final class TextOnlyUndumper implements Globals.Undumper {

    static final TextOnlyUndumper INSTANCE = new TextOnlyUndumper();

    private TextOnlyUndumper() {
    }

    /** LuaJ has marked the stream and resets it when this returns null. */
    @Override
    public Prototype undump(InputStream stream, String chunkName) throws IOException {
        if (stream.read() == TextChunks.SIGNATURE) {
            throw new LuaError(TextChunks.REFUSED);
        }
        return null;
    }
}
