package dev.c4j.engine.jnlua;

import org.junit.jupiter.params.provider.Arguments;

import java.util.stream.Stream;

/** The engines every test runs on, shared (natives load once per JVM); and both byte-push paths of each. */
final class Engines {
    static final NativeLuaEngine JNLUA = new Lua51Engine(true);
    static final NativeLuaEngine LUAJIT = new LuajitEngine(true);
    static final NativeLuaEngine JNLUA_FALLBACK = new Lua51Engine(false);
    static final NativeLuaEngine LUAJIT_FALLBACK = new LuajitEngine(false);

    private Engines() {
    }

    static Stream<Arguments> engines() {
        return Stream.of(Arguments.of(named(JNLUA)), Arguments.of(named(LUAJIT)));
    }

    /** Each engine with the JNI shim push and with the pure-Java push. */
    static Stream<Arguments> pushPaths() {
        return Stream.of(
                Arguments.of(named(JNLUA), true), Arguments.of(named(JNLUA_FALLBACK), false),
                Arguments.of(named(LUAJIT), true), Arguments.of(named(LUAJIT_FALLBACK), false));
    }

    private static org.junit.jupiter.api.Named<NativeLuaEngine> named(NativeLuaEngine engine) {
        return org.junit.jupiter.api.Named.of(engine.name(), engine);
    }
}
