package dev.autocall.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.domain.webhook.SigningSecrets;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.autocall.api.ApiFixture.NOW;
import static dev.autocall.api.ApiFixture.json;
import static dev.autocall.testing.SampleWorkspaces.WORKSPACE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** POST /v1/webhooks/secret: the signing secret is created or rotated, and shown in that answer only. */
class WebhookSecretTest {
    private final ApiFixture f = new ApiFixture();

    @Test
    void post_should_createTheFirstSecret_withNoPreviousOne() {
        ApiResponse response = f.call("POST", "/v1/webhooks/secret", "");

        assertEquals(200, response.status());
        JsonNode body = json(response);
        assertTrue(body.get("secret").asText().startsWith("whsec_"));
        assertTrue(body.get("previousValidUntil").isNull());
        assertEquals("no-store", response.headers().get("Cache-Control"));
        assertEquals(List.of(body.get("secret").asText()), f.webhookSecrets.signing(WORKSPACE_ID, NOW));
    }

    @Test
    void post_should_rotate_andKeepThePreviousSecretSigningForADay() {
        String first = json(f.call("POST", "/v1/webhooks/secret", "")).get("secret").asText();
        f.clock.advance(Duration.ofMinutes(5));

        JsonNode rotated = json(f.call("POST", "/v1/webhooks/secret", "{}"));

        String second = rotated.get("secret").asText();
        assertEquals(NOW.plus(Duration.ofMinutes(5)).plus(SigningSecrets.GRACE).toString(), rotated.get("previousValidUntil").asText());
        assertEquals(List.of(second, first), f.webhookSecrets.signing(WORKSPACE_ID, f.clock.instant()));
    }

    @Test
    void theSecret_should_neverAppearInTheWorkspaceSettings() {
        String secret = json(f.call("POST", "/v1/webhooks/secret", "")).get("secret").asText();

        ApiResponse workspace = f.call("GET", "/v1/workspace", "");

        assertFalse(workspace.body().contains(secret.substring("whsec_".length())));
        assertFalse(workspace.body().contains("whsec_"));
    }

    @Test
    void post_should_answer400NamingTheField_when_theBodyHasFields() {
        ApiResponse response = f.call("POST", "/v1/webhooks/secret", "{\"secret\": \"whsec_mine\"}");

        assertEquals(400, response.status());
        assertEquals("secret", json(response).get("error").get("field").asText());
        assertEquals(List.of(), f.webhookSecrets.signing(WORKSPACE_ID, NOW), "nothing rotated");
    }

    @Test
    void post_should_answer400_when_theBodyIsAControlCharacter_thatJavaCallsWhitespaceButJsonDoesNot() {
        // Found by schemathesis: "\u001f" passed for an empty body and rotated the secret.
        ApiResponse response = f.call("POST", "/v1/webhooks/secret", "\u001f");

        assertEquals(400, response.status());
        assertEquals(List.of(), f.webhookSecrets.signing(WORKSPACE_ID, NOW), "nothing rotated");
    }

    @Test
    void post_should_acceptABodyOfJsonWhitespaceOnly() {
        assertEquals(200, f.call("POST", "/v1/webhooks/secret", " \r\n\t").status());
    }

    @Test
    void otherMethods_should_answer405() {
        ApiResponse response = f.call("GET", "/v1/webhooks/secret", "");

        assertEquals(405, response.status());
        assertEquals("POST", response.headers().get("Allow"));
    }
}
