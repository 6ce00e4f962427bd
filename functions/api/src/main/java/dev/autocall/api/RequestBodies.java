package dev.autocall.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocall.error.InvalidInputException;
import dev.autocall.json.Json;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads JSON bodies with the strict request reader ({@link Json#REQUESTS}), turning Jackson's failures into
 * errors that name the field. Numbers too large for a double are refused here, once for every body.
 */
final class RequestBodies {
    private RequestBodies() {
    }

    static <T> T read(String body, Class<T> type) {
        JsonNode tree = tree(body);
        NullableFields.check(tree, type);
        try {
            T value = Json.REQUESTS.treeToValue(tree, type);
            if (value == null) {
                throw new InvalidInputException("the request body must be a JSON object, not null");
            }
            return value;
        } catch (JsonProcessingException e) {
            throw invalid(e);
        } catch (IllegalArgumentException e) {
            throw e.getCause() instanceof JsonProcessingException jpe ? invalid(jpe) : e;
        }
    }

    /** The body as a tree: one JSON document, no field twice, every number finite. */
    static JsonNode tree(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("the request body is empty: send a JSON object");
        }
        JsonNode tree;
        try {
            tree = Json.REQUESTS.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid(e);
        }
        requireFinite(tree, "");
        return tree;
    }

    /**
     * A free-form object (an event's data or contact) with its null members dropped at any depth: null there
     * means "no value". A null list element has no such reading and is refused.
     */
    static ObjectNode withoutNulls(ObjectNode node, String path) {
        ObjectNode copy = node.objectNode();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
            JsonNode value = withoutNulls(e.getValue(), path + "." + e.getKey());
            if (value != null) {
                copy.set(e.getKey(), value);
            }
        }
        return copy;
    }

    private static JsonNode withoutNulls(JsonNode node, String path) {
        if (node.isNull()) {
            return null;
        }
        if (node instanceof ObjectNode object) {
            return withoutNulls(object, path);
        }
        if (node instanceof ArrayNode array) {
            ArrayNode copy = array.arrayNode();
            for (int i = 0; i < array.size(); i++) {
                JsonNode element = withoutNulls(array.get(i), path + "[" + i + "]");
                if (element == null) {
                    throw new InvalidInputException(path + "[" + i + "]", path + "[" + i + "]: a list holds no nulls");
                }
                copy.add(element);
            }
            return copy;
        }
        return node;
    }

    private static void requireFinite(JsonNode node, String path) {
        if (node.isNumber() && !Double.isFinite(node.doubleValue())) {
            throw new InvalidInputException(path, path + ": the number is too large");
        }
        if (node.isObject()) {
            node.properties().forEach(e -> requireFinite(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey()));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                requireFinite(node.get(i), path + "[" + i + "]");
            }
        }
    }

    private static InvalidInputException invalid(JsonProcessingException e) {
        return switch (e) {
            case UnrecognizedPropertyException u -> new InvalidInputException(path(u), "unknown field " + path(u));
            case InvalidNullException n -> new InvalidInputException(path(n),
                    path(n) + ": null is not allowed here; leave the field out to get its default");
            case InvalidFormatException f -> new InvalidInputException(path(f), path(f) + ": "
                    + describe(f.getTargetType()) + " expected, got " + Json.write(f.getValue()));
            case MismatchedInputException m when m.getPath().isEmpty() -> new InvalidInputException(
                    m.getOriginalMessage().startsWith("Trailing token")
                            ? "the body must be one JSON document, with nothing after it"
                            : "body: " + describe(m.getTargetType()) + " expected");
            case MismatchedInputException m -> new InvalidInputException(path(m), path(m) + ": " + describe(m.getTargetType()) + " expected");
            case ValueInstantiationException v when v.getCause() instanceof InvalidInputException iie -> iie;
            case JsonMappingException m -> new InvalidInputException(path(m).isEmpty() ? null : path(m),
                    (path(m).isEmpty() ? "body" : path(m)) + ": " + m.getOriginalMessage());
            case InputCoercionException c -> new InvalidInputException(path(c),
                    (path(c) == null ? "a number" : path(c)) + ": the number is out of range");
            case StreamReadException r when r.getOriginalMessage().startsWith("Duplicate field") && path(r) != null ->
                    new InvalidInputException(path(r), path(r) + " is sent twice");
            case StreamReadException r -> new InvalidInputException("malformed JSON: " + r.getOriginalMessage()
                    + (r.getLocation() == null ? "" : " at line " + r.getLocation().getLineNr() + ", column " + r.getLocation().getColumnNr()));
            default -> new InvalidInputException("malformed JSON: " + e.getOriginalMessage());
        };
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
    }

    /** Where the parser stood: object members by name, list elements by index. */
    private static String path(StreamReadException e) {
        if (!(e.getProcessor() instanceof JsonParser parser)) {
            return null;
        }
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = parser.getParsingContext(); c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) {
                parts.add("." + c.getCurrentName());
            } else if (c.inArray()) {
                parts.add("[" + Math.max(0, c.getCurrentIndex()) + "]");
            }
        }
        Collections.reverse(parts);
        String path = String.join("", parts);
        return path.startsWith(".") ? path.substring(1) : path.isEmpty() ? null : path;
    }

    private static String describe(Class<?> type) {
        if (type == null) {
            return "a different value";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "a whole number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "a list";
        }
        if (type == java.time.Instant.class) {
            return "an ISO-8601 instant such as 2026-11-02T15:04:05Z";
        }
        if (type.isRecord() || java.util.Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        return "a " + type.getSimpleName();
    }
}
