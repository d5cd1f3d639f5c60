package dev.c4j.lua;

import dev.c4j.lua.spi.LuaFunction;

import java.util.Map;

/** {@code C4:ParseXml} (spec 7.4): the root element as a node, or nil when the text is not well-formed (B48). */
final class XmlLib {

    private XmlLib() {
    }

    static void register(Map<String, LuaFunction> c4) {
        c4.put("ParseXml", frame -> XmlTree.parse(Args.method(frame, "ParseXml").checkByteArray(1)));
    }
}
