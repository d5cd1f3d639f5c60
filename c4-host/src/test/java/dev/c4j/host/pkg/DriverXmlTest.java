package dev.c4j.host.pkg;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import dev.c4j.api.host.DriverManifest;
import dev.c4j.api.host.DriverManifest.Action;
import dev.c4j.api.host.DriverManifest.Command;
import dev.c4j.api.host.DriverManifest.Conditional;
import dev.c4j.api.host.DriverManifest.Connection;
import dev.c4j.api.host.DriverManifest.Event;
import dev.c4j.api.host.DriverManifest.Param;
import dev.c4j.api.host.DriverManifest.Port;
import dev.c4j.api.host.DriverManifest.Property;
import dev.c4j.api.host.DriverManifest.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriverXmlTest {

    /** A driver.xml that declares one of everything. */
    private static final String FULL = """
            <?xml version="1.0" encoding="UTF-8"?>
            <devicedata>
              <name>  Full &amp; Complete\t</name>
              <version>
                 42
              </version>
              <manufacturer>Acme</manufacturer>
              <modified/>
              <minimum_os_version>3.3.0</minimum_os_version>
              <proxies>
                <proxy proxybindingid="5001" name="Main" primary="True">light_v2</proxy>
                <proxy name="Second">  media_player </proxy>
              </proxies>
              <capabilities>
                <has_extras>True</has_extras>
                <navigator_display_option id="5001"><icons><i w="70">a.png</i></icons></navigator_display_option>
                <has_extras>False</has_extras>
              </capabilities>
              <events>
                <event><id>1</id><name>Event 1 </name><description>fires</description></event>
              </events>
              <conditionals>
                <conditional>
                  <id>7</id><name>IS_ON</name><type>BOOL</type><true_text>On</true_text><false_text>Off</false_text>
                </conditional>
              </conditionals>
              <connections>
                <connection>
                  <id>6001</id>
                  <type>4</type>
                  <connectionname>Device</connectionname>
                  <consumer>TRUE</consumer>
                  <classes>
                    <class>
                      <classname>SSL</classname>
                      <ports>
                        <port>
                          <number>443</number>
                          <auto_connect>True</auto_connect>
                          <keep_connection>false</keep_connection>
                          <monitor_connection>True</monitor_connection>
                          <keep_alive>True</keep_alive>
                          <delimiter>0d0a</delimiter>
                          <certificate>./cert.pem</certificate>
                          <private_key protected="True">./key.pem</private_key>
                          <cacert>./ca.pem</cacert>
                          <verify_mode>peer</verify_mode>
                          <method>tlsv12</method>
                          <suppress_connection_events>True</suppress_connection_events>
                        </port>
                      </ports>
                    </class>
                    <class><classname>TCP</classname></class>
                  </classes>
                </connection>
                <connection>
                  <id>5001</id><type>2</type><connectionname>Light</connectionname>
                  <classes><class><classname>LIGHT_V2</classname></class></classes>
                </connection>
              </connections>
              <config>
                <script file="driver.lua" jit="1" encryption="2"/>
                <properties>
                  <property>
                    <name>Log Level</name>
                    <type>LIST</type>
                    <items><item>Off</item><item> Debug </item></items>
                    <default>Off</default>
                    <readonly>False</readonly>
                    <description>How much to log</description>
                  </property>
                  <property>
                    <name>Level</name><type>RANGED_INTEGER</type><minimum>-5</minimum><maximum>10.5</maximum>
                    <default>3</default>
                  </property>
                  <property><name>Status</name><type>STRING</type><readonly>True</readonly></property>
                  <property><name>Note</name><type>STRING</type><default/></property>
                </properties>
                <commands>
                  <command>
                    <name>Set Level</name>
                    <description>Set the level to PARAM1</description>
                    <params>
                      <param>
                        <name>Level</name><type>RANGED_INTEGER</type><minimum>0</minimum><maximum>100</maximum>
                      </param>
                      <param><name>Mode</name><type>LIST</type><items><item>A</item><item>B</item></items></param>
                    </params>
                  </command>
                </commands>
                <actions>
                  <action>
                    <name>Reconnect Now</name>
                    <command>RECONNECT</command>
                    <params><param><name>Delay</name><type>STRING</type></param></params>
                  </action>
                </actions>
              </config>
              <commands>
                <command><name>Top Level</name><description>from devicedata/commands</description></command>
              </commands>
            </devicedata>
            """;

    private static DriverManifest manifest(String xml) throws PackageException {
        return parse(xml).manifest();
    }

    private static DriverXml parse(String xml) throws PackageException {
        return DriverXml.parse(xml.getBytes(UTF_8), "driver.xml");
    }

    /** A minimal document around {@code body}, with a script so that it loads. */
    private static String document(String body) {
        return "<devicedata><config><script file=\"driver.lua\"/></config>" + body + "</devicedata>";
    }

    @Test
    void identityAndScript() throws Exception {
        DriverXml xml = parse(FULL);
        DriverManifest m = xml.manifest();
        assertThat(m.name()).isEqualTo("Full & Complete");
        assertThat(m.version()).isEqualTo("42");
        assertThat(m.jit()).isEqualTo("1");
        assertThat(m.encrypted()).isTrue();
        assertThat(m.declared()).isTrue();
        assertThat(xml.script()).isEqualTo(new DriverXml.Script.File("driver.lua"));
    }

    @Test
    void withoutJitOrEncryption() throws Exception {
        DriverManifest m = manifest(document("<name>x</name>"));
        assertThat(m.jit()).isEmpty();
        assertThat(m.encrypted()).isFalse();
        assertThat(m.version()).isEmpty();
        assertThat(manifest("<devicedata><config><script file='d.lua' encryption='1' jit='0'/></config></devicedata>"))
                .satisfies(other -> {
                    assertThat(other.jit()).isEqualTo("0");
                    assertThat(other.encrypted()).isFalse();
                });
    }

    @Test
    void properties() throws Exception {
        assertThat(manifest(FULL).properties()).containsExactly(
                new Property("Log Level", "LIST", "Off", false, List.of("Off", "Debug"), null, null,
                        "How much to log"),
                new Property("Level", "RANGED_INTEGER", "3", false, List.of(), -5.0, 10.5, ""),
                new Property("Status", "STRING", "", true, List.of(), null, null, ""),
                new Property("Note", "STRING", "", false, List.of(), null, null, ""));
        assertThat(manifest(FULL).property("Status")).map(Property::readOnly).contains(true);
    }

    @Test
    void commandsFromBothPlaces() throws Exception {
        assertThat(manifest(FULL).commands()).containsExactly(
                new Command("Set Level", "Set the level to PARAM1", List.of(
                        new Param("Level", "RANGED_INTEGER", List.of(), 0.0, 100.0),
                        new Param("Mode", "LIST", List.of("A", "B"), null, null))),
                new Command("Top Level", "from devicedata/commands", List.of()));
    }

    @Test
    void actions() throws Exception {
        DriverManifest m = manifest(FULL);
        Action reconnect = new Action("Reconnect Now", "RECONNECT",
                List.of(new Param("Delay", "STRING", List.of(), null, null)));
        assertThat(m.actions()).containsExactly(reconnect);
        assertThat(m.action("RECONNECT")).contains(reconnect);
        assertThat(m.action("Reconnect Now")).contains(reconnect);
    }

    @Test
    void connectionsWithClassesAndPortOptions() throws Exception {
        DriverManifest m = manifest(FULL);
        assertThat(m.connections()).hasSize(2);
        Connection network = m.connection(6001).orElseThrow();
        assertThat(network.type()).isEqualTo(Connection.NETWORK);
        assertThat(network.name()).isEqualTo("Device");
        assertThat(network.consumer()).isTrue();
        assertThat(network.classes()).containsExactly("SSL", "TCP");
        assertThat(network.ports()).hasSize(1);
        Port port = network.ports().get(0);
        assertThat(port.number()).isEqualTo(443);
        assertThat(port.options()).containsOnly(
                entry("AUTO_CONNECT", "True"), entry("KEEP_CONNECTION", "false"),
                entry("MONITOR_CONNECTION", "True"), entry("KEEP_ALIVE", "True"), entry("DELIMITER", "0d0a"),
                entry("CERTIFICATE", "./cert.pem"), entry("PRIVATE_KEY", "./key.pem"), entry("PROTECTED", "True"),
                entry("CACERTFILE", "./ca.pem"), entry("VERIFY_MODE", "peer"), entry("METHOD", "tlsv12"),
                entry("SUPPRESS_CONNECTION_EVENTS", "True"));
        assertThat(m.connection(5001)).contains(
                new Connection(5001, 2, "Light", false, List.of("LIGHT_V2"), List.of()));
    }

    @Test
    void portsDirectlyUnderTheConnection() throws Exception {
        DriverManifest m = manifest(document("""
                <connections><connection><id>6001</id><type>4</type>
                  <ports><port><number>23</number></port></ports>
                </connection></connections>"""));
        assertThat(m.connection(6001).orElseThrow().ports()).containsExactly(new Port(23, Map.of()));
    }

    @Test
    void proxiesNumberedInOrderWhenTheirBindingIdIsMissing() throws Exception {
        assertThat(manifest(FULL).proxies()).containsExactly(
                new Proxy(5001, "light_v2", "Main", true), new Proxy(5002, "media_player", "Second", false));
    }

    @Test
    void olderProxiesRightUnderDevicedata() throws Exception {
        assertThat(manifest(document("<proxy>media_player</proxy><proxy proxybindingid='5010'>tv</proxy>")).proxies())
                .containsExactly(new Proxy(5001, "media_player", "", false), new Proxy(5010, "tv", "", false));
    }

    @Test
    void eventsConditionalsCapabilities() throws Exception {
        DriverManifest m = manifest(FULL);
        assertThat(m.events()).containsExactly(new Event(1, "Event 1", "fires")); // trimmed, as http-event needs
        assertThat(m.conditionals()).containsExactly(new Conditional(7, "IS_ON", "BOOL", "On", "Off"));
        assertThat(m.capabilities()).containsOnly(
                entry("has_extras", "True"), // the first of a name wins
                entry("navigator_display_option", "<icons><i w=\"70\">a.png</i></icons>"));
    }

    @Test
    void configInfoHoldsRootLevelElements() throws Exception { // B20
        Map<String, String> info = manifest(FULL).configInfo();
        assertThat(info).containsEntry("name", "Full & Complete")
                .containsEntry("version", "42")
                .containsEntry("manufacturer", "Acme")
                .containsEntry("modified", "")
                .containsEntry("minimum_os_version", "3.3.0")
                .doesNotContainKey("properties"); // a grandchild
        assertThat(info.get("config")).startsWith("\n    <script encryption=\"2\" file=\"driver.lua\" jit=\"1\"/>")
                .contains("<name>Log Level</name>");
        assertThat(info.get("commands")) // the first <commands> is config's grandchild: this is devicedata's own
                .contains("<name>Top Level</name>").doesNotContain("Set Level");
    }

    @Test
    void deviceDataHoldsChildrenAndGrandchildren() throws Exception { // B21
        DriverManifest m = manifest(FULL);
        Map<String, String> data = m.deviceData();
        assertThat(data).containsEntry("name", "Full & Complete").containsEntry("has_extras", "True");
        assertThat(data.get("properties")).contains("<name>Log Level</name>");
        assertThat(data.get("connection")).contains("<id>6001</id>"); // the first of a name
        assertThat(data.get("commands")) // a child wins over a grandchild of the same name
                .isEqualTo(m.configInfo().get("commands"));
        assertThat(data).doesNotContainKey("property"); // three levels down
        assertThat(m.deviceDataXml()).startsWith("\n  <name>  Full &amp; Complete\t</name>")
                .endsWith("</commands>\n");
    }

    @Test
    void innerXmlKeepsCdataAndComments() throws Exception {
        DriverManifest m = manifest(document("<data><!-- note --><a x='1 &amp; 2'><![CDATA[<raw>]]></a></data>"));
        assertThat(m.configInfo().get("data")).isEqualTo("<!-- note --><a x=\"1 &amp; 2\"><![CDATA[<raw>]]></a>");
    }

    @Test
    void innerXmlKeepsPrefixesDeclaredAbove() throws Exception { // jriver's <UI xmlns:xsi=...><Screen xsi:type=...>
        DriverManifest m = manifest(document("<capabilities><UI xmlns:xsi='http://www.w3.org/2001/XMLSchema-instance'>"
                + "<Screen xsi:type='ListScreenType'/></UI></capabilities>"));
        assertThat(m.capabilities()).containsEntry("UI", "<Screen xsi:type=\"ListScreenType\"/>");
    }

    @Test
    void textIsTrimmedOfXmlBlanksOnlyAndDecoded() throws Exception {
        DriverManifest m = manifest(
                document("<name>\r\n\t &lt;a&gt; &#233;&#x20;\u00a0</name><model> &#9;x&#10; </model>"));
        assertThat(m.name()).isEqualTo("<a> é \u00a0"); // a no-break space is not a blank
        assertThat(m.configInfo()).containsEntry("model", "x");
    }

    @Test
    void booleansIgnoreCase() throws Exception {
        DriverManifest m = manifest(document("""
                <config><properties>
                  <property><name>a</name><readonly>true</readonly></property>
                  <property><name>b</name><readonly>TRUE</readonly></property>
                  <property><name>c</name><readonly> True </readonly></property>
                  <property><name>d</name><readonly>yes</readonly></property>
                  <property><name>e</name><readonly/></property>
                </properties></config>"""));
        assertThat(m.properties()).extracting(Property::readOnly).containsExactly(true, true, true, false, false);
    }

    @Test
    void inlineScriptIsVerbatim() throws Exception {
        String lua = "\n  -- a comment with <tags> & ampersands\n  print(\"x\" .. 1 < 2)  \n";
        DriverXml xml = parse("<devicedata><config><script><![CDATA[" + lua + "]]></script></config></devicedata>");
        assertThat(xml.script()).isEqualTo(new DriverXml.Script.Inline(lua));
    }

    @Test
    void inlineScriptWithoutCdataIsDecoded() throws Exception {
        DriverXml xml = parse("<devicedata><config><script>if a &lt; b then end</script></config></devicedata>");
        assertThat(xml.script()).isEqualTo(new DriverXml.Script.Inline("if a < b then end"));
    }

    @Test
    void aScriptWithBothFileAndTextUsesTheFile() throws Exception {
        DriverXml xml = parse("<devicedata><config><script file=' main.lua '>print(1)</script></config></devicedata>");
        assertThat(xml.script()).isEqualTo(new DriverXml.Script.File("main.lua"));
    }

    @Test
    void aScriptWithNeitherFails() {
        assertThatThrownBy(() -> parse("<devicedata><config><script> \n </script></config></devicedata>"))
                .isInstanceOf(PackageException.class)
                .hasMessage("driver.xml: <script> has neither a file attribute nor any text");
        assertThatThrownBy(() -> parse("<devicedata><name>x</name></devicedata>"))
                .hasMessage("driver.xml: no <config><script>");
    }

    @Test
    void malformedXmlNamesTheLine() {
        assertThatThrownBy(() -> parse("<devicedata>\n  <name>x</nam>\n</devicedata>"))
                .isInstanceOf(PackageException.class)
                .hasMessage("driver.xml: line 2: The element type \"name\" must be terminated by the matching"
                        + " end-tag \"</name>\"");
        assertThatThrownBy(() -> parse("")).hasMessage("driver.xml: line 1: Premature end of file");
    }

    @Test
    void theRootMustBeDevicedata() {
        assertThatThrownBy(() -> parse("<c4soap name='Driver'><script file='driver.lua'/></c4soap>"))
                .hasMessage("driver.xml: the root element is <c4soap>, not <devicedata>");
    }

    @Test
    void badNumbersAreNamed() {
        assertThatThrownBy(() -> manifest(document("<events><event><id>one</id></event></events>")))
                .hasMessage("driver.xml: <event><id> is \"one\", not a whole number");
        assertThatThrownBy(() -> manifest(document("<connections><connection><id>1</id></connection></connections>")))
                .hasMessage("driver.xml: <connection><type> is missing");
        assertThatThrownBy(() -> manifest(document("<proxy proxybindingid='x'>tv</proxy>")))
                .hasMessage("driver.xml: <proxy proxybindingid> is \"x\", not a whole number");
        assertThatThrownBy(() -> manifest(document(
                "<config><properties><property><name>p</name><minimum>low</minimum></property></properties></config>")))
                .hasMessage("driver.xml: <property><minimum> is \"low\", not a number");
    }

    @Test
    void externalEntitiesAreNeverRead(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        String xxe = "<?xml version=\"1.0\"?>\n"
                + "<!DOCTYPE devicedata [<!ENTITY leak SYSTEM \"" + secret.toUri() + "\">]>\n"
                + "<devicedata><name>&leak;</name><config><script file='driver.lua'/></config></devicedata>";
        assertThatThrownBy(() -> parse(xxe))
                .isInstanceOf(PackageException.class)
                .hasMessageStartingWith("driver.xml: line 2: DOCTYPE is disallowed")
                .hasMessageNotContaining("TOP-SECRET");
    }

    @Test
    void entityExpansionIsRefusedToo() {
        String laughs = "<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                + "<devicedata><name>&b;</name></devicedata>";
        assertThatThrownBy(() -> parse(laughs)).hasMessageContaining("DOCTYPE is disallowed");
    }

    @Test
    void theEncodingDeclarationIsHonoured() throws Exception {
        byte[] latin1 = ("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><devicedata><name>caf\u00e9</name>"
                + "<config><script file='d.lua'/></config></devicedata>").getBytes(ISO_8859_1);
        assertThat(DriverXml.parse(latin1, "x.c4i").manifest().name()).isEqualTo("caf\u00e9");
    }

    @Test
    void inlineLineEndsReadAsLf() throws Exception {
        DriverXml xml = parse(
                "<devicedata><config><script><![CDATA[a()\r\nb()\r\n]]></script></config></devicedata>");
        assertThat(xml.script()).isEqualTo(new DriverXml.Script.Inline("a()\nb()\n"));
    }
}
