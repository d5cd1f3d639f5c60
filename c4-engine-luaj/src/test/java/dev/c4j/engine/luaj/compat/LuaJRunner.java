package dev.c4j.engine.luaj.compat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Supplier;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LoadState;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.VarArgFunction;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.jse.JseBaseLib;
import org.luaj.vm2.lib.jse.JseMathLib;
import org.luaj.vm2.lib.jse.JseOsLib;

/** Runs a Lua script on LuaJ with {@link Lua51Compat} installed and returns what it printed, byte for byte. */
final class LuaJRunner {
    private LuaJRunner() {
    }

    static Globals globals(ByteArrayOutputStream out) {
        Globals g = new Globals();
        g.load(new JseBaseLib());
        g.load(new PackageLib()); // StringLib registers itself in package.loaded
        g.load(new TableLib());
        g.load(new StringLib());
        g.load(new JseMathLib());
        g.load(new JseOsLib());
        LoadState.install(g);
        LuaC.install(g);
        Lua51Compat.install(g);
        LuaValue tostring = g.get("tostring");
        // print of C Lua 5.1: tostring on each argument, tabs between, newline after; written with fputs, so
        // each string ends at its first NUL
        g.set("print", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                for (int i = 1; i <= args.narg(); i++) {
                    if (i > 1) {
                        out.write('\t');
                    }
                    LuaString s = tostring.call(args.arg(i)).checkstring();
                    int length = 0;
                    while (length < s.m_length && s.m_bytes[s.m_offset + length] != 0) {
                        length++;
                    }
                    out.write(s.m_bytes, s.m_offset, length);
                }
                out.write('\n');
                return NONE;
            }
        });
        g.set("unpack", g.get("table").get("unpack"));
        return g;
    }

    static byte[] run(byte[] script, String name) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Globals g = globals(out);
        byte[] source = Lua51Compat.rewriteLenientEscapes(script);
        withStringMethods(g, () -> g.load(new ByteArrayInputStream(source), "=" + name, "t", g).call());
        return out.toByteArray();
    }

    /**
     * Runs {@code body} with {@code s:method()} resolved in g's string table. LuaJ keeps the string metatable in
     * a static field, which the engine adapter fills with its own per-driver dispatch once it has run in this JVM;
     * so the field is set for the call and restored after it (test classes run one at a time in the fork).
     */
    static <T> T withStringMethods(Globals g, Supplier<T> body) {
        LuaValue saved = LuaString.s_metatable;
        LuaString.s_metatable = LuaValue.tableOf(new LuaValue[] {LuaValue.INDEX, g.get("string")});
        try {
            return body.get();
        } finally {
            LuaString.s_metatable = saved;
        }
    }

    static byte[] resource(String name) {
        try (InputStream in = LuaJRunner.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalArgumentException("missing test resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
