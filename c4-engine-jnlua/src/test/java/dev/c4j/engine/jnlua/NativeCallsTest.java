package dev.c4j.engine.jnlua;

import dev.c4j.lua.spi.LuaFrame;
import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaObject;
import dev.c4j.lua.spi.LuaRaise;
import dev.c4j.lua.spi.LuaState;
import dev.c4j.lua.spi.ObjectType;
import dev.c4j.lua.spi.contract.TestObjects;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Methods of object types and {@code OnRead}-style callbacks through the hot path of {@link NativeCalls} give what
 * LuaJava's generic path gives: every engine, with the hot path on and off ({@value NativeCalls#PROPERTY}).
 */
class NativeCallsTest {

    static Stream<Arguments> enginesAndPaths() {
        List<Arguments> all = new ArrayList<>();
        for (boolean hot : new boolean[] {true, false}) {
            all.add(Arguments.of("jnlua", hot));
            all.add(Arguments.of("luajit", hot));
        }
        return all.stream();
    }

    /**
     * A type {@code Probe} whose {@code Describe(...)} tells how Java saw each argument, {@code Self()} returns its
     * object, {@code Bool(b)}, {@code Nil()}, {@code Two()} their results, {@code Fail(text)} raises {@code text},
     * {@code Read(k, ...)} gives the bytes of the {@code k}th argument after {@code k}; {@code probe} is one of them.
     */
    private static LuaObject install(LuaState state) {
        LuaObject[] probe = new LuaObject[1];
        Map<String, LuaFunction> methods = Map.of(
                "Describe", NativeCallsTest::describe,
                "Self", frame -> frame.toPeer(1) != null ? probe[0] : null,
                "Bool", frame -> frame.toBoolean(2),
                "Nil", frame -> null,
                "Two", frame -> LuaFunction.Results.of(1.5, "two"),
                "Fail", frame -> {
                    throw new LuaRaise(new String(bytes(frame.toBytes(2)), StandardCharsets.UTF_8));
                },
                "Read", frame -> ByteBuffer.wrap(bytes(frame.toBytes(frame.toNumber(2).intValue() + 2))));
        ObjectType type = state.defineType("Probe", methods);
        probe[0] = state.newObject(type, "the probe");
        state.setGlobal("probe", probe[0]);
        return probe[0];
    }

    private static Object describe(LuaFrame frame) {
        StringBuilder text = new StringBuilder();
        for (int i = 2; i <= frame.count(); i++) {
            text.append(i - 1).append('=').append(frame.type(i)).append(':').append(frame.toBoolean(i)).append(':')
                    .append(frame.toNumber(i)).append(':');
            ByteBuffer bytes = frame.toBytes(i);
            text.append(bytes == null ? "-" : new String(bytes(bytes), StandardCharsets.ISO_8859_1)).append(':')
                    .append(frame.toPeer(i) != null ? "peer" : "-").append(' ');
        }
        return text.toString().trim();
    }

    private static byte[] bytes(ByteBuffer buffer) {
        byte[] copy = new byte[buffer.remaining()];
        buffer.duplicate().get(copy);
        return copy;
    }

    private static <T> T withHotPath(boolean hot, Callable<T> make) throws Exception {
        String before = System.getProperty(NativeCalls.PROPERTY);
        System.setProperty(NativeCalls.PROPERTY, String.valueOf(hot));
        try {
            return make.call();
        } finally {
            if (before == null) {
                System.clearProperty(NativeCalls.PROPERTY);
            } else {
                System.setProperty(NativeCalls.PROPERTY, before);
            }
        }
    }

    private static Harness harness(String engine, boolean hot) throws Exception {
        NativeLuaEngine luaEngine = engine.equals("jnlua") ? new Lua51Engine() : new LuajitEngine();
        return withHotPath(hot, () -> new Harness(luaEngine));
    }

