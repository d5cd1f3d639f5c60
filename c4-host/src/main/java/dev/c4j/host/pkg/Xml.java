package dev.c4j.host.pkg;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSSerializer;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The XML mechanics that reading driver.xml needs: a parser that cannot be made to read anything but the document,
 * element navigation, the text rule of host spec §1.2 and inner XML.
 */
final class Xml {

    private Xml() {
    }

    /**
     * Parses a whole document with the JDK's own parser. A DOCTYPE is refused outright, so no entity, external or
     * expanding, is ever declared, let alone resolved (XXE, billion laughs); external access is switched off as a
     * second guard. driver.xml never needs a DTD.
     */
    static Document parse(byte[] document, String source) throws PackageException {
        try {
            DocumentBuilder builder = secureFactory().newDocumentBuilder();
            builder.setErrorHandler(FATAL_ONLY);
            return builder.parse(new ByteArrayInputStream(document));
        } catch (SAXParseException e) {
            throw new PackageException(
                    source + ": line " + e.getLineNumber() + ": " + withoutFinalStop(e.getMessage()));
        } catch (SAXException e) {
            throw new PackageException(source + ": " + withoutFinalStop(e.getMessage()));
        } catch (IOException e) {
            throw PackageException.cannotRead(source, e);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
        }
    }

    private static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    // Without a handler of its own the parser also prints "[Fatal Error] ..." on standard error.
    private static final ErrorHandler FATAL_ONLY = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) {
            // validity errors only: the parser does not validate
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXParseException {
            throw e;
        }
    };

    private static String withoutFinalStop(String message) {
        return message != null && message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
    }

    // ---- navigation ------------------------------------------------------------------------------------------

    /** The child elements of {@code parent} named {@code name} ({@code "*"}: all), in document order. */
    static List<Element> children(Element parent, String name) {
        List<Element> children = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element element && (name.equals("*") || element.getTagName().equals(name))) {
                children.add(element);
            }
        }
        return children;
    }

    /** The elements reached from {@code from} by a path of child names, e.g. {@code "config/properties/property"}. */
    static List<Element> select(Element from, String path) {
        List<Element> reached = List.of(from);
        for (String step : path.split("/")) {
            List<Element> next = new ArrayList<>();
            for (Element element : reached) {
                next.addAll(children(element, step));
            }
            reached = next;
        }
        return reached;
    }

    // ---- text ------------------------------------------------------------------------------------------------

    /** The element's text, entity-decoded by the parser, trimmed of blanks (§1.2); {@code <x/>} reads {@code ""}. */
    static String text(Element element) {
        return trimBlanks(element.getTextContent());
    }

    /** The text of the first child named {@code name}; {@code ""} when there is none. */
    static String childText(Element parent, String name) {
        List<Element> children = children(parent, name);
        return children.isEmpty() ? "" : text(children.get(0));
    }

    /** The element's text when it has no child elements, else its inner XML (GetDriverConfigInfo, GetDeviceData). */
    static String content(Element element) {
        return children(element, "*").isEmpty() ? text(element) : innerXml(element);
    }

    /**
     * Trims space, tab, CR and LF, the blanks of XML, and nothing else: unlike {@link String#trim()} and
     * {@link String#strip()} it keeps other control and space characters a value may mean.
     */
    static String trimBlanks(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isBlank(text.charAt(start))) {
            start++;
        }
        while (end > start && isBlank(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\n';
    }

    /**
     * The element's child nodes serialised back, as the document wrote them up to what a parser forgets: CDATA
     * sections, comments and whitespace come back; attributes come in double quotes and in alphabetical order,
     * empty elements as {@code <x/>}, line ends as LF, and text with {@code <}, {@code &} and {@code >} escaped,
     * however the document wrote them. Drivers read such values with an XML parser or by pattern, which these
     * details do not affect. Namespace prefixes are written as they are, without checking where they are declared:
     * a fragment may use one its ancestor declares (jriver's {@code <UI xmlns:xsi=...>}).
     */
    static String innerXml(Element element) {
        LSSerializer serializer = ((DOMImplementationLS) element.getOwnerDocument().getImplementation())
                .createLSSerializer();
        serializer.getDomConfig().setParameter("xml-declaration", false);
        serializer.getDomConfig().setParameter("namespaces", false);
        serializer.setNewLine("\n");
        StringBuilder xml = new StringBuilder();
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            xml.append(serializer.writeToString(node));
        }
        return xml.toString();
    }
}
