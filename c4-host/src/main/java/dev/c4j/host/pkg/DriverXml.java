package dev.c4j.host.pkg;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.w3c.dom.Element;

/**
 * What a driver.xml or {@code .c4i} document declares (host spec §1.2-1.4): the {@link DriverManifest} and where
 * the main script is. Text rules: element text is trimmed of space, tab, CR and LF and entity-decoded, {@code <x/>}
 * reads {@code ""} and so does an absent element or attribute ({@code name} included: callers may fall back on the
 * package name), booleans are {@code true} in any case and false otherwise; the inline script alone is verbatim.
 * Unknown elements are kept (in {@code configInfo}, {@code deviceData}, {@code deviceDataXml}), not interpreted.
 *
 * <p>Whole numbers the host works with (connection and port numbers, event and conditional ids, proxy binding ids)
 * must be valid where given: a driver.xml that gets one wrong fails to load with a message naming it, rather than
 * running with a binding nobody can reach.
 */
public final class DriverXml {

    /** Where the main script is: a file of the package, or the text of {@code <script>} itself. */
    public sealed interface Script {
        /** {@code <script file="...">}: the name as written, relative to the package root. */
        record File(String name) implements Script {
        }

        /** An inline script (the {@code .c4i} form), verbatim but for XML's line ends (CR LF reads as LF). */
        record Inline(String text) implements Script {
        }
    }

    /** A proxy without {@code proxybindingid} takes 5001, 5002, ... by its position among the proxies (§1.2). */
    private static final int FIRST_PROXY_BINDING = 5001;

    private final String source;
    private final Element root;
    private final DriverManifest manifest;
    private final Script script;

    private DriverXml(Element root, String source) throws PackageException {
        this.source = source;
        this.root = root;
        Element scriptElement = Xml.select(root, "config/script").stream().findFirst()
                .orElseThrow(() -> error("no <config><script>"));
        this.script = script(scriptElement);
        Map<String, String> configInfo = contentByName(List.of(root));
        this.manifest = new DriverManifest(Xml.childText(root, "name"), Xml.childText(root, "version"),
                attribute(scriptElement, "jit"), attribute(scriptElement, "encryption").equals("2"),
                each("config/properties/property", this::property), commands(),
                each("config/actions/action", this::action), each("connections/connection", this::connection),
                proxies(), each("events/event", this::event), each("conditionals/conditional", this::conditional),
                contentByName(Xml.select(root, "capabilities")), configInfo, deviceData(configInfo),
                Xml.innerXml(root));
    }

    /**
     * Reads a document rooted at {@code <devicedata>}; {@code source} names it in messages, e.g.
     * {@code "driver.xml (in x.c4z)"}.
     */
    public static DriverXml parse(byte[] document, String source) throws PackageException {
        Element root = Xml.parse(document, source).getDocumentElement();
        if (!root.getTagName().equals("devicedata")) {
            throw new PackageException(source + ": the root element is <" + root.getTagName()
                    + ">, not <devicedata>");
        }
        return new DriverXml(root, source);
    }

    public DriverManifest manifest() {
        return manifest;
    }

    public Script script() {
        return script;
    }

    // ---- script (§1.4) ---------------------------------------------------------------------------------------

    private Script script(Element element) throws PackageException {
        String file = attribute(element, "file");
        if (!file.isEmpty()) {
            return new Script.File(file); // a script with both a file and text runs the file (§1.1)
        }
        String text = element.getTextContent();
        if (Xml.trimBlanks(text).isEmpty()) {
            throw error("<script> has neither a file attribute nor any text");
        }
        return new Script.Inline(text);
    }

    // ---- the declared items ----------------------------------------------------------------------------------

    private Property property(Element p) throws PackageException {
        return new Property(Xml.childText(p, "name"), Xml.childText(p, "type"),
                Xml.childText(p, "default"), // "" without one (B10)
                bool(p, "readonly"), items(p), decimal(p, "minimum"), decimal(p, "maximum"),
                Xml.childText(p, "description"));
    }

    /** Both places hold commands (http-event uses both): those under {@code <config>} first. */
    private List<Command> commands() throws PackageException {
        List<Command> commands = new ArrayList<>(each("config/commands/command", this::command));
        commands.addAll(each("commands/command", this::command));
        return commands;
    }

    private Command command(Element c) throws PackageException {
        return new Command(Xml.childText(c, "name"), Xml.childText(c, "description"), params(c));
    }

    private Action action(Element a) throws PackageException {
        return new Action(Xml.childText(a, "name"), Xml.childText(a, "command"), params(a));
    }

    private List<Param> params(Element parent) throws PackageException {
        return each(parent, "params/param", p -> new Param(Xml.childText(p, "name"), Xml.childText(p, "type"),
                items(p), decimal(p, "minimum"), decimal(p, "maximum")));
    }

    private Connection connection(Element c) throws PackageException {
        // the vendor's documents put ports inside their class; accept them directly under the connection too
        List<Port> ports = each(c, "classes/class/ports/port", this::port);
        ports.addAll(each(c, "ports/port", this::port));
        return new Connection(whole(c, "id"), whole(c, "type"), Xml.childText(c, "connectionname"),
                bool(c, "consumer"), each(c, "classes/class/classname", Xml::text), ports);
    }

