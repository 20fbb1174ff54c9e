package io.github.keycloakwechat.api.push;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads the XML of a push (protocol §7.3): {@code <xml>} with one flat element per field, text or CDATA. The body
 * comes from whoever can reach the message URL, so the parser is locked down first: any DOCTYPE is refused (no
 * entities, no external DTD, no XInclude), which shuts out XXE and entity expansion bombs alike.
 */
public final class WeChatPushXml {

    /** A push is a few KiB even in compatible mode; anything much larger is not WeChat's. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    private static final String ROOT = "xml";

    private WeChatPushXml() {
    }

    /**
     * The root's direct child elements, name to text, in document order; of two children with the same name the
     * first is kept.
     */
    public static Map<String, String> parse(byte[] body) throws WeChatPushException {
        if (body == null || body.length == 0) {
            throw new WeChatPushException(WeChatPushException.BAD_XML, "empty body");
        }
        if (body.length > MAX_BODY_BYTES) {
            throw new WeChatPushException(WeChatPushException.BAD_XML, "larger than " + MAX_BODY_BYTES + " bytes");
        }
        Document document;
        try {
            document = builder().parse(new ByteArrayInputStream(body));
        } catch (SAXException | IOException e) {
            // The parser's message is not passed on: it may quote the body. Whether a DOCTYPE was the cause is
            // told from the bytes (the parser refuses every one), not from a message that may be localised.
            boolean doctype = new String(body, StandardCharsets.ISO_8859_1).contains("<!DOCTYPE");
            throw doctype ? new WeChatPushException(WeChatPushException.DOCTYPE, "a DOCTYPE is refused")
                    : new WeChatPushException(WeChatPushException.BAD_XML, "not well-formed XML");
        }
        Element root = document.getDocumentElement();
        if (!ROOT.equals(root.getTagName())) {
            throw new WeChatPushException(WeChatPushException.BAD_XML, "the root element is not <xml>");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        NodeList children = root.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node child = children.item(i);
            if (child.getNodeType() == Node.ELEMENT_NODE) {
                fields.putIfAbsent(child.getNodeName(), child.getTextContent());
            }
        }
        return Collections.unmodifiableMap(fields);
    }

    private static DocumentBuilder builder() throws WeChatPushException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        try {
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            factory.setNamespaceAware(false);
            factory.setValidating(false);
            factory.setCoalescing(true);
            factory.setIgnoringComments(true);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(SILENT);
            return builder;
        } catch (ParserConfigurationException e) {
            // A parser without these features is not one to read untrusted XML with.
            throw new IllegalStateException("the XML parser cannot be locked down: " + e.getMessage(), e);
        }
    }

    /** Every problem fails the parse; nothing is printed to stderr, as the default handler would. */
    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
