package dev.c4j.engine.jnlua;

import party.iroiro.luajava.LuaNatives;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The JNI shim ({@code src/main/c/c4j_bytes.c}, built by the module's Maven build into
 * {@code native/linux-x86_64/libc4jbytes.so} inside the jar): calls {@code lua_pushlstring} and
 * {@code lua_tolstring} of the Lua library LuaJava has loaded, with a state pointer from
 * {@code Lua.getPointer()}.
 *
 * <p>Off when the system property {@value #PROPERTY} is {@code false}; absent or unloadable on other platforms.
 */
final class ByteShim {
    static final String PROPERTY = "c4j.jnlua.pushShim";
    static final String RESOURCE = "/native/linux-x86_64/libc4jbytes.so";

    /** Why the shim library did not load, or null when it did. */
    private static final String LOAD_FAILURE = load();

    private ByteShim() {
    }

    static boolean allowedByProperty() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true").trim());
    }

    /** The shim bridge for the library implementing {@code natives} (already loaded), and a description. */
    record Resolution(ShimByteBridge bridge, String description) {
    }

    static Resolution resolve(LuaNatives natives) {
        if (LOAD_FAILURE != null) {
            return new Resolution(null, LOAD_FAILURE);
        }
        String marker = jniSymbol(natives.getClass());
        try {
            long pushlstring = findSymbol(marker, "lua_pushlstring");
            long tolstring = findSymbol(marker, "lua_tolstring");
            if (pushlstring == 0 || tolstring == 0) {
                return new Resolution(null, "lua_pushlstring/lua_tolstring not found next to " + marker);
            }
            return new Resolution(new ShimByteBridge(pushlstring, tolstring),
                    "JNI shim calling lua_pushlstring/lua_tolstring of the library exporting " + marker);
        } catch (LinkageError e) {
            return new Resolution(null, "byte shim unusable: " + e);
        }
    }

    /**
     * The address of the Lua C API function {@code name} in the library implementing {@code natives}, or 0 when the
     * shim is not loaded or the library lacks it.
     */
    static long symbol(LuaNatives natives, String name) {
        if (LOAD_FAILURE != null) {
            return 0;
        }
        try {
            return findSymbol(jniSymbol(natives.getClass()), name);
        } catch (LinkageError e) {
            return 0;
        }
    }

    /** Why the shim library did not load, or null when it did. */
    static String loadFailure() {
        return LOAD_FAILURE;
    }

    /** The JNI name of the natives class's {@code luaJ_gc}: only the library implementing it exports it. */
    private static String jniSymbol(Class<?> nativesClass) {
        Class<?> c = nativesClass;
        while (c != null && !declaresLuaJGc(c)) {
            c = c.getSuperclass();
        }
        String className = (c != null ? c : nativesClass).getName();
        return "Java_" + className.replace('.', '_') + "_luaJ_1gc";
    }

    private static boolean declaresLuaJGc(Class<?> c) {
        for (Method m : c.getDeclaredMethods()) {
            if (m.getName().equals("luaJ_gc")) {
                return true;
            }
        }
        return false;
    }

    private static String load() {
        String os = System.getProperty("os.name", "");
        String arch = System.getProperty("os.arch", "");
        if (!os.startsWith("Linux") || !(arch.equals("amd64") || arch.equals("x86_64"))) {
            return "no byte shim for " + os + "/" + arch;
        }
        URL url = ByteShim.class.getResource(RESOURCE);
        if (url == null) {
            return RESOURCE + " is not on the class path (built without gcc?)";
        }
        try {
            if ("file".equals(url.getProtocol())) {
                System.load(Path.of(url.toURI()).toString());
            } else {
                // Inside a jar: load a temporary copy; Linux keeps the mapping after the file is deleted.
                Path copy = Files.createTempFile("c4jbytes", ".so");
                try (InputStream in = url.openStream()) {
                    Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
                    System.load(copy.toString());
                } finally {
                    Files.deleteIfExists(copy);
                }
            }
            return null;
        } catch (Exception | LinkageError e) {
            return "byte shim did not load: " + e;
        }
    }

    private static native long findSymbol(String marker, String symbol);

    static native void pushDirect(long pushlstring, long L, ByteBuffer direct, int offset, int length);

    static native void pushArray(long pushlstring, long L, byte[] bytes, int offset, int length);

    static native int copyString(long tolstring, long L, int index, ByteBuffer target, int offset, int room);
}