    /**
     * A port's options keep their text as written ({@code True}, {@code 0d0a}) under the names of
     * {@code NetPortOptions} (§4.1): each child element's name upper-cased, {@code cacert} as {@code CACERTFILE},
     * and the {@code protected} attribute of {@code <private_key>} as {@code PROTECTED}. Options the document does
     * not give are absent: defaults (false for booleans) are the binding model's.
     */
    private Port port(Element port) throws PackageException {
        Map<String, String> options = new LinkedHashMap<>();
        for (Element option : Xml.children(port, "*")) {
            String name = option.getTagName();
            if (name.equals("number")) {
                continue;
            }
            options.putIfAbsent(name.equals("cacert") ? "CACERTFILE" : name.toUpperCase(Locale.ROOT),
                    Xml.text(option));
            if (name.equals("private_key") && option.hasAttribute("protected")) {
                options.putIfAbsent("PROTECTED", attribute(option, "protected"));
            }
        }
        return new Port(whole(port, "number"), options);
    }

    /** {@code <proxies><proxy>}, and the older {@code <proxy>} right under {@code <devicedata>}, in document order. */
    private List<Proxy> proxies() throws PackageException {
        List<Element> elements = new ArrayList<>();
        for (Element child : Xml.children(root, "*")) {
            if (child.getTagName().equals("proxy")) {
                elements.add(child);
            } else if (child.getTagName().equals("proxies")) {
                elements.addAll(Xml.children(child, "proxy"));
            }
        }
        List<Proxy> proxies = new ArrayList<>();
        for (Element p : elements) {
            String given = attribute(p, "proxybindingid");
            int bindingId = given.isEmpty() ? FIRST_PROXY_BINDING + proxies.size()
                    : whole(given, "<proxy proxybindingid>");
            proxies.add(new Proxy(bindingId, Xml.text(p), attribute(p, "name"),
                    isTrue(attribute(p, "primary"))));
        }
        return proxies;
    }

    private Event event(Element e) throws PackageException {
        return new Event(whole(e, "id"), Xml.childText(e, "name"), Xml.childText(e, "description"));
    }

    private Conditional conditional(Element c) throws PackageException {
        return new Conditional(whole(c, "id"), Xml.childText(c, "name"), Xml.childText(c, "type"),
                Xml.childText(c, "true_text"), Xml.childText(c, "false_text"));
    }

    // ---- the document as data (B20, B21) ---------------------------------------------------------------------

    /** The children of {@code parents} by name, the first of a name winning: text, or inner XML with elements. */
    private static Map<String, String> contentByName(List<Element> parents) {
        Map<String, String> content = new LinkedHashMap<>();
        for (Element parent : parents) {
            for (Element child : Xml.children(parent, "*")) {
                content.computeIfAbsent(child.getTagName(), name -> Xml.content(child));
            }
        }
        return content;
    }

    /**
     * {@code GetDeviceData(id, tag)} looks at children and grandchildren (B21), level by level: a root-level element
     * wins over a grandchild of the same name, whatever their order in the document.
     */
    private Map<String, String> deviceData(Map<String, String> configInfo) {
        Map<String, String> deviceData = new LinkedHashMap<>(configInfo);
        contentByName(Xml.children(root, "*")).forEach(deviceData::putIfAbsent);
        return deviceData;
    }

    // ---- values ----------------------------------------------------------------------------------------------

    private List<String> items(Element parent) throws PackageException {
        return each(parent, "items/item", Xml::text);
    }

    private static boolean bool(Element parent, String name) {
        return isTrue(Xml.childText(parent, name));
    }

    private static boolean isTrue(String text) {
        return text.equalsIgnoreCase("true"); // drivers write True and true alike
    }

    private static String attribute(Element element, String name) {
        return Xml.trimBlanks(element.getAttribute(name)); // "" when absent
    }

    private int whole(Element parent, String name) throws PackageException {
        return whole(Xml.childText(parent, name), "<" + parent.getTagName() + "><" + name + ">");
    }

    private int whole(String text, String what) throws PackageException {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw error(what + (text.isEmpty() ? " is missing" : " is \"" + text + "\", not a whole number"));
        }
    }

    /** A range bound, null when absent. */
    private Double decimal(Element parent, String name) throws PackageException {
        String text = Xml.childText(parent, name);
        if (text.isEmpty()) {
            return null;
        }
        try {
            return Double.valueOf(text);
        } catch (NumberFormatException e) {
            throw error("<" + parent.getTagName() + "><" + name + "> is \"" + text + "\", not a number");
        }
    }

    // ---- plumbing --------------------------------------------------------------------------------------------

    @FunctionalInterface
    private interface ElementReader<T> {
        T read(Element element) throws PackageException;
    }

    private <T> List<T> each(String path, ElementReader<T> reader) throws PackageException {
        return each(root, path, reader);
    }

    private static <T> List<T> each(Element from, String path, ElementReader<T> reader) throws PackageException {
        List<T> values = new ArrayList<>();
        for (Element element : Xml.select(from, path)) {
            values.add(reader.read(element));
        }
        return values;
    }

    private PackageException error(String problem) {
        return new PackageException(source + ": " + problem);
    }
}
