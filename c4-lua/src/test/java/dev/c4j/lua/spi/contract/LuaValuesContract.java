package dev.c4j.lua.spi.contract;

import dev.c4j.api.ByteString;
import dev.c4j.api.OpaqueValue;
import dev.c4j.lua.spi.LuaFrame;
import dev.c4j.lua.spi.LuaFunction;
import dev.c4j.lua.spi.LuaObject;
import dev.c4j.lua.spi.LuaState;
import dev.c4j.lua.spi.LuaValueRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The engine SPI contract for values, as the package documentation of {@code dev.c4j.lua.spi} states it: plain
 * Java copies of Lua values ({@link LuaFrame#toValue}, {@link LuaState#getGlobal}, {@link LuaState#toValue}) and
 * Java values handed to Lua. Written once; every engine module runs it through a subclass naming its engine.
 */
public abstract class LuaValuesContract extends EngineContract {

    /**
     * References to userdata that are not ours, made the engine's own way (Lua code cannot make one in the
     * sandbox): a full userdata, and a light one where the engine has them. Called on the loop.
     */
    protected abstract List<LuaValueRef> foreignUserdata(LuaState state) throws Exception;

    /** What the global {@code keep(...)} copied with {@link LuaFrame#toValue}. */
    private final List<Object> kept = new CopyOnWriteArrayList<>();

    @BeforeEach
    void installKeep() throws Exception {
        setGlobal("keep", (LuaFunction) frame -> {
            for (int i = 1; i <= frame.count(); i++) {
                kept.add(frame.toValue(i));
            }
            return LuaFunction.Results.NONE;
        });
    }

    /** Copies report nothing (the stack is checked by {@link EngineContract}). */
    @AfterEach
    void nothingReported() {
        assertThat(h.luaErrors).isEmpty();
        assertThat(h.internalExceptions).isEmpty();
    }

    // ---- Lua values in Java -------------------------------------------------------------------------------------

    @Test
    void scalarsCopyToPlainJava() throws Exception {
        assertThat(copies("nil, true, false, 42, -2.5, 1/0, -1/0, '', 'text', '10'")).containsExactly(
                null, true, false, 42.0, -2.5, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, ByteString.EMPTY,
                utf8("text"), utf8("10"));
        assertThat((Double) copy("0/0")).isNaN();
    }

    @Test
    void argumentsPastTheLastCopyToNull() throws Exception {
        setGlobal("pastTheLast", (LuaFunction) frame -> {
            kept.add(frame.toValue(frame.count() + 1));
            return LuaFunction.Results.NONE;
        });
        h.exec("pastTheLast({1})");
        assertThat(kept).containsExactly((Object) null);
    }

    @Test
    void stringsCopyEveryByte() throws Exception {
        ByteString all = (ByteString) copy("""
                (function() local t = {} for i = 0, 255 do t[#t + 1] = string.char(i) end return table.concat(t) end)()
                """);
        assertThat(all.toByteArray()).isEqualTo(allBytes());
        assertThat(copy("'\\0a\\0\\0b\\0'")).isEqualTo(bytes(0, 'a', 0, 0, 'b', 0));
        assertThat(copy("{['\\0k\\255'] = '\\255v\\0'}")).isEqualTo(map(bytes(0, 'k', 255), bytes(255, 'v', 0)));
        ByteString large = (ByteString) copy("string.rep('\\0\\255', 100000)"); // beyond any read buffer
        assertThat(large.length()).isEqualTo(200_000);
        assertThat(large.byteAt(0)).isEqualTo((byte) 0);
        assertThat(large.byteAt(199_999)).isEqualTo((byte) 255);
    }

    @Test
    void tablesCopyDeeplyIntoFreshMutableMaps() throws Exception {
        Object copied = copy("{name = 'x', flag = false, inner = {deep = {1, 2}}}");
        assertThat(copied).isInstanceOf(LinkedHashMap.class).isEqualTo(map(
                utf8("name"), utf8("x"),
                utf8("flag"), false,
                utf8("inner"), map(utf8("deep"), map(1.0, 1.0, 2.0, 2.0))));
        asMap(copied).put("added", 1);
        assertThat(copy("{}")).isEqualTo(Map.of());
    }

    @Test
    void arraysCopyInOrderWithNumberKeys() throws Exception {
        Map<Object, Object> array = asMap(copy("{10, 'twenty', true, {}}"));
        assertThat(array.keySet()).containsExactly(1.0, 2.0, 3.0, 4.0);
        assertThat(array.values()).containsExactly(10.0, utf8("twenty"), true, Map.of());
    }

    @Test
    void keysKeepTheirType() throws Exception {
        assertThat(copy("{[1] = 'one', ['1'] = 'string one', [2.5] = 'x', [-3] = 'y', [true] = 'yes', [false] = 'no'}"))
                .isEqualTo(map(
                        1.0, utf8("one"),
                        utf8("1"), utf8("string one"),
                        2.5, utf8("x"),
                        -3.0, utf8("y"),
                        true, utf8("yes"),
                        false, utf8("no")));
    }

    /** A walk that turned a number key into a string in place would lose its way among the other keys. */
    @Test
    void numberKeysAmongStringKeysAreAllWalked() throws Exception {
        Map<?, ?> copied = (Map<?, ?>) copy("""
                (function()
                  local t = {}
                  for i = 1, 500 do t[i * 1.5] = i; t['k' .. i] = i; t[-i] = i end
                  return t
                end)()
                """);
        assertThat(copied).hasSize(1500);
        assertThat(copied.get(1.5)).isEqualTo(1.0);
        assertThat(copied.get(750.0)).isEqualTo(500.0);
        assertThat(copied.get(-500.0)).isEqualTo(500.0);
        assertThat(copied.get(utf8("k500"))).isEqualTo(500.0);
    }

    @Test
    void aTableMetAgainInsideItselfIsACycle() throws Exception {
        assertThat(copy("(function() local t = {name = 't'} t.self = t t[1] = t return t end)()"))
                .isEqualTo(map(utf8("name"), utf8("t"), utf8("self"), OpaqueValue.CYCLE, 1.0, OpaqueValue.CYCLE));
        assertThat(copy("(function() local a, b = {}, {} a.b = b b.a = a return a end)()"))
                .isEqualTo(map(utf8("b"), map(utf8("a"), OpaqueValue.CYCLE)));
    }

    @Test
    void aTableSharedWithoutACycleIsCopiedTwice() throws Exception {
        Map<?, ?> copied = (Map<?, ?>) copy("(function() local s = {1} return {x = s, y = s} end)()");
        assertThat(copied.get(utf8("x"))).isEqualTo(map(1.0, 1.0)).isEqualTo(copied.get(utf8("y")))
                .isNotSameAs(copied.get(utf8("y")));
    }

    @Test
    void copiesGoDownMaxCopyDepthTablesAndNoFurther() throws Exception {
        String chain = """
                (function(n)
                  local root = {}
                  local t = root
                  for i = 2, n do t.next = {} t = t.next end
                  return root
                end)(...)
                """;
        Map<?, ?> deepest = nthTable(copy(chain, LuaFrame.MAX_COPY_DEPTH), LuaFrame.MAX_COPY_DEPTH);
        assertThat(deepest).isEmpty();
        Map<?, ?> last = nthTable(copy(chain, LuaFrame.MAX_COPY_DEPTH + 1), LuaFrame.MAX_COPY_DEPTH);
        assertThat(last).isEqualTo(map(utf8("next"), OpaqueValue.CYCLE));
    }

    /** The {@code n}th table (1 is {@code root}) down a chain of {@code next} fields. */
    private static Map<?, ?> nthTable(Object root, int n) {
        Map<?, ?> table = (Map<?, ?>) root;
        for (int i = 1; i < n; i++) {
            table = (Map<?, ?>) table.get(utf8("next"));
        }
        return table;
    }

    @Test
    void functionsCoroutinesAndForeignUserdataCopyToOpaqueValues() throws Exception {
        setGlobal("javaFunction", (LuaFunction) frame -> null);
        assertThat(copies("print, function() end, javaFunction, coroutine.wrap(function() end), "
                + "coroutine.create(function() end)"))
                .containsExactly(OpaqueValue.FUNCTION, OpaqueValue.FUNCTION, OpaqueValue.FUNCTION, OpaqueValue.FUNCTION,
                        OpaqueValue.THREAD);
        assertThat(copy("{f = print, co = coroutine.create(function() end)}"))
                .isEqualTo(map(utf8("f"), OpaqueValue.FUNCTION, utf8("co"), OpaqueValue.THREAD));
        List<LuaValueRef> foreign = h.onLoop(() -> foreignUserdata(h.state));
        assertThat(foreign).isNotEmpty();
        for (LuaValueRef userdata : foreign) {
            assertThat(copies("..., {u = ...}", userdata))
                    .containsExactly(OpaqueValue.USERDATA, map(utf8("u"), OpaqueValue.USERDATA));
            assertThat(h.onLoop(() -> h.state.toValue(userdata))).isEqualTo(OpaqueValue.USERDATA);
        }
    }

    @Test
    void entriesWhoseKeyHasNoPlainFormAreLeftOut() throws Exception {
        assertThat(copy("{[{}] = 'table', [print] = 'function', [coroutine.create(function() end)] = 'thread', "
                + "kept = 1}")).isEqualTo(map(utf8("kept"), 1.0));
        for (LuaValueRef userdata : h.onLoop(() -> foreignUserdata(h.state))) {
            assertThat(copy("{[...] = 'userdata', kept = 1}", userdata)).isEqualTo(map(utf8("kept"), 1.0));
        }
    }

    @Test
    void ourObjectsCopyToTheirPeer() throws Exception {
        Object peer = new Object();
        LuaObject object = h.onLoop(() -> h.state.newObject(h.state.defineType("C4LuaTimer", Map.of()), peer));
        setGlobal("timer", object);
        assertThat(copies("timer, {t = timer, [timer] = 'as a key'}"))
                .containsExactly(peer, map(utf8("t"), peer, peer, utf8("as a key")));
        assertThat(getGlobal("timer")).isSameAs(peer);
    }

    @Test
    void metatablesAreIgnored() throws Exception {
        h.exec("""
                touched = 0
                local function touch() touched = touched + 1 return 'meta' end
                local meta = {__index = touch, __newindex = touch, __len = touch, __call = touch, __tostring = touch,
                              __pairs = function() touch() return next, {}, nil end, __metatable = 'locked'}
                guarded = setmetatable({a = 1}, meta)
                proxied = setmetatable({}, {__index = {hidden = 1}})
                setmetatable(_G, {__index = touch})
                """);
        assertThat(copies("guarded, proxied")).containsExactly(map(utf8("a"), 1.0), Map.of());
        assertThat(getGlobal("guarded")).isEqualTo(map(utf8("a"), 1.0));
        assertThat(getGlobal("undefined")).as("read raw: the globals' __index is not asked").isNull();
        assertThat(getGlobal("touched")).isEqualTo(0.0);
    }

    @Test
    void globalsCopyThroughGetGlobal() throws Exception {
        h.exec("config = {port = 8080, tags = {'a', 'b'}} count = 3 name = 'drv' flag = true");
        Object config = getGlobal("config");
        assertThat(config).isEqualTo(map(utf8("port"), 8080.0, utf8("tags"), map(1.0, utf8("a"), 2.0, utf8("b"))));
        assertThat(getGlobal("count")).isEqualTo(3.0);
        assertThat(getGlobal("name")).isEqualTo(utf8("drv"));
        assertThat(getGlobal("flag")).isEqualTo(true);
        assertThat(getGlobal("print")).isEqualTo(OpaqueValue.FUNCTION);
        assertThat(getGlobal("missing")).isNull();
        h.exec("config.port = 1");
        assertThat(((Map<?, ?>) getGlobal("config")).get(utf8("port"))).isEqualTo(1.0);
        assertThat(((Map<?, ?>) config).get(utf8("port"))).as("a copy, not a view").isEqualTo(8080.0);
    }

    @Test
    void referencesCopyThroughToValueAndStayUsable() throws Exception {
        Object[] results = h.exec("return {a = {1}}, 'text', print");
        List<Object> copied = h.onLoop(() -> {
            List<Object> values = new ArrayList<>();
            for (Object result : results) {
                values.add(h.state.toValue((LuaValueRef) result));
            }
            values.add(h.state.toValue((LuaValueRef) results[0]));
            return values;
        });
        assertThat(copied).containsExactly(map(utf8("a"), map(1.0, 1.0)), utf8("text"), OpaqueValue.FUNCTION,
                map(utf8("a"), map(1.0, 1.0)));
        assertThat(h.exec("local t = ... return t.a[1]", results[0])).containsExactly(1.0);
        h.onLoop(() -> {
            Arrays.stream(results).forEach(result -> ((LuaValueRef) result).release());
            return null;
        });
    }

    @Test
    void everyWayInGivesTheSameCopy() throws Exception {
        h.exec("sample = {list = {1, 'two', false}, [3] = {x = '\\0'}, f = print, [true] = {}}");
        Object viaFrame = copy("sample");
        Object viaGlobal = getGlobal("sample");
        LuaValueRef ref = (LuaValueRef) h.exec("return sample")[0];
        Object viaRef = h.onLoop(() -> h.state.toValue(ref));
        assertThat(viaFrame).isEqualTo(map(
                utf8("list"), map(1.0, 1.0, 2.0, utf8("two"), 3.0, false),
                3.0, map(utf8("x"), bytes(0)),
                utf8("f"), OpaqueValue.FUNCTION,
                true, Map.of()));
        assertThat(viaGlobal).isEqualTo(viaFrame).isNotSameAs(viaFrame);
        assertThat(viaRef).isEqualTo(viaFrame);
    }

    @Test
    void framesCopyInsideCoroutines() throws Exception {
        h.exec("coroutine.wrap(function() keep({a = {1}}, 'x') end)()");
        assertThat(kept).containsExactly(map(utf8("a"), map(1.0, 1.0)), utf8("x"));
    }

    // ---- Java values in Lua -------------------------------------------------------------------------------------

    @Test
    void byteStringsBecomeStringsOfTheirBytes() throws Exception {
        byte[] bytes = Arrays.copyOf(allBytes(), 259); // and NULs at the end
        ByteString all = ByteString.of(bytes);
        assertThat(h.exec("""
                local s = ...
                for i = 1, 256 do if s:byte(i) ~= i - 1 then return false end end
                return #s, s:byte(257, 259)
                """, all)).containsExactly(259.0, 0.0, 0.0, 0.0);
        setGlobal("bin", all);
        assertThat(getGlobal("bin")).isEqualTo(all);
        assertThat(h.exec("local m, l = ... return m['\\0k\\255'] == 'found', l[1] == '\\0\\0'",
                Map.of(bytes(0, 'k', 255), "found"), List.of(bytes(0, 0)))).containsExactly(true, true);
    }

    @Test
    void mapKeysKeepTheirType() throws Exception {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("name", "text");
        map.put(ByteString.utf8("bytes"), 1);
        map.put(1, "one");
        map.put(2L, "two");
        map.put(3_000_000_000L, "big");
        map.put(2.5, "half");
        map.put(true, "yes");
        map.put(false, "no");
        h.exec("for k, v in pairs(...) do capture(type(k) .. ' ' .. tostring(k) .. ' = ' .. tostring(v)) end", map);
        assertThat(h.captured).extracting(b -> new String(b, StandardCharsets.UTF_8)).containsExactlyInAnyOrder(
                "string name = text", "string bytes = 1", "number 1 = one", "number 2 = two",
                "number 3000000000 = big", "number 2.5 = half", "boolean true = yes", "boolean false = no");
        assertThat(h.exec("""
                local m = ...
                local n = 0 for _ in ipairs(m) do n = n + 1 end
                return m[1] == 'one', m[2] == 'two', m[3000000000] == 'big', m['1'] == nil, n
                """, map)).containsExactly(true, true, true, true, 2.0);
    }

    @Test
    void mapEntriesWithoutALuaFormAreLeftOut() throws Exception {
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put(Double.NaN, "NaN key");
        map.put(Float.NaN, "NaN key");
        map.put(OpaqueValue.FUNCTION, "opaque key");
        map.put("opaque value", OpaqueValue.CYCLE);
        map.put("kept", 1);
        assertThat(h.exec("local n = 0 for k in pairs(...) do n = n + 1 end return n, (...).kept", map))
                .containsExactly(1.0, 1.0);
    }

    @Test
    void opaqueValuesBecomeNil() throws Exception {
        setGlobal("opaque", OpaqueValue.FUNCTION);
        setGlobal("giveOpaque", (LuaFunction) frame -> OpaqueValue.USERDATA);
        setGlobal("several", (LuaFunction) frame -> LuaFunction.Results.of(1, OpaqueValue.THREAD, 3));
        assertThat(h.exec("""
                local arg, list = ...
                return opaque == nil, arg == nil, select('#', ...), list[1], list[2] == nil, list[3],
                       giveOpaque() == nil, select('#', several()), select(2, several()) == nil
                """, OpaqueValue.CYCLE, Arrays.asList(1, OpaqueValue.CYCLE, 3)))
                .containsExactly(true, true, 2.0, 1.0, true, 3.0, true, 3.0, true);
    }

    @Test
    void aCopyGoesBackToLuaAsAnEqualTable() throws Exception {
        Object copied = copy("{1, 'two', {nested = true}, [2.5] = false, ['\\0bin\\255'] = 'x', [true] = 'yes'}");
        setGlobal("back", copied);
        assertThat(copy("back")).isEqualTo(copied);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    /** What {@link LuaFrame#toValue} copies of each value of a Lua expression list ({@code ...} are the args). */
    private List<Object> copies(String luaExpressions, Object... args) throws Exception {
        kept.clear();
        h.exec("keep(" + luaExpressions + ")", args);
        return new ArrayList<>(kept);
    }

    private Object copy(String luaExpression, Object... args) throws Exception {
        List<Object> copies = copies(luaExpression, args);
        assertThat(copies).hasSize(1);
        return copies.get(0);
    }

    private Object getGlobal(String name) throws Exception {
        return h.onLoop(() -> h.state.getGlobal(name));
    }

    private static ByteString utf8(String text) {
        return ByteString.utf8(text);
    }

    private static ByteString bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return ByteString.wrap(bytes);
    }

    private static byte[] allBytes() {
        byte[] all = new byte[256];
        for (int i = 0; i < all.length; i++) {
            all[i] = (byte) i;
        }
        return all;
    }

    @SuppressWarnings("unchecked") // a copied table
    private static Map<Object, Object> asMap(Object copy) {
        return (Map<Object, Object>) copy;
    }

    /** A map of the pairs given, in their order. */
    private static Map<Object, Object> map(Object... keysAndValues) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
