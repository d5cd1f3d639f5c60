package dev.c4j.lua;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** C4:ParseXml's node shape (spec 7.4) and its safety. */
class XmlTreeTest {

    private static Map<String, Object> parse(String xml) {
        return XmlTree.parse(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, Object> node(String name, Map<String, String> attributes, String value, Object... children) {
        return Map.of("Name", name, "Attributes", attributes, "ChildNodes", List.of(children), "Value", value);
    }

    @Test
    void everyNodeHasTheFourFields() {
        assertThat(parse("<a/>")).isEqualTo(node("a", Map.of(), ""));
        assertThat(parse("<?xml version=\"1.0\"?>\n<!-- c --><root id=\"1\" name='x &amp; y'><?pi data?>"
                + "<item>one</item><item kind=\"b\">two</item></root>"))
                .isEqualTo(node("root", Map.of("id", "1", "name", "x & y"), "",
                        node("item", Map.of(), "one"), node("item", Map.of("kind", "b"), "two")));
    }

    @Test
    void namesKeepTheirPrefix() {
        assertThat(parse("<ns:item xmlns:ns=\"urn:x\" ns:a=\"1\"><ns:sub/></ns:item>"))
                .isEqualTo(node("ns:item", Map.of("xmlns:ns", "urn:x", "ns:a", "1"), "", node("ns:sub", Map.of(), "")));
    }

    @Test
    void valueJoinsTheElementsOwnTextAndCdataWithEntitiesDecoded() {
        assertThat(parse("<a>x &lt; y<![CDATA[ <raw> ]]>&#65;&#x42;</a>")).isEqualTo(node("a", Map.of(), "x < y <raw> AB"));
        assertThat(parse("<a>before<b>inner</b>after</a>").get("Value")).isEqualTo("beforeafter");
        assertThat(parse("<a>\n  <b/>\n  <c/>\n</a>").get("Value")).isEqualTo("");
        assertThat(parse("<a>  </a>").get("Value")).isEqualTo("  ");
        assertThat(parse("<a>caf\u00e9</a>").get("Value")).isEqualTo("caf\u00e9");
    }

    @Test
    void otherEncodingsAreReadByTheirDeclaration() {
        byte[] latin1 = "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>caf\u00e9</a>".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(XmlTree.parse(latin1).get("Value")).isEqualTo("caf\u00e9");
    }

    @Test
    void textThatIsNotWellFormedGivesNull() {
        for (String bad : new String[]{"", "   ", "text", "<a>", "<a></b>", "<a/><b/>", "<a x=1/>", "<a>&undefined;</a>",
                "<a>\u0001</a>"}) {
            assertThat(parse(bad)).as(bad).isNull();
        }
        assertThat(XmlTree.parse(new byte[]{'<', 'a', '>', (byte) 0xe9, '<', '/', 'a', '>'})).isNull();
    }

    @Test
    void noDtdProcessingAndNoExternalEntities() {
        assertThat(parse("<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><a>&e;</a>")).isNull();
        assertThat(parse("<!DOCTYPE a [<!ENTITY x \"expanded\">]><a>&x;</a>")).isNull();
        String laughs = "<!DOCTYPE a [<!ENTITY l \"lol\"><!ENTITY l2 \"&l;&l;&l;&l;&l;&l;&l;&l;\">]><a>&l2;</a>";
        assertThat(parse(laughs)).isNull();
    }

    @Test
    void depthIsBounded() {
        String deep = "<a>".repeat(XmlTree.MAX_DEPTH + 1) + "</a>".repeat(XmlTree.MAX_DEPTH + 1);
        assertThat(parse(deep)).isNull();
        String fits = "<a>".repeat(XmlTree.MAX_DEPTH) + "</a>".repeat(XmlTree.MAX_DEPTH);
        assertThat(parse(fits)).isNotNull();
    }
}
