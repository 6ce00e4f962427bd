package dev.autocall.adapters.twilio;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.json.Json;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** The Twilio account sid and auth token, read once per container from Secrets Manager. */
public record TwilioCredentials(String accountSid, String authToken) {

    /** The secret is JSON: {"accountSid": "AC...", "authToken": "..."}. */
    public static TwilioCredentials fromSecret(SecretsManagerClient secrets, String secretId) {
        String json = secrets.getSecretValue(b -> b.secretId(secretId)).secretString();
        JsonNode node = Json.tree(json);
        String sid = node.path("accountSid").asText("");
        String token = node.path("authToken").asText("");
        if (!sid.startsWith("AC") || token.isBlank()) {
            throw new IllegalStateException("secret " + secretId + " must hold {\"accountSid\": \"AC...\", \"authToken\": \"...\"}");
        }
        return new TwilioCredentials(sid, token);
    }

    @Override
    public String toString() {
        return "TwilioCredentials[accountSid=" + accountSid + ", authToken=***]";
    }
}
