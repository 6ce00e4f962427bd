package dev.autocall.local.sim;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/** Reading TwiML as Twilio reads it: the verbs of a document, their attributes, and URLs relative to it. */
final class Twiml {
    private Twiml() {
    }

    /** An action URL as Twilio reads it: relative to the document that named it. */
    static String resolve(String documentUrl, String url) {
        if (documentUrl == null || url.isEmpty()) {
            return url;
        }
        try {
            return URI.create(documentUrl).resolve(url).toString();
        } catch (IllegalArgumentException e) {
            return url;
        }
    }

    static String method(Element verb) {
        return "GET".equalsIgnoreCase(verb.getAttribute("method")) ? "GET" : "POST";
    }

    static int intAttribute(Element verb, String name, int otherwise) {
        try {
            return verb.getAttribute(name).isEmpty() ? otherwise : Integer.parseInt(verb.getAttribute(name).trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }

    static String attributes(Element verb, String... names) {
        return Arrays.stream(names).filter(verb::hasAttribute).map(n -> n + "=" + verb.getAttribute(n))
                .collect(Collectors.joining(" "));
    }

    static List<Element> verbs(String twiml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(twiml)));
            if (!doc.getDocumentElement().getTagName().equals("Response")) {
                throw new IllegalArgumentException("the root element is <" + doc.getDocumentElement().getTagName() + ">, not <Response>");
            }
            List<Element> verbs = new ArrayList<>();
            for (Node n = doc.getDocumentElement().getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e) {
                    verbs.add(e);
                }
            }
            return verbs;
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("the product answered TwiML that does not parse: " + e.getMessage(), e);
        }
    }

    static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                return e;
            }
        }
        return null;
    }
}
