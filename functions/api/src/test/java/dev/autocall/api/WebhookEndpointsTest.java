package dev.autocall.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.domain.webhook.WebhookDelivery;
import dev.autocall.json.Json;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookEndpointsTest {
    private static final String WS = SampleWorkspaces.WORKSPACE_ID;
    private final ApiFixture f = new ApiFixture();

    private ApiResponse get(String path, Map<String, String> query) {
        return f.api.handle(new ApiRequest("GET", path, query, Optional.of(f.apiKey), Optional.empty(), ""));
    }

    /** A delivery created at NOW + minutes, with one attempt answered {@code status} unless it is null. */
    private void delivery(String ws, String id, int minutes, Integer status) {
        Instant at = ApiFixture.NOW.plus(Duration.ofMinutes(minutes));
        f.webhookDeliveries.create(WebhookDelivery.created(ws, id, "run.completed", "{\"type\":\"run.completed\"}", at));
        if (status != null) {
            boolean ok = status < 300;
            f.webhookDeliveries.record(ws, id, new WebhookDelivery.Attempt(1, at, status, ok ? null : "HTTP " + status, 12),
                    ok ? WebhookDelivery.Status.DELIVERED : WebhookDelivery.Status.FAILED, ok ? null : at.plusSeconds(5));
        }
    }

    private static List<String> ids(ApiResponse response) {
        List<String> ids = new ArrayList<>();
        ApiFixture.json(response).get("deliveries").forEach(d -> ids.add(d.get("id").asText()));
        return ids;
    }

    @Test
    void deliveriesAreListedNewestFirstAPageAtATime() {
        for (int i = 1; i <= 5; i++) {
            delivery(WS, "evt_" + i, i, 200);
        }
        ApiResponse first = get("/v1/webhooks/deliveries", Map.of("limit", "2"));
        assertEquals(200, first.status());
        assertEquals(List.of("evt_5", "evt_4"), ids(first));
        String next = ApiFixture.json(first).get("next").asText();
        ApiResponse second = get("/v1/webhooks/deliveries", Map.of("limit", "2", "cursor", next));
        assertEquals(List.of("evt_3", "evt_2"), ids(second));
    }

    @Test
    void eachDeliveryShowsItsStatusAttemptsLastAttemptAndNextAttempt() {
        delivery(WS, "evt_1", 0, 500);
        JsonNode d = ApiFixture.json(get("/v1/webhooks/deliveries", Map.of())).get("deliveries").get(0);
        assertEquals("evt_1", d.get("id").asText());
        assertEquals("run.completed", d.get("type").asText());
        assertEquals("failed", d.get("status").asText());
        assertEquals(1, d.get("attempts").asInt());
        assertEquals(500, d.get("lastAttempt").get("status").asInt());
        assertEquals("HTTP 500", d.get("lastAttempt").get("error").asText());
        assertEquals(ApiFixture.NOW.toString(), d.get("lastAttempt").get("at").asText());
        assertEquals(ApiFixture.NOW.plusSeconds(5).toString(), d.get("nextAttemptAt").asText());
        assertEquals(ApiFixture.NOW.toString(), d.get("createdAt").asText());
    }

    @Test
    void theStatusFilterListsOnlyThatStatus() {
        delivery(WS, "evt_ok", 1, 200);
        delivery(WS, "evt_bad", 2, 500);
        delivery(WS, "evt_new", 3, null);
        assertEquals(List.of("evt_bad"), ids(get("/v1/webhooks/deliveries", Map.of("status", "failed"))));
        assertEquals(List.of("evt_ok"), ids(get("/v1/webhooks/deliveries", Map.of("status", "delivered"))));
        assertEquals(List.of("evt_new"), ids(get("/v1/webhooks/deliveries", Map.of("status", "pending"))));
        assertEquals(List.of(), ids(get("/v1/webhooks/deliveries", Map.of("status", "parked"))));
    }

    @Test
    void aBadStatusOrLimitIsA400NamingTheField() {
        ApiResponse status = get("/v1/webhooks/deliveries", Map.of("status", "lost"));
        assertEquals(400, status.status());
        assertTrue(status.body().contains("\"status\""), status.body());
        ApiResponse limit = get("/v1/webhooks/deliveries", Map.of("limit", "0"));
        assertEquals(400, limit.status());
        assertTrue(limit.body().contains("\"limit\""), limit.body());
    }

    @Test
    void oneDeliveryShowsEveryAttempt() {
        delivery(WS, "evt_1", 0, 503);
        JsonNode d = ApiFixture.json(get("/v1/webhooks/deliveries/evt_1", Map.of()));
        assertEquals("evt_1", d.get("id").asText());
        assertEquals(1, d.get("history").size());
        assertEquals(503, d.get("history").get(0).get("status").asInt());
        assertEquals(12, d.get("history").get(0).get("durationMs").asInt());
    }

    @Test
    void anotherWorkspacesDeliveryIsNotFoundAndNotListed() {
        delivery("ws_other", "evt_theirs", 0, 500);
        assertEquals(404, get("/v1/webhooks/deliveries/evt_theirs", Map.of()).status());
        assertEquals(404, f.call("POST", "/v1/webhooks/deliveries/evt_theirs/retry", "").status());
        assertEquals(List.of(), ids(get("/v1/webhooks/deliveries", Map.of())));
        assertTrue(f.webhookQueue.isEmpty());
    }

    @Test
    void aRetryIsAcceptedAndQueuesTheNextAttemptNow() {
        delivery(WS, "evt_1", 0, 500);
        f.clock.advance(Duration.ofHours(1));
        ApiResponse retry = f.call("POST", "/v1/webhooks/deliveries/evt_1/retry", "");
        assertEquals(202, retry.status());
        assertEquals("pending", ApiFixture.json(retry).get("status").asText());
        assertEquals(1, f.webhookQueue.size());
        JsonNode message = Json.tree(f.webhookQueue.getFirst()[0]);
        assertEquals("evt_1", message.get("id").asText());
        assertEquals(2, message.get("attempt").asInt());
        assertEquals(f.clock.instant().toString(), f.webhookQueue.getFirst()[1]);
        assertEquals("pending", ApiFixture.json(get("/v1/webhooks/deliveries/evt_1", Map.of())).get("status").asText());
    }

    @Test
    void anUnknownDeliveryIs404() {
        assertEquals(404, get("/v1/webhooks/deliveries/evt_none", Map.of()).status());
        assertEquals(404, f.call("POST", "/v1/webhooks/deliveries/evt_none/retry", "").status());
    }

    @Test
    void otherMethodsAre405() {
        assertEquals(405, f.call("DELETE", "/v1/webhooks/deliveries", "").status());
        assertEquals(405, f.call("GET", "/v1/webhooks/deliveries/evt_1/retry", "").status());
        assertFalse(f.call("POST", "/v1/webhooks/deliveries", "").status() == 200);
    }
}
