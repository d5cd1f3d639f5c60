package dev.c4j.engine.luaj.compat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/**
 * Build step (run by Maven in {@code process-classes}, needs ASM at build time only): rewrites the few places of
 * LuaJ 3.0.1 where it parts from C Lua 5.1 in ways a driver sees, and writes the patched classes into this
 * module's output directory.
 *
 * <p>Why bytecode: none of these places can be replaced at run time. LuaJ turns numbers into text inside
 * {@code LuaDouble.tojstring()} and reads them in {@code LuaString.scannumber} ({@code LuaDouble} instances come
 * from a static factory); tables and functions get their text in their own {@code tojstring()}; runtime errors
 * get their message where the value operations raise them, without knowing the instruction or its variables, and
 * only the interpreter loop ({@code LuaClosure.execute}) knows both; the line of an instruction is chosen by the
 * compiler. Patching a handful of methods keeps everything else byte-for-byte LuaJ's (a fork would carry all of
 * LuaJ), and costs nothing on the paths that do not raise. The patched classes take effect because the module's
 * classes come before {@code luaj-jse} on the class path (Surefire puts {@code target/classes} first; consumers
 * list this module before its dependency), and {@link Lua51Compat#install} fails loudly when they do not.
 *
 * <p>Patched:
 * <ul>
 *   <li>{@code LuaDouble.tojstring()} → {@link LuaNumbers#toString(double)}; LuaDouble's NaN constant →
 *       {@link LuaNumbers#HARDWARE_NAN} (so {@code 0/0} prints {@code -nan} on x86-64 as C Lua does there);
 *       {@code LuaString.scannumber()} and {@code scannumber(int)} → {@link LuaNumbers#parse};</li>
 *   <li>{@code tojstring()} of LuaValue (tables, threads), LuaFunction, LibFunction, LuaClosure and LuaUserdata →
 *       {@link ObjectAddresses#tostring} ({@code "function: 0x0000002a"});</li>
 *   <li>{@code LuaClosure.execute}: the error handlers call {@link LuaClosureHooks#raised} (5.1's runtime error
 *       messages), and {@code return f(...)} goes through {@link LuaClosureHooks#tailCall};</li>
 *   <li>the compiler ({@code LexState}): an arithmetic or concatenation instruction gets the line of its last
 *       operand and a call the line of its {@code (}, as in 5.1, where LuaJ's 5.2 compiler gives the operator's
 *       line and the line where the called expression starts: an error in a multi-line expression is reported on
 *       the line 5.1 and LuaJIT report.</li>
 * </ul>
 */