    @ParameterizedTest(name = "{0}, hot path {1}")
    @MethodSource("enginesAndPaths")
    void argumentsOfEveryTypeReadAsLuaJavaReadsThem(String engine, boolean hot) throws Exception {
        try (Harness h = harness(engine, hot)) {
            h.onLoop(() -> install(h.state));
            h.exec("capture(probe:Describe('a\\0b', 42.5, '7', true, false, nil, {}, probe, tostring))");
            assertThat(new String(h.captured.get(0), StandardCharsets.ISO_8859_1)).isEqualTo("1=STRING:true:null:a\0b:- 2=NUMBER:true:42.5:42.5:- 3=STRING:true:7.0:7:- "
                            + "4=BOOLEAN:true:null:-:- 5=BOOLEAN:false:null:-:- 6=NIL:false:null:-:- "
                            + "7=TABLE:true:null:-:- 8=USERDATA:true:null:-:peer 9=FUNCTION:true:null:-:-");
            // past the arguments read ahead (8), and an absent argument
            h.exec("capture(probe:Describe(1, 2, 3, 4, 5, 6, 7, 'eight', probe, 'ten'))");
            assertThat(new String(h.captured.get(1), StandardCharsets.ISO_8859_1)).endsWith("8=STRING:true:null:eight:- 9=USERDATA:true:null:-:peer "
                            + "10=STRING:true:null:ten:-");
            assertThat(h.stackTop()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}, hot path {1}")
    @MethodSource("enginesAndPaths")
    void resultsErrorsAndNesting(String engine, boolean hot) throws Exception {
        try (Harness h = harness(engine, hot)) {
            h.onLoop(() -> install(h.state));
            assertThat(h.exec("return probe:Self() == probe, probe:Bool(1), probe:Bool(nil), probe:Nil(), "
                    + "select('#', probe:Nil()), probe:Two() == 1.5, select(2, probe:Two()) == 'two'"))
                    .containsExactly(true, true, false, null, 1.0, true, true);
            assertThat(h.exec("local ok, e = pcall(probe.Fail, probe, 'no\\0way') return ok, e == 'no\\0way'"))
                    .containsExactly(false, true);
            assertThat(h.exec("return pcall(probe.Self)")).containsExactly(true, null);
            // A string too long for the read scratch (64 KiB) takes the slow path.
            assertThat(h.exec("""
                    local big = string.rep('x', 70000) .. 'end'
                    local r = probe:Read(probe:Read(1, 'inner') == 'inner' and 2 or 1, big, 'outer')
                    return #probe:Read(1, big), probe:Read(1, big):sub(-3) == 'end', r == 'outer',
                      probe:Read(1, 'a\\0') == 'a\\0'
                    """)).containsExactly(70003.0, true, true, true);
            assertThat(h.exec("""
                    local co = coroutine.wrap(function(a) return probe:Read(1, a .. '!') end)
                    return co('from a coroutine') == 'from a coroutine!'
                    """)).containsExactly(true);
            assertThat(h.stackTop()).isZero();
            assertThat(h.internalErrors).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0}, hot path {1}")
    @MethodSource("enginesAndPaths")
    void bytesReachAHandlerExactlyAndItsErrorIsReported(String engine, boolean hot) throws Exception {
        try (Harness h = harness(engine, hot)) {
            TestObjects objects = TestObjects.install(h);
            h.exec("""
                    srv = make()
                    srv:OnEvent(function(self, data)
                      if data == 'fail' then error('failed on ' .. data) end
                      capture(data)
                    end)
                    """);
            LuaObject srv = objects.peers.get(0).object;
            byte[] all = new byte[256];
            for (int i = 0; i < all.length; i++) {
                all[i] = (byte) i;
            }
            ByteBuffer direct = ByteBuffer.allocateDirect(300).put(new byte[10]).put(all).flip().position(10);
            assertThat(h.onLoop(() -> srv.invoke(TestObjects.ON_EVENT, direct))).isTrue();
            assertThat(direct.position()).isEqualTo(10); // not consumed
            assertThat(h.onLoop(() -> srv.invoke(TestObjects.ON_EVENT, ByteBuffer.wrap("fail".getBytes())))).isTrue();
            assertThat(h.onLoop(() -> srv.invoke(TestObjects.ON_EVENT, ByteBuffer.allocate(0)))).isTrue();
            assertThat(h.captured).hasSize(2);
            assertThat(h.captured.get(0)).isEqualTo(all);
            assertThat(h.captured.get(1)).isEmpty();
            assertThat(h.luaErrors).singleElement().asString()
                    .contains("failed on fail").contains("stack traceback:");
            assertThat(h.stackTop()).isZero();
        }
    }
}
