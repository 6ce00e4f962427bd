package dev.autocall.webhook;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads TwiML the way Twilio would: verbs in order, their attributes and text, whatever the attribute order. */
final class Twiml {
    private final Element response;

    private Twiml(Element response) {
        this.response = response;
    }

    static Twiml parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            Element root = doc.getDocumentElement();
            if (!root.getTagName().equals("Response")) {
                throw new AssertionError("TwiML must have <Response> at its root: " + xml);
            }
            return new Twiml(root);
        } catch (AssertionError e) {
            throw e;
        } catch (Exception e) {
            throw new AssertionError("not well-formed TwiML: " + xml, e);
        }
    }

    /** The verbs directly under Response, e.g. [Dial] or [Say, Record, Hangup]. */
    List<String> verbs() {
        return children(response).stream().map(Element::getTagName).toList();
    }

    Element verb(String name) {
        return find(name).orElseThrow(() -> new AssertionError("no <" + name + "> in TwiML; verbs are " + verbs()));
    }

    Optional<Element> find(String name) {
        return children(response).stream().filter(e -> e.getTagName().equals(name)).findFirst();
    }

    static Element child(Element parent, String name) {
        return children(parent).stream().filter(e -> e.getTagName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no <" + name + "> inside <" + parent.getTagName() + ">"));
    }

    private static List<Element> children(Element parent) {
        List<Element> result = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i).getNodeType() == Node.ELEMENT_NODE) {
                result.add((Element) nodes.item(i));
            }
        }
        return result;
    }
}