public final class LuaJPatcher {
    private static final String COMPAT = "dev/c4j/engine/luaj/compat/";
    private static final String NUMBERS = COMPAT + "LuaNumbers";
    private static final String ADDRESSES = COMPAT + "ObjectAddresses";
    private static final String HOOKS = COMPAT + "LuaClosureHooks";
    private static final String VM = "org/luaj/vm2/";
    private static final String LUA_VALUE = VM + "LuaValue";
    private static final String LUA_DOUBLE = VM + "LuaDouble";
    private static final String LUA_STRING = VM + "LuaString";
    private static final String LUA_CLOSURE = VM + "LuaClosure";
    private static final String TAILCALL_VARARGS = VM + "TailcallVarargs";
    private static final String LEX_STATE = VM + "compiler/LexState";
    private static final String FUNC_STATE = VM + "compiler/FuncState";
    private static final String TOJSTRING = "tojstring()Ljava/lang/String;";
    private static final String EXECUTE = "execute([L" + LUA_VALUE + ";L" + VM + "Varargs;)L" + VM + "Varargs;";

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
        classes.put(LUA_DOUBLE, patch(LUA_DOUBLE,
                replaceBody(TOJSTRING, LuaJPatcher::doubleToString),
                hardwareNaN()));
        classes.put(LUA_STRING, patch(LUA_STRING,
                replaceBody("scannumber()D", mv -> scanNumber(mv, false)),
                replaceBody("scannumber(I)D", mv -> scanNumber(mv, true))));
        for (String className : List.of(LUA_VALUE, VM + "LuaFunction", VM + "lib/LibFunction", VM + "LuaUserdata")) {
            classes.put(className, patch(className, replaceBody(TOJSTRING, LuaJPatcher::objectToString)));
        }
        classes.put(LUA_CLOSURE, patch(LUA_CLOSURE,
                replaceBody(TOJSTRING, LuaJPatcher::objectToString),
                errorHooks(),
                tailCalls()));
        classes.put(LEX_STATE, patch(LEX_STATE,
                operatorLines(),
                callLines()));
        return classes;
    }

    // ---- the machinery ------------------------------------------------------------------------------------------

    /**
     * One change to one method (or to every method of the class, when {@code method} is null), and how many times
     * it must apply to LuaJ 3.0.1: any other count means a LuaJ we do not know, and the build fails.
     */
    private abstract static class Change {
        final String description;
        final String method; // name + descriptor
        final int expected;
        int applied;

        Change(String description, String method, int expected) {
            this.description = description;
            this.method = method;
            this.expected = expected;
        }

        boolean concerns(String nameAndDescriptor) {
            return method == null || method.equals(nameAndDescriptor);
        }

        /** The visitor that writes the changed method into {@code target}; null when it wrote it all itself. */
        abstract MethodVisitor wrap(MethodVisitor target);
    }

    private static byte[] patch(String className, Change... changes) throws IOException {
        ClassReader reader = new ClassReader(readFromLuaJJar(className));
        ClassWriter writer = new ClassWriter(reader, ClassWriter.COMPUTE_MAXS);
        reader.accept(new ClassVisitor(Opcodes.ASM9, writer) {
            @Override
            public MethodVisitor visitMethod(int access, String name, String descriptor, String signature,
                                             String[] exceptions) {
                MethodVisitor mv = super.visitMethod(access, name, descriptor, signature, exceptions);
                for (Change change : changes) {
                    if (mv != null && change.concerns(name + descriptor)) {
                        mv = change.wrap(mv);
                    }
                }
                return mv;
            }
        }, 0);
        List<String> missed = new ArrayList<>();
        for (Change change : changes) {
            if (change.applied != change.expected) {
                missed.add(change.description + ": " + change.applied + " times, not " + change.expected);
            }
        }
        if (!missed.isEmpty()) {
            throw new IllegalStateException("LuaJ's " + className + " is not the 3.0.1 we patch: " + missed);
        }
        return writer.toByteArray(); // class version 47: no stack map frames to compute
    }

    /** The method's code becomes {@code body}; the original code is dropped. */
    private static Change replaceBody(String method, Consumer<MethodVisitor> body) {
        return new Change("body of " + method, method, 1) {
            @Override
            MethodVisitor wrap(MethodVisitor target) {
                applied++;
                target.visitCode();
                body.accept(target);
                target.visitMaxs(0, 0);
                target.visitEnd();
                return null;
            }
        };
    }

    // ---- numbers ------------------------------------------------------------------------------------------------

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

    /** Every NaN constant → {@code LuaNumbers.HARDWARE_NAN}. */
    private static Change hardwareNaN() {
        return new Change("NaN constants", null, 3) {
            @Override
            MethodVisitor wrap(MethodVisitor target) {
                return new MethodVisitor(Opcodes.ASM9, target) {
                    @Override
                    public void visitLdcInsn(Object value) {
                        if (value instanceof Double d && d.isNaN()) {
                            applied++;
                            super.visitFieldInsn(Opcodes.GETSTATIC, NUMBERS, "HARDWARE_NAN", "D");
                        } else {
                            super.visitLdcInsn(value);
                        }
                    }
                };
            }
        };
    }

    // ---- tostring -----------------------------------------------------------------------------------------------

    /** {@code return ObjectAddresses.tostring(this);} */
    private static void objectToString(MethodVisitor mv) {
        mv.visitVarInsn(Opcodes.ALOAD, 0);
        mv.visitMethodInsn(Opcodes.INVOKESTATIC, ADDRESSES, "tostring", "(L" + LUA_VALUE + ";)Ljava/lang/String;",
                false);
        mv.visitInsn(Opcodes.ARETURN);
    }

    // ---- the interpreter loop -----------------------------------------------------------------------------------

    /**
     * In both error handlers of {@code execute}, {@code processErrorHooks(e, p, pc); throw e;} becomes
     * {@code throw LuaClosureHooks.raised(this, e, p, pc, stack);} (the register array is execute's first
     * parameter; the original {@code throw e} after it is no longer reached).
     */
    private static Change errorHooks() {
        return new Change("processErrorHooks calls in execute", EXECUTE, 2) {
            @Override
            MethodVisitor wrap(MethodVisitor target) {
                return new MethodVisitor(Opcodes.ASM9, target) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
                                                boolean isInterface) {
                        if (opcode == Opcodes.INVOKESPECIAL && owner.equals(LUA_CLOSURE)
                                && name.equals("processErrorHooks")) {
                            applied++;
                            super.visitVarInsn(Opcodes.ALOAD, 1);
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "raised", "(L" + LUA_CLOSURE
                                    + ";L" + VM + "LuaError;L" + VM + "Prototype;I[L" + LUA_VALUE + ";)L" + VM
                                    + "LuaError;", false);
                            super.visitInsn(Opcodes.ATHROW);
                        } else {
                            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                        }
                    }
                };
            }
        };
    }

    /**
     * In {@code execute}, {@code new TailcallVarargs(f, args)} becomes {@code LuaClosureHooks.tailCall(f, args)}:
     * the {@code new} and its {@code dup} are dropped and the constructor call becomes the static call, which
     * takes the same arguments and leaves the result where the new object was.
     */
    private static Change tailCalls() {
        return new Change("new TailcallVarargs in execute", EXECUTE, 5) {
            @Override
            MethodVisitor wrap(MethodVisitor target) {
                return new MethodVisitor(Opcodes.ASM9, target) {
                    private boolean droppingDup;

                    @Override
                    public void visitTypeInsn(int opcode, String type) {
                        if (opcode == Opcodes.NEW && type.equals(TAILCALL_VARARGS)) {
                            droppingDup = true;
                        } else {
                            super.visitTypeInsn(opcode, type);
                        }
                    }

                    @Override
                    public void visitInsn(int opcode) {
                        if (droppingDup && opcode == Opcodes.DUP) {
                            droppingDup = false;
                        } else {
                            super.visitInsn(opcode);
                        }
                    }

                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
                                                boolean isInterface) {
                        if (opcode == Opcodes.INVOKESPECIAL && owner.equals(TAILCALL_VARARGS)
                                && descriptor.equals("(L" + LUA_VALUE + ";L" + VM + "Varargs;)V")) {
                            applied++;
                            super.visitMethodInsn(Opcodes.INVOKESTATIC, HOOKS, "tailCall", "(L" + LUA_VALUE
                                    + ";L" + VM + "Varargs;)L" + VM + "Varargs;", false);
                        } else {
                            super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                        }
                    }
                };
            }
        };
    }

    // ---- the compiler's lines -----------------------------------------------------------------------------------

    /**
     * In {@code LexState.subexpr}, the line handed to {@code FuncState.prefix} and {@code posfix} (the
     * operator's, which they give the instruction) becomes {@code lastline}, the line of the operand's last token:
     * 5.1 codes the instruction there ({@code luaK_code} with {@code ls->lastline}).
     */
    private static Change operatorLines() {
        return new Change("prefix and posfix calls in subexpr",
                "subexpr(L" + LEX_STATE + "$expdesc;I)I", 2) {
            @Override
            MethodVisitor wrap(MethodVisitor target) {
                return new MethodVisitor(Opcodes.ASM9, target) {
                    @Override
                    public void visitMethodInsn(int opcode, String owner, String name, String descriptor,
                                                boolean isInterface) {
                        if (owner.equals(FUNC_STATE) && (name.equals("prefix") || name.equals("posfix"))) {
                            applied++;
                            super.visitInsn(Opcodes.POP); // the operator's line, the last argument
                            super.visitVarInsn(Opcodes.ALOAD, 0);
                            super.visitFieldInsn(Opcodes.GETFIELD, LEX_STATE, "lastline", "I");
                        }
                        super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
                    }
                };
            }
        };
    }

    /**
     * {@code LexState.funcargs(f, line)} starts with {@code line = linenumber}: the call instruction gets the line
     * of the token that opens the arguments, as 5.1's {@code funcargs} does, not the line where the called
     * expression began ({@code obj\n:Method()}).
     */
    private static Change callLines() {
        return new Change("the line of funcargs", "funcargs(L" + LEX_STATE + "$expdesc;I)V", 1) {
            @Override
            MethodVisitor wrap(MethodVisitor target) {
                return new MethodVisitor(Opcodes.ASM9, target) {
                    @Override
                    public void visitCode() {
                        super.visitCode();
                        applied++;
                        super.visitVarInsn(Opcodes.ALOAD, 0);
                        super.visitFieldInsn(Opcodes.GETFIELD, LEX_STATE, "linenumber", "I");
                        super.visitVarInsn(Opcodes.ISTORE, 2);
                    }
                };
            }
        };
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
