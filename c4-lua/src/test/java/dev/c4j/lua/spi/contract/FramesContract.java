package dev.c4j.lua.spi.contract;

import dev.c4j.api.Endpoint;
import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaObject;
import dev.c4j.lua.spi.LuaType;
import dev.c4j.lua.spi.LuaValueRef;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine SPI contract for calls: loading and calling chunks, Java functions, their frames and results. */
public abstract class FramesContract extends EngineContract {

    @Test
    void loadAndCallReturnConvertedResults() throws Exception {
        Object[] results = h.onLoop(() -> {
            LuaValueRef chunk = h.state.load("return 1, 'two', nil, false, {}".getBytes(), "@driver.lua");
            assertThat(chunk.type()).isEqualTo(LuaType.FUNCTION);
            try {
                return h.state.call(chunk);
            } finally {
                chunk.release();
            }
        });
        assertThat(results).hasSize(5);
        assertThat(results[0]).isEqualTo(1.0);
        assertThat(((LuaValueRef) results[1]).type()).isEqualTo(LuaType.STRING);
        assertThat(results[2]).isNull();
        assertThat(results[3]).isEqualTo(false);
        assertThat(((LuaValueRef) results[4]).type()).isEqualTo(LuaType.TABLE);
    }

    @Test
    void bytesCrossExactlyAndLuaStringsNeverChange() throws Exception {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        setGlobal("data", ByteBuffer.wrap(all));
        all[0] = 42; // the Lua string is a copy
        AtomicReference<byte[]> back = new AtomicReference<>();
        setGlobal("give", (LuaFunction) frame -> {
            back.set(StateHarness.copy(frame.toBytes(1)));
            return null;
        });
        assertThat(h.exec("give(data .. '') return #data, data:byte(1), data:byte(256), data:byte(129)"))
                .containsExactly(256.0, 0.0, 255.0, 128.0);
        all[0] = 0;
        assertThat(back.get()).isEqualTo(all);
    }

    @Test
    void framesSeeTypesNumbersAndStringsAsLuaDoes() throws Exception {
        List<String> seen = new ArrayList<>();
        setGlobal("inspect", (LuaFunction) frame -> {
            for (int i = 1; i <= frame.count() + 1; i++) {
                // the type first: a native engine's toBytes turns a number argument into a string, as lua_tolstring
                String type = frame.typeName(i);
                ByteBuffer bytes = frame.toBytes(i);
                seen.add(type + " " + frame.toNumber(i) + " "
                        + (bytes == null ? null : StandardCharsets.ISO_8859_1.decode(bytes)) + " " + frame.toBoolean(i));
            }
            return LuaFunction.Results.NONE;
        });
        h.exec("inspect(nil, 80, 2.5, ' 0x10 ', '0x', 'abc', false, {})");
        assertThat(seen).containsExactly(
                "nil null null false",
                "number 80.0 80 true",
                "number 2.5 2.5 true",
                "string 16.0  0x10  true",
                "string null 0x true",
                "string null abc true",
                "boolean null null false",
                "table null null true",
                "no value null null false");
    }

    @Test
    void theFrameReadsTheArguments() throws Exception {
        List<Object> seen = new ArrayList<>();
        TestObjects objects = installObjects();
        setGlobal("inspect", (LuaFunction) frame -> {
            seen.add(frame.count());
            for (int i = 1; i <= frame.count() + 1; i++) {
                seen.add(frame.type(i));
            }
            seen.add(frame.typeName(frame.count() + 1));
            seen.add(frame.toBoolean(1));
            seen.add(frame.toBoolean(2));
            seen.add(frame.toBoolean(frame.count() + 1));
            seen.add(frame.toNumber(3));
            seen.add(frame.toNumber(4));
            seen.add(frame.toNumber(5));
            seen.add(StateHarness.copy(frame.toBytes(3)).length);
            seen.add(frame.toBytes(6));
            seen.add(frame.toPeer(7) == objects.peers.get(0));
            seen.add(frame.toPeer(6));
            seen.add(frame.toPeer(99));
            LuaValueRef ref = frame.ref(6);
            seen.add(ref.type());
            return LuaFunction.Results.of(ref, frame.ref(99));
        });
        assertThat(h.exec("""
                local t = {}
                local same, missing = inspect(false, nil, 42, '0x10', 'abc', t, make(), print, coroutine.create(function() end))
                return same == t, missing == nil
                """)).containsExactly(true, true);
        assertThat(seen).containsExactly(9,
                LuaType.BOOLEAN, LuaType.NIL, LuaType.NUMBER, LuaType.STRING, LuaType.STRING, LuaType.TABLE,
                LuaType.USERDATA, LuaType.FUNCTION, LuaType.THREAD, LuaType.NONE,
                "no value", false, false, false, 42.0, 16.0, null, 2, null, true, null, null, LuaType.TABLE);
    }

