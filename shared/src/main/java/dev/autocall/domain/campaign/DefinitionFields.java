package dev.autocall.domain.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.domain.workflow.PrintableText;
import dev.autocall.error.InvalidInputException;

import java.util.Iterator;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * One object of a campaign definition as the parser reads it: each refusal names the field by its path from the top
 * ({@code schedule.hours.start}). A null counts as left out: the tree was checked for nulls where none may be.
 */
record DefinitionFields(JsonNode node, String path) {

    String at(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    static InvalidInputException refused(String field, String message) {
        return new InvalidInputException(field, message);
    }

    boolean has(String name) {
        JsonNode value = node.get(name);
        return value != null && !value.isNull();
    }

    void rejectUnknown(Set<String> allowed) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw refused(at(name), "unknown field " + at(name) + "; " + (path.isEmpty() ? "a campaign" : path)
                        + " has " + new TreeSet<>(allowed));
            }
        }
    }

    /** The object at {@code name}, if there is one; {@code shape} says what it looks like, for the message. */
    Optional<DefinitionFields> object(String name, String shape) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        if (!value.isObject()) {
            throw refused(at(name), at(name) + " must be an object: " + shape);
        }
        return Optional.of(new DefinitionFields(value, at(name)));
    }

    /** A non-blank text; one line unless {@code lineBreaks}. */
    Optional<String> text(String name, boolean lineBreaks, String what) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        if (!value.isTextual() || value.textValue().isBlank()) {
            throw refused(at(name), at(name) + " must be a non-empty string: " + what);
        }
        return Optional.of(PrintableText.require(at(name), value.textValue(), lineBreaks));
    }

    String requiredText(String name, boolean lineBreaks, String what) {
        return text(name, lineBreaks, what).orElseThrow(() -> refused(at(name), at(name) + " is required: " + what));
    }

    int wholeNumber(String name, int fallback, int min, int max) {
        if (!has(name)) {
            return fallback;
        }
        JsonNode value = node.get(name);
        // canConvertToInt first: asInt() keeps the low 32 bits of a larger number, so 2^32 + 30 would read as 30.
        if (!value.isIntegralNumber() || !value.canConvertToInt() || value.asInt() < min || value.asInt() > max) {
            throw refused(at(name), at(name) + " must be a whole number from " + min + " to " + max);
        }
        return value.asInt();
    }

    /** The list at {@code name}, if there is one. */
    Optional<JsonNode> list(String name, String what) {
        if (!has(name)) {
            return Optional.empty();
        }
        JsonNode value = node.get(name);
        if (!value.isArray()) {
            throw refused(at(name), at(name) + " must be a list: " + what);
        }
        return Optional.of(value);
    }
}
