package dev.autocall.local.sim;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.model.SimpleRequest;
import com.atlassian.oai.validator.report.ValidationReport;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autocall.json.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Twilio's published OpenAPI description of API 2010-04-01 (Apache 2.0, copied from shared/contracts),
 * used to check that every request the product makes is one Twilio would accept.
 *
 * <p>Form fields travel as text, and the validator would guess their types ("+14155550123" looks like a
 * number). So each field is typed by the schema's own declaration and the result is validated as JSON
 * against the same schema, which this class also offers under application/json.
 */
public final class TwilioContract {
    static final String RESOURCE = "/twilio_api_v2010.json";
    private static final String FORM = "application/x-www-form-urlencoded";
    private static volatile TwilioContract instance;

    private record Operation(String method, Pattern path, JsonNode schema) {
    }

    private final OpenApiInteractionValidator validator;
    private final JsonNode spec;
    private final List<Operation> formOperations;

    private TwilioContract(JsonNode spec) {
        this.spec = spec;
        this.formOperations = formOperations(spec);
        this.validator = OpenApiInteractionValidator.createForInlineApiSpecification(spec.toString()).build();
    }

    /** Parsing the 1.8 MB document takes a few seconds: once per JVM. */
    public static TwilioContract load() {
        if (instance == null) {
            synchronized (TwilioContract.class) {
                if (instance == null) {
                    try (InputStream in = TwilioContract.class.getResourceAsStream(RESOURCE)) {
                        if (in == null) {
                            throw new IllegalStateException("missing resource " + RESOURCE);
                        }
                        instance = new TwilioContract(Json.MAPPER.readTree(in));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
        return instance;
    }

    /** Adds an application/json twin to every form-encoded request body, and remembers each body's schema. */
    private static List<Operation> formOperations(JsonNode spec) {
        List<Operation> operations = new ArrayList<>();
        spec.path("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            JsonNode content = op.getValue().path("requestBody").path("content");
            if (content.has(FORM)) {
                ((ObjectNode) content).set("application/json", content.get(FORM).deepCopy());
                String regex = Pattern.quote(path.getKey()).replaceAll("\\{[^}]+}", "\\\\E[^/]+\\\\Q");
                operations.add(new Operation(op.getKey().toUpperCase(), Pattern.compile(regex),
                        content.get(FORM).path("schema")));
            }
        }));
        return operations;
    }

    /** @return the contract violations of a request, empty when Twilio would accept it */
    public List<String> violations(String method, String path, String contentType, String authorization, String body) {
        return violations(method, path, Map.of(), contentType, authorization, body);
    }

    /**
     * @param query the query parameters, decoded (e.g. "StartTime&gt;" → ["2026-11-25T15:00:00Z"])
     * @return the contract violations of a request, empty when Twilio would accept it
     */
    public List<String> violations(String method, String path, Map<String, List<String>> query, String contentType,
                                   String authorization, String body) {
        SimpleRequest.Builder request = new SimpleRequest.Builder(method, path);
        query.forEach((name, values) -> request.withQueryParam(name, values));
        Optional<Operation> form = FORM.equals(contentType) ? formOperations.stream()
                .filter(o -> o.method().equals(method) && o.path().matcher(path).matches()).findFirst() : Optional.empty();
        if (form.isPresent()) {
            request.withContentType("application/json").withBody(typed(body, resolve(form.get().schema())).toString());
        } else {
            request.withContentType(contentType).withBody(body == null ? "" : body);
        }
        if (authorization != null) {
            request.withAuthorization(authorization);
        }
        ValidationReport report = validator.validateRequest(request.build());
        return report.getMessages().stream()
                .filter(m -> m.getLevel() == ValidationReport.Level.ERROR)
                .map(m -> m.getKey() + ": " + m.getMessage())
                .collect(Collectors.toList());
    }

    private ObjectNode typed(String body, JsonNode schema) {
        Map<String, List<String>> fields = new LinkedHashMap<>();
        if (body != null && !body.isEmpty()) {
            for (String pair : body.split("&")) {
                int eq = pair.indexOf('=');
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
        }
        ObjectNode json = JsonNodeFactory.instance.objectNode();
        fields.forEach((name, values) -> {
            JsonNode property = resolve(schema.path("properties").path(name));
            if (property.path("type").asText().equals("array")) {
                ArrayNode array = json.putArray(name);
                JsonNode items = resolve(property.path("items"));
                values.forEach(v -> array.add(typedValue(v, items)));
            } else {
                json.set(name, typedValue(values.get(values.size() - 1), property));
            }
        });
        return json;
    }

    /** Reads a form value as the declared type; a value that does not read stays text, for the validator to report. */
    private static JsonNode typedValue(String value, JsonNode property) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        try {
            return switch (property.path("type").asText()) {
                case "integer" -> f.numberNode(Long.parseLong(value));
                case "number" -> f.numberNode(Double.parseDouble(value));
                case "boolean" -> value.equals("true") || value.equals("false") ? f.booleanNode(Boolean.parseBoolean(value)) : f.textNode(value);
                default -> f.textNode(value);
            };
        } catch (NumberFormatException e) {
            return f.textNode(value);
        }
    }

    private JsonNode resolve(JsonNode node) {
        JsonNode current = node;
        for (int i = 0; i < 10 && current.has("$ref"); i++) {
            current = spec.at(current.get("$ref").asText().substring(1));
        }
        return current;
    }
}
