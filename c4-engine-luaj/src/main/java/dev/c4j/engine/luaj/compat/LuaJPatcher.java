package dev.c4j.engine.luaj.compat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Build step (run by Maven in {@code process-classes}, needs ASM at build time only): rewrites the few methods of
 * LuaJ 3.0.1 through which every number becomes text or text becomes a number, so that they call
 * {@link LuaNumbers}, and writes the patched classes into this module's output directory.
 *
 * <p>Why bytecode: LuaJ turns numbers into text inside {@code LuaDouble.tojstring()}, which {@code tostring},
 * {@code ..}, {@code table.concat} and every library reach through {@code strvalue()/checkstring()}; and it reads
 * numbers in {@code LuaString.scannumber}, which {@code tonumber}, arithmetic on strings and every
 * {@code checknumber} use. Neither can be replaced at run time ({@code LuaDouble} instances come from a static
 * factory), so the module ships patched copies of the two classes. They take effect because the module's classes
 * come before {@code luaj-jse} on the class path (Surefire puts {@code target/classes} first; consumers list this
 * module before its dependency), and {@link Lua51Compat#install} fails loudly when they do not.
 *
 * <p>Patched: {@code LuaDouble.tojstring()} → {@link LuaNumbers#toString(double)}; {@code LuaString.scannumber()}
 * and {@code scannumber(int)} → {@link LuaNumbers#parse}; LuaDouble's NaN constant → {@link LuaNumbers#HARDWARE_NAN}
 * (so {@code 0/0} prints {@code -nan} on x86-64 as C Lua does there). Everything else stays byte-for-byte LuaJ's.
 */
public final class LuaJPatcher {
    private static final String NUMBERS = "dev/c4j/engine/luaj/compat/LuaNumbers";
    private static final String LUA_DOUBLE = "org/luaj/vm2/LuaDouble";
    private static final String LUA_STRING = "org/luaj/vm2/LuaString";

    private LuaJPatcher() {
    }

    /** @param args the output directory (target/classes) */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: LuaJPatcher <classes directory>");
        }
        Path out = Path.of(args[0]);
        for (Map.Entry<String, byte[]> patched : patchAll().entrySet()) {
            Path file = out.resolve(patched.getKey() + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, patched.getValue());
        }
    }

    /** The patched class files by internal name; fails if LuaJ no longer has what we patch. */
    static Map<String, byte[]> patchAll() throws IOException {
        Map<String, byte[]> classes = new TreeMap<>();
        classes.put(LUA_DOUBLE, patch(LUA_DOUBLE, Map.of(
                "tojstring()Ljava/lang/String;", LuaJPatcher::doubleToString)));
        classes.put(LUA_STRING, patch(LUA_STRING, Map.of(
                "scannumber()D", mv -> scanNumber(mv, false),
                "scannumber(I)D", mv -> scanNumber(mv, true))));
        return classes;
    }

    private interface Body {
        void emit(MethodVisitor mv);
    }

    private static byte[] patch(String className, Map<String, Body> replacements) throws IOException {
        ClassReader reader = new ClassReader(readFromLuaJJar(className));
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        Map<String, Body> pending = new TreeMap<>(replacements);
        int[] nanConstants = {0};
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                Body body = pending.remove(name + descriptor);
                if (body != null) {
                    mv.visitCode();
                    body.emit(mv);
                    mv.visitMaxs(0, 0);
                    mv.visitEnd();
                    return null; // drop the original code
                }
                if (!className.equals(LUA_DOUBLE)) {
                    return mv;
                }
                return new MethodVisitor(Opcodes.ASM9, mv) {
                    @Override
                    public void visitLdcInsn(Object value) {
                        if (value instanceof Double d && d.isNaN()) {
                            nanConstants[0]++;
                            super.visitFieldInsn(Opcodes.GETSTATIC, NUMBERS, "HARDWARE_NAN", "D");
                        } else {
                            super.visitLdcInsn(value);
                        }
                    }
                };
            }
        }, 0);
        if (!pending.isEmpty() || (className.equals(LUA_DOUBLE) && nanConstants[0] == 0)) {
            throw new IllegalStateException("LuaJ's " + className + " is not the 3.0.1 we patch: missing "
                    + (pending.isEmpty() ? "its NaN constant" : pending.keySet()));
        }
        return writer.toByteArray();
    }

    /** {@code return LuaNumbers.toString(this.v);} */
    private static void doubleToString(MethodVisitor mv) {
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitFieldInsn(Opcodes.GETFIELD, LUA_DOUBLE, "v", "D");
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, NUMBERS, "toString", "(D)Ljava/lang/String;", false);
        mv.visitInsn(Opcodes.ARETURN);
    }

    /** {@code return LuaNumbers.parse(m_bytes, m_offset, m_length[, base]);} */
    private static void scanNumber(MethodVisitor mv, boolean withBase) {
        for (String[] field : new String[][] {{"m_bytes", "[B"}, {"m_offset", "I"}, {"m_length", "I"}}) {
            mv.visitVarInsn(Opcodes.ALOAD, 0);
            mv.visitFieldInsn(Opcodes.GETFIELD, LUA_STRING, field[0], field[1]);
        }
        if (withBase) {
            mv.visitVarInsn(Opcodes.ILOAD, 1);
        }
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, NUMBERS, "parse", withBase ? "([BIII)D" : "([BII)D", false);
        mv.visitInsn(Opcodes.DRETURN);
    }

    /**
     * The original class from the luaj-jse jar, never an already patched copy from a previous build that sits
     * earlier on the class path.
     */
    private static byte[] readFromLuaJJar(String className) throws IOException {
        String resource = className + ".class";
        for (URL url : Collections.list(LuaJPatcher.class.getClassLoader().getResources(resource))) {
            if (url.getProtocol().equals("jar") && url.getPath().contains("luaj-jse")) {
                try (InputStream in = url.openStream()) {
                    return in.readAllBytes();
                }
            }
        }
        throw new IllegalStateException(resource + " not found in a luaj-jse jar on the class path");
    }
}
