package dev.c4j.engine.luaj.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.compiler.LexState;
import org.luaj.vm2.lib.LibFunction;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Opcodes;

/** The build-time patch of LuaJ ({@link LuaJPatcher}) is what this JVM runs. */
class LuaJPatchTest {

    @Test
    void patchedLuaJClassesShadowTheJar() {
        for (Class<?> patched : List.of(LuaDouble.class, LuaString.class, LuaValue.class, LuaFunction.class,
                LibFunction.class, LuaUserdata.class, LuaClosure.class, LexState.class)) {
            assertThat(patched.getProtectionDomain().getCodeSource().getLocation().toString())
                    .as("%s must come from this module's classes, not from luaj-jse", patched.getName())
                    .doesNotContain("luaj-jse");
        }
        assertThatCode(Lua51Compat::requirePatchedLuaJ).doesNotThrowAnyException();
    }

    @Test
    void numbersBecomeTextAsInCLua() {
        assertThat(LuaValue.valueOf(2.0 / 3).tojstring()).isEqualTo("0.66666666666667");
        assertThat(LuaValue.valueOf(1e15).tojstring()).isEqualTo("1e+15");
        assertThat(LuaValue.valueOf(0x1p53).strvalue().tojstring()).isEqualTo("9.007199254741e+15");
        assertThat(LuaValue.valueOf(2.5).concat(LuaValue.valueOf("x")).tojstring()).isEqualTo("2.5x");
        assertThat(LuaValue.valueOf(Double.NEGATIVE_INFINITY).checkjstring()).isEqualTo("-inf");
    }

    @Test
    void textBecomesNumbersAsInCLua() {
        assertThat(LuaValue.valueOf("42\r\n").tonumber()).isEqualTo(LuaValue.valueOf(42));
        assertThat(LuaValue.valueOf("-0x10").checkdouble()).isEqualTo(-16.0);
        assertThat(LuaValue.valueOf("0x").tonumber().isnil()).isTrue();
        assertThat(LuaValue.valueOf("ff").checkstring().tonumber(16)).isEqualTo(LuaValue.valueOf(255));
    }

    @Test
    void zeroDividedByZeroIsTheProcessorsNaN() {
        double zero = 0.0;
        long hardware = Double.doubleToRawLongBits(zero / zero);
        LuaValue nan = LuaValue.valueOf(0).div(LuaValue.valueOf(0));
        assertThat(Double.doubleToRawLongBits(nan.todouble())).isEqualTo(hardware);
        assertThat(nan.tojstring()).isEqualTo(hardware < 0 ? "-nan" : "nan");
        assertThat(nan.neg().tojstring()).isEqualTo(hardware < 0 ? "nan" : "-nan");
    }

    @Test
    void patcherRewritesTheMethodsItPromisesAndFailsOnAnythingElse() throws Exception {
        Map<String, byte[]> patched = LuaJPatcher.patchAll();
        assertThat(patched).containsOnlyKeys("org/luaj/vm2/LuaDouble", "org/luaj/vm2/LuaString",
                "org/luaj/vm2/LuaValue", "org/luaj/vm2/LuaFunction", "org/luaj/vm2/lib/LibFunction",
                "org/luaj/vm2/LuaUserdata", "org/luaj/vm2/LuaClosure", "org/luaj/vm2/compiler/LexState");
        assertThat(uses(patched.get("org/luaj/vm2/LuaDouble"), "LuaNumbers"))
                .containsExactlyInAnyOrder("tojstring -> toString", "<clinit> -> HARDWARE_NAN",
                        "ddiv_d -> HARDWARE_NAN", "dmod_d -> HARDWARE_NAN");
        assertThat(uses(patched.get("org/luaj/vm2/LuaString"), "LuaNumbers"))
                .containsExactlyInAnyOrder("scannumber -> parse", "scannumber -> parse");
        for (String className : List.of("org/luaj/vm2/LuaValue", "org/luaj/vm2/LuaFunction",
                "org/luaj/vm2/lib/LibFunction", "org/luaj/vm2/LuaUserdata")) {
            assertThat(uses(patched.get(className), "ObjectAddresses")).containsExactly("tojstring -> tostring");
        }
        byte[] closure = patched.get("org/luaj/vm2/LuaClosure");
        assertThat(uses(closure, "ObjectAddresses")).containsExactly("tojstring -> tostring");
        assertThat(uses(closure, "LuaClosureHooks")).containsExactlyInAnyOrder(
                "execute -> raised", "execute -> raised", "execute -> tailCall", "execute -> tailCall",
                "execute -> tailCall", "execute -> tailCall", "execute -> tailCall");
        assertThat(uses(patched.get("org/luaj/vm2/compiler/LexState"), "LexState"))
                .contains("subexpr -> lastline", "funcargs -> linenumber");
    }

    /** "method -> member" for each use, in the class's methods, of a member of the class named {@code owner}. */
    private static List<String> uses(byte[] classFile, String owner) {
        List<String> uses = new ArrayList<>();
        new ClassReader(classFile).accept(new ClassVisitor(Opcodes.ASM9) {
            @Override
            public MethodVisitor visitMethod(int access, String method, String descriptor, String signature,
                                             String[] exceptions) {
                return new MethodVisitor(Opcodes.ASM9) {
                    @Override
                    public void visitMethodInsn(int opcode, String className, String name, String desc,
                                                boolean isInterface) {
                        record(className, name);
                    }

                    @Override
                    public void visitFieldInsn(int opcode, String className, String name, String desc) {
                        record(className, name);
                    }

                    private void record(String className, String name) {
                        if (className.endsWith("/" + owner)) {
                            uses.add(method + " -> " + name);
                        }
                    }
                };
            }
        }, 0);
        return uses;
    }
}
