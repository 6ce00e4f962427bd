package dev.autocall.api;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.autocall.error.InvalidInputException;
import dev.autocall.json.Json;

import java.util.stream.Collectors;

/** Reads JSON bodies into records, turning Jackson's failures into errors that name the field. */
final class RequestBodies {
    private RequestBodies() {
    }

    static <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw new InvalidInputException("the request body is empty: send a JSON object");
        }
        try {
            T value = Json.MAPPER.readValue(body, type);
            if (value == null) {
                throw new InvalidInputException("the request body must be a JSON object, not null");
            }
            return value;
        } catch (UnrecognizedPropertyException e) {
            String field = path(e);
            throw new InvalidInputException(field, "unknown field " + field);
        } catch (InvalidFormatException e) {
            String field = path(e);
            throw new InvalidInputException(field, field + ": " + describe(e.getTargetType()) + " expected, got "
                    + Json.write(e.getValue()));
        } catch (MismatchedInputException e) {
            String field = path(e);
            throw new InvalidInputException(field.isEmpty() ? null : field,
                    (field.isEmpty() ? "body" : field) + ": " + describe(e.getTargetType()) + " expected");
        } catch (JsonParseException e) {
            throw new InvalidInputException("malformed JSON: " + e.getOriginalMessage()
                    + " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr());
        } catch (JsonMappingException e) {
            String field = path(e);
            Throwable cause = e.getCause() instanceof InvalidInputException iie ? iie : null;
            if (cause != null) {
                throw (InvalidInputException) cause;
            }
            throw new InvalidInputException(field.isEmpty() ? null : field,
                    (field.isEmpty() ? "body" : field) + ": " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("malformed JSON: " + e.getOriginalMessage());
        }
    }

    static JsonNode tree(String body) {
        return read(body, JsonNode.class);
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
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
