package dev.autocall.domain.ivr;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.domain.workflow.PrintableText;
import dev.autocall.error.InvalidInputException;

import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields of one node as read by the parser: every error names the node, its type and the field
 * ({@code nodes.menu.choices}), so a person can find what to change in a flow of many nodes.
 */
final class NodeFields {
    private final String id;
    private final String type;
    private final JsonNode node;

    NodeFields(String id, String type, JsonNode node) {
        this.id = id;
        this.type = type;
        this.node = node;
    }

    String field(String name) {
        return "nodes." + id + "." + name;
    }

    InvalidInputException refused(String name, String what) {
        return new InvalidInputException(field(name), "node '" + id + "' (" + type + "): " + what);
    }

    void rejectUnknown(Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw refused(name, "unknown field " + name + "; a " + type + " node has " + new TreeSet<>(allowed));
            }
        }
    }

    boolean has(String name) {
        return node.has(name);
    }

    JsonNode get(String name) {
        return node.get(name);
    }

    String requiredText(String name) {
        return optionalText(name).orElseThrow(() -> refused(name, name + " is required"));
    }

    Optional<String> optionalText(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!value.isTextual() || value.asText().isBlank()) {
            throw refused(name, name + " must be a non-empty string");
        }
        return Optional.of(value.asText());
    }

    /** A text that must be one line (a node id, a voice, an outcome): no line breaks or tabs. */
    Optional<String> optionalLine(String name) {
        Optional<String> text = optionalText(name);
        text.ifPresent(t -> PrintableText.require(field(name), t, false));
        return text;
    }

    int wholeNumber(String name, int fallback, int min, int max) {
        JsonNode value = node.get(name);
        if (value == null) {
            return fallback;
        }
        // canConvertToInt first: asInt() keeps the low 32 bits of a larger number.
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw refused(name, name + " must be a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }

    boolean bool(String name) {
        JsonNode value = node.get(name);
        if (value == null) {
            return false;
        }
        if (!value.isBoolean()) {
            throw refused(name, name + " must be true or false");
        }
        return value.asBoolean();
    }
}
