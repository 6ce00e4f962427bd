package dev.autocall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.autocall.json.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Serves Secrets Manager's GetSecretValue (JSON 1.1 protocol) so the functions read their Twilio
 * credentials through the real SDK client, as in AWS.
 */
final class SecretsStandIn implements Gateway.Service {
    static final String PATH = "/_aws/secretsmanager";
    private final Map<String, String> secrets = new ConcurrentHashMap<>();

    void put(String id, String value) {
        secrets.put(id, value);
    }

    @Override
    public void handle(HttpExchange exchange, String path, byte[] body) throws IOException {
        String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
        if (!"secretsmanager.GetSecretValue".equals(target)) {
            Gateway.send(exchange, 400, "application/x-amz-json-1.1",
                    "{\"__type\":\"InvalidRequestException\",\"message\":\"the local stand-in serves GetSecretValue only\"}");
            return;
        }
        JsonNode request = Json.tree(new String(body, StandardCharsets.UTF_8));
        String id = request.path("SecretId").asText();
        String value = secrets.get(id);
        if (value == null) {
            Gateway.send(exchange, 400, "application/x-amz-json-1.1",
                    "{\"__type\":\"ResourceNotFoundException\",\"message\":\"Secrets Manager can't find the specified secret.\"}");
            return;
        }
        Gateway.send(exchange, 200, "application/x-amz-json-1.1", Json.write(Map.of(
                "ARN", "arn:aws:secretsmanager:us-east-1:000000000000:secret:" + id,
                "Name", id, "SecretString", value, "VersionId", "local")));
    }
}
