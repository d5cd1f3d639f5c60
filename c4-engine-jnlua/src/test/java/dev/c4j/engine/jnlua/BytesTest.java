package dev.c4j.engine.jnlua;

import dev.c4j.lua.spi.contract.BytesContract;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The byte push paths: the JNI shim where it is built, the pure-Java bridge when asked (BytesContract runs on both). */
class BytesTest {

    @ParameterizedTest(name = "{0} shim={1}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#pushPaths")
    void thePushPathIsTheOneAskedFor(NativeLuaEngine engine, boolean shim) throws Exception {
        try (Harness h = new Harness(engine)) {
            boolean shimBuilt = ByteShim.class.getResource(ByteShim.RESOURCE) != null;
            assertThat(engine.usesByteShim()).isEqualTo(shim && shimBuilt);
            if (System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64")
                    && gccOnPath()) {
                assertThat(shimBuilt).as("the build compiles the shim on linux-x86_64 where gcc is").isTrue();
            }
        }
    }

    private static boolean gccOnPath() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, "gcc"))) {
                return true;
            }
        }
        return false;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"jnlua", "luajit"})
    void theSystemPropertyForcesThePureJavaBridge(String name) throws Exception {
        String before = System.getProperty(ByteShim.PROPERTY);
        System.setProperty(ByteShim.PROPERTY, "false");
        NativeLuaEngine engine;
        try {
            engine = name.equals("jnlua") ? new Lua51Engine() : new LuajitEngine();
        } finally {
            if (before == null) {
                System.clearProperty(ByteShim.PROPERTY);
            } else {
                System.setProperty(ByteShim.PROPERTY, before);
            }
        }
        try (Harness h = new Harness(engine)) {
            assertThat(engine.usesByteShim()).isFalse();
            assertThat(h.exec(BytesContract.IS_ALL_BYTES, BytesContract.allBytes(2), 2)).containsExactly(true);
        }
    }
}
