package dev.c4j.engine.jnlua;

import dev.c4j.api.Endpoint;
import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaObject;
import dev.c4j.lua.spi.LuaValueRef;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Java values handed to Lua convert as the SPI package documentation says. */
class ConversionsTest {

    /** Describes its argument in Lua terms, so the test compares plain Lua facts. */
    private static final String DESCRIBE = """
            local v = ...
            local t = type(v)
            if t == 'table' then
              local keys = {}
              for k, x in pairs(v) do keys[#keys + 1] = tostring(k) .. '=' .. type(x) end
              table.sort(keys)
              return t .. '{' .. table.concat(keys, ',') .. '}'
            elseif t == 'string' or t == 'number' or t == 'boolean' then
              return t .. ':' .. tostring(v)
            else
              return t
            end
            """;

    private static String describe(Harness h, Object value) throws Exception {
        h.captured.clear();
        h.exec("capture((function(...) " + DESCRIBE + " end)(...))", value);
        return new String(h.captured.get(0), java.nio.charset.StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void javaValuesBecomeTheDocumentedLuaValues(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            TestObjects objects = TestObjects.install(h);
            LuaObject object = h.onLoop(() -> objects.create(h.state));
            h.exec("held = ...", object); // keep it alive
            LuaValueRef table = h.onLoop(() -> (LuaValueRef) h.execHere("return {1, 2}")[0]);

            assertThat(describe(h, null)).isEqualTo("nil");
            assertThat(describe(h, true)).isEqualTo("boolean:true");
            assertThat(describe(h, 42)).isEqualTo("number:42");
            assertThat(describe(h, 7L)).isEqualTo("number:7");
            assertThat(describe(h, 2.5)).isEqualTo("number:2.5");
            assertThat(describe(h, "text")).isEqualTo("string:text");
            assertThat(describe(h, "abc".getBytes())).isEqualTo("string:abc");
            assertThat(describe(h, ByteBuffer.wrap("xyz".getBytes()))).isEqualTo("string:xyz");
            assertThat(describe(h, object)).isEqualTo("userdata");
            assertThat(describe(h, table)).isEqualTo("table{1=number,2=number}");
            assertThat(describe(h, (LuaFunction) frame -> null)).isEqualTo("function");
            assertThat(describe(h, new Endpoint("127.0.0.1", 8080))).isEqualTo("table{ip=string,port=number}");
            assertThat(describe(h, List.of("a", 1, true))).isEqualTo("table{1=string,2=number,3=boolean}");
            Map<String, Object> map = new LinkedHashMap<>();
            map.put("name", "x");
            map.put("list", List.of(new Endpoint("::1", 1)));
            map.put("nested", Map.of("deep", 1));
            map.put("f", (LuaFunction) frame -> "called");
            map.put("obj", object);
            assertThat(describe(h, map)).isEqualTo("table{f=function,list=table,name=string,nested=table,obj=userdata}");

            assertThat(h.exec("""
                    local e, list, map = ...
                    return e.ip == '127.0.0.1', e.port, list[1].ip == '::1', list[1].port, #list,
                           map.nested.deep, map.f() == 'called', held == map.obj
                    """, new Endpoint("127.0.0.1", 8080), List.of(new Endpoint("::1", 1)), map))
                    .containsExactly(true, 8080.0, true, 1.0, 1.0, 1.0, true, true);
            assertThat(h.exec("local o = ... return o == held", object)).containsExactly(true);
            assertThat(h.stackTop()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.c4j.engine.jnlua.Engines#engines")
    void valuesWithoutALuaFormAreRefusedAndTheStackStaysBalanced(NativeLuaEngine engine) throws Exception {
        try (Harness h = new Harness(engine)) {
            assertThatThrownBy(() -> h.exec("return ...", new Object()))
                    .isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> h.exec("return ...", LuaFunction.Results.NONE))
                    .isInstanceOf(IllegalArgumentException.class);
            Map<Object, Object> nilKey = new LinkedHashMap<>();
            nilKey.put(null, 1);
            assertThatThrownBy(() -> h.exec("return ...", nilKey)).isInstanceOf(IllegalArgumentException.class);
            assertThat(h.stackTop()).isZero();
            h.onLoop(() -> {
                h.state.setGlobal("bad", (LuaFunction) frame -> new Object());
                return null;
            });
            assertThat(h.exec("local ok, msg = pcall(bad) return ok, msg == \"internal error in 'bad'\""))
                    .containsExactly(false, true);
            assertThat(h.internalErrors).containsExactly("bad");
            assertThat(h.stackTop()).isZero();
        }
    }
}