    @Test
    void resultsConvertBothWays() throws Exception {
        setGlobal("several", (LuaFunction) frame -> LuaFunction.Results.of(1, "two", null, true, List.of(5, 6),
                Map.of("k", "v")));
        Object[] results = h.exec("""
                local a, b, c, d, e, f = several()
                return select('#', several()), a, b, c, d, e[2], f.k, nil, {}
                """);
        assertThat(results).hasSize(9);
        assertThat(results[0]).isEqualTo(6.0);
        assertThat(results[1]).isEqualTo(1.0);
        assertThat(((LuaValueRef) results[2]).type()).isEqualTo(LuaType.STRING);
        assertThat(results[3]).isNull();
        assertThat(results[4]).isEqualTo(true);
        assertThat(results[5]).isEqualTo(6.0);
        assertThat(((LuaValueRef) results[6]).type()).isEqualTo(LuaType.STRING);
        assertThat(results[7]).isNull();
        assertThat(((LuaValueRef) results[8]).type()).isEqualTo(LuaType.TABLE);
    }

    @Test
    void resultsGiveSeveralValuesOrNone() throws Exception {
        List<Object> many = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            many.add(i);
        }
        setGlobal("none", (LuaFunction) frame -> LuaFunction.Results.NONE);
        setGlobal("three", (LuaFunction) frame -> LuaFunction.Results.of(1, null, "x"));
        setGlobal("nothing", (LuaFunction) frame -> null);
        setGlobal("many", (LuaFunction) frame -> new LuaFunction.Results(many));
        assertThat(h.exec("return select('#', none()), select('#', three()), select('#', nothing()), "
                + "select(3, three()) == 'x', select('#', many()), select(100, many())"))
                .containsExactly(0.0, 3.0, 1.0, true, 100.0, 99.0);
    }

    @Test
    void javaFunctionsWorkInsideCoroutines() throws Exception {
        TestObjects objects = installObjects();
        assertThat(h.exec("""
                local srv = make()
                local co = coroutine.create(function(s)
                  local again = s:OnEvent(function(self, x) capture(x) end)
                  coroutine.yield(again == s)
                  local ok, msg = pcall(s.Listen, s)
                  return msg
                end)
                local _, same = coroutine.resume(co, srv)
                local _, msg = coroutine.resume(co)
                keep = srv
                return same, msg == "bad argument #1 to 'Listen' (string expected, got nil)"
                """)).containsExactly(true, true);
        assertThat(h.onLoop(() -> objects.peers.get(0).object.invoke(TestObjects.ON_EVENT, "in"))).isTrue();
        assertThat(capturedText()).containsExactly("in");
    }

    @Test
    void bytesReadStayValidDuringTheirCallAcrossNestedCalls() throws Exception {
        List<String> seen = new ArrayList<>();
        setGlobal("outer", (LuaFunction) frame -> {
            ByteBuffer first = frame.toBytes(1);
            LuaValueRef inner = frame.ref(2);
            try {
                h.state.call(inner, "inner argument that is read in the nested call");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            inner.release();
            ByteBuffer second = frame.toBytes(3);
            seen.add(text(StateHarness.copy(first)));
            seen.add(text(StateHarness.copy(second)));
            return null;
        });
        h.exec("outer('first argument', function(s) capture(s, s .. '!') end, 'third argument')");
        assertThat(seen).containsExactly("first argument", "third argument");
        assertThat(capturedText()).containsExactly(
                "inner argument that is read in the nested call", "inner argument that is read in the nested call!");
    }

    @Test
    void chunkSourcesLoadAsBytes() throws Exception {
        // A string literal holding the raw bytes 0x80..0xFF, invalid UTF-8 as source text.
        byte[] high = new byte[128];
        for (int i = 0; i < high.length; i++) {
            high[i] = (byte) (0x80 + i);
        }
        byte[] head = "capture(\"".getBytes(StandardCharsets.US_ASCII);
        byte[] source = new byte[head.length + high.length + 2];
        System.arraycopy(head, 0, source, 0, head.length);
        System.arraycopy(high, 0, source, head.length, high.length);
        source[source.length - 2] = '"';
        source[source.length - 1] = ')';
        h.onLoop(() -> {
            LuaValueRef chunk = h.state.load(source, "=bytes.lua");
            h.state.call(chunk);
            chunk.release();
            return null;
        });
        assertThat(h.captured.get(0)).isEqualTo(high);
    }

    @Test
    void numbersReadAsBytesAreConvertedAsLuaDoes() throws Exception {
        h.exec("capture(12.5, 3, -0.25, 1e100)");
        assertThat(capturedText()).containsExactly("12.5", "3", "-0.25", "1e+100");
    }

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

    private String describe(Object value) throws Exception {
        h.captured.clear();
        h.exec("capture((function(...) " + DESCRIBE + " end)(...))", value);
        return text(h.captured.get(0));
    }

    @Test
    void javaValuesBecomeTheDocumentedLuaValues() throws Exception {
        TestObjects objects = installObjects();
        LuaObject object = h.onLoop(() -> objects.create(h.state));
        h.exec("held = ...", object); // keep it alive
        LuaValueRef table = h.onLoop(() -> (LuaValueRef) h.execHere("return {1, 2}")[0]);

        assertThat(describe(null)).isEqualTo("nil");
        assertThat(describe(true)).isEqualTo("boolean:true");
        assertThat(describe(42)).isEqualTo("number:42");
        assertThat(describe(7L)).isEqualTo("number:7");
        assertThat(describe(2.5)).isEqualTo("number:2.5");
        assertThat(describe("text")).isEqualTo("string:text");
        assertThat(describe("abc".getBytes())).isEqualTo("string:abc");
        assertThat(describe(ByteBuffer.wrap("xyz".getBytes()))).isEqualTo("string:xyz");
        assertThat(describe(object)).isEqualTo("userdata");
        assertThat(describe(table)).isEqualTo("table{1=number,2=number}");
        assertThat(describe((LuaFunction) frame -> null)).isEqualTo("function");
        assertThat(describe(new Endpoint("127.0.0.1", 8080))).isEqualTo("table{ip=string,port=number}");
        assertThat(describe(List.of("a", 1, true))).isEqualTo("table{1=string,2=number,3=boolean}");
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("name", "x");
        map.put("list", List.of(new Endpoint("::1", 1)));
        map.put("nested", Map.of("deep", 1));
        map.put("f", (LuaFunction) frame -> "called");
        map.put("obj", object);
        assertThat(describe(map)).isEqualTo("table{f=function,list=table,name=string,nested=table,obj=userdata}");

        assertThat(h.exec("""
                local e, list, map = ...
                return e.ip == '127.0.0.1', e.port, list[1].ip == '::1', list[1].port, #list,
                       map.nested.deep, map.f() == 'called', held == map.obj
                """, new Endpoint("127.0.0.1", 8080), List.of(new Endpoint("::1", 1)), map))
                .containsExactly(true, 8080.0, true, 1.0, 1.0, 1.0, true, true);
        assertThat(h.exec("local o = ... return o == held", object)).containsExactly(true);
    }

    @Test
    void valuesWithoutALuaFormAreRefusedAndTheStackStaysBalanced() throws Exception {
        assertThatThrownBy(() -> h.exec("return ...", new Object())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> h.exec("return ...", LuaFunction.Results.NONE))
                .isInstanceOf(IllegalArgumentException.class);
        Map<Object, Object> nilKey = new LinkedHashMap<>();
        nilKey.put(null, 1);
        assertThatThrownBy(() -> h.exec("return ...", nilKey)).isInstanceOf(IllegalArgumentException.class);
        assertStackEmpty();
        setGlobal("bad", (LuaFunction) frame -> new Object());
        assertThat(h.exec("local ok, msg = pcall(bad) return ok, msg == \"internal error in 'bad'\""))
                .containsExactly(false, true);
        assertThat(h.internalErrors).containsExactly("bad");
    }
}
