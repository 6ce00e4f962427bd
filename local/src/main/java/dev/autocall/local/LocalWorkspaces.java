package dev.autocall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.autocall.domain.setup.WorkspaceSetup;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.error.ConflictException;
import dev.autocall.error.InvalidInputException;
import dev.autocall.json.Json;
import dev.autocall.phone.PhoneNumbers;

import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Workspaces of the local runtime: the demo one at start, and more through POST /_sim/workspaces, each made by
 * the same WorkspaceSetup as a deployed stack's (default workflows published, a first API key), outbound on.
 */
final class LocalWorkspaces implements Gateway.Service {
    static final String PATH = "/_sim/workspaces";
    private static final Set<String> FIELDS = Set.of("name", "number", "forwarding");

    private final WorkspaceSetup setup;

    LocalWorkspaces(WorkspaceSetup setup) {
        this.setup = setup;
    }

    /** @return the workspace's first API key */
    String create(String id, String name, String number, String forwarding, String adminNumber) {
        return setup.create(new Workspace(id, name, List.of(number), new Workspace.Forwarding(forwarding, Workspace.DEFAULT_RING_SECONDS),
                null, true, 1, null, adminNumber, null, null));
    }

    @Override
    public void handle(HttpExchange exchange, String path, byte[] body) throws IOException {
        if (!path.equals(PATH) || !exchange.getRequestMethod().equals("POST")) {
            Gateway.send(exchange, 404, "application/json", error("no simulator endpoint " + exchange.getRequestMethod() + " " + path));
            return;
        }
        try {
            Map<String, String> request = read(body);
            String number = PhoneNumbers.requireE164("number", request.get("number"));
            String forwarding = request.get("forwarding") == null ? null : PhoneNumbers.requireE164("forwarding", request.get("forwarding"));
            String id = "ws_" + HexFormat.of().formatHex(new SecureRandom().generateSeed(6));
            String apiKey = create(id, request.get("name"), number, forwarding, null);
            Map<String, String> created = new LinkedHashMap<>();
            created.put("id", id);
            created.put("apiKey", apiKey);
            created.put("number", number);
            Gateway.send(exchange, 201, "application/json", Json.write(created));
        } catch (InvalidInputException e) {
            Gateway.send(exchange, 400, "application/json", error(e.getMessage()));
        } catch (ConflictException e) {
            Gateway.send(exchange, 409, "application/json", error("number belongs to another workspace"));
        }
    }

    /** {"name": "...", "number": "+1...", "forwarding"?: "+1..."}: strings only, nothing else. */
    private static Map<String, String> read(byte[] body) {
        JsonNode request;
        try {
            request = Json.tree(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new InvalidInputException("the body must be a JSON object: {\"name\", \"number\", \"forwarding\"?}");
        }
        if (request == null || !request.isObject()) {
            throw new InvalidInputException("the body must be a JSON object: {\"name\", \"number\", \"forwarding\"?}");
        }
        List<String> problems = new ArrayList<>();
        Map<String, String> values = new LinkedHashMap<>();
        request.fields().forEachRemaining(field -> {
            if (!FIELDS.contains(field.getKey())) {
                problems.add("unknown field " + field.getKey() + " (known: name, number, forwarding)");
            } else if (!field.getValue().isTextual()) {
                problems.add(field.getKey() + " must be a string");
            } else {
                values.put(field.getKey(), field.getValue().asText());
            }
        });
        if (!problems.isEmpty()) {
            throw new InvalidInputException(String.join("; ", problems));
        }
        if (values.getOrDefault("name", "").isBlank()) {
            throw new InvalidInputException("name", "name is required: the business's name, used in its texts");
        }
        return values;
    }

    private static String error(String message) {
        return Json.write(Map.of("error", Map.of("message", message)));
    }
}
