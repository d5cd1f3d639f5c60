package dev.c4j.lua;

import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import java.io.ByteArrayInputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code C4:ParseXml}'s tree (spec 7.4): each element a node {@code {Name, Attributes, ChildNodes, Value}}, read
 * with the JDK's StAX parser, safely: no DTD processing, no external entities.
 */
final class XmlTree {

    /**
     * [CHOICE] Deeper documents are refused (nil), so that no converter recurses without bound. 64, below the JDK's
     * own element-depth limit (100 since JDK 24), so that every JDK gives the same answer.
     */
    static final int MAX_DEPTH = 64;

    private static final XMLInputFactory FACTORY = secureFactory();

    private XmlTree() {
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory(); // the JDK's own, whatever the classpath holds
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, false); // names as written, prefix included
        factory.setProperty(XMLInputFactory.IS_COALESCING, true); // text, CDATA and entities as one run
        return factory;
    }

    /**
     * The root element of {@code xml} (bytes in the encoding its declaration or BOM names, UTF-8 by default) as
     * nested maps and lists of Strings, or null when the text is not well-formed XML.
     */
    static Map<String, Object> parse(byte[] xml) {
        try {
            XMLStreamReader reader = FACTORY.createXMLStreamReader(new ByteArrayInputStream(xml));
            try {
                return read(reader);
            } finally {
                reader.close();
            }
        } catch (XMLStreamException e) {
            return null;
        }
    }

    private static Map<String, Object> read(XMLStreamReader reader) throws XMLStreamException {
        Deque<Element> open = new ArrayDeque<>();
        Element root = null;
        while (reader.hasNext()) {
            switch (reader.next()) {
                case XMLStreamConstants.START_ELEMENT -> {
                    if (open.size() == MAX_DEPTH) {
                        return null;
                    }
                    Element element = new Element(reader);
                    if (open.isEmpty()) {
                        root = element;
                    } else {
                        open.peek().children.add(element);
                    }
                    open.push(element);
                }
                case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                    if (!open.isEmpty()) {
                        open.peek().texts.add(reader.getText());
                    }
                }
                case XMLStreamConstants.END_ELEMENT -> open.pop();
                default -> { } // comments, processing instructions, the declaration, a DTD: skipped
            }
        }
        return root == null ? null : root.toNode();
    }

    private static final class Element {
        final String name;
        final Map<String, String> attributes = new LinkedHashMap<>();
        final List<Element> children = new ArrayList<>();
        final List<String> texts = new ArrayList<>();

        Element(XMLStreamReader reader) {
            name = qualifiedName(reader.getPrefix(), reader.getLocalName());
            for (int i = 0; i < reader.getAttributeCount(); i++) {
                String attribute = qualifiedName(reader.getAttributePrefix(i), reader.getAttributeLocalName(i));
                attributes.put(attribute, reader.getAttributeValue(i));
            }
        }

        /**
         * {@code Value} is the element's own text, its runs joined; a blank run between child elements is
         * layout, not text [CHOICE: a leaf keeps its text as it is, blanks included].
         */
        Map<String, Object> toNode() {
            StringBuilder value = new StringBuilder();
            for (String text : texts) {
                if (children.isEmpty() || !text.isBlank()) {
                    value.append(text);
                }
            }
            List<Object> childNodes = new ArrayList<>(children.size());
            for (Element child : children) {
                childNodes.add(child.toNode());
            }
            Map<String, Object> node = new LinkedHashMap<>();
            node.put("Name", name);
            node.put("Attributes", attributes);
            node.put("ChildNodes", childNodes);
            node.put("Value", value.toString());
            return node;
        }

        private static String qualifiedName(String prefix, String localName) {
            return prefix == null || prefix.isEmpty() ? localName : prefix + ":" + localName;
        }
    }
}
