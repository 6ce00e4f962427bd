package dev.autocall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.autocall.domain.webhook.WebhookSigner;
import dev.autocall.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outbound webhooks on the whole local runtime: a workflow run that ends is posted, signed, to the workspace's
 * webhookUrl (a receiver on loopback) through the webhook queue and the delivery function built from template.yaml;
 * a receiver that answers 500 first gets the event again on the 5-second retry.
 */
class WebhooksIntegrationTest {
    private record Received(Map<String, String> headers, String body, int answered) {
    }

    private static LocalRuntime runtime;
    private static LocalClient client;
    private static HttpServer receiver;
    private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            int status = RECEIVED.isEmpty() ? 500 : 204;
            RECEIVED.add(new Received(Map.of(
                    "webhook-id", exchange.getRequestHeaders().getFirst("webhook-id"),
                    "webhook-timestamp", exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                    "webhook-signature", exchange.getRequestHeaders().getFirst("webhook-signature")), body, status));
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        receiver.start();
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(0));
        client = new LocalClient(runtime.url(), runtime.apiKey());
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
        if (receiver != null) {
            receiver.stop(0);
        }
    }

    @Test
    void aRunThatEndsIsPostedSignedRetriedAfterA500AndListedWithItsAttempts() {
        String secret = client.api("POST", "/v1/webhooks/secret", "").body().path("secret").asText();
        JsonNode workspace = client.api("GET", "/v1/workspace", null).body();
        ((ObjectNode) workspace).put("webhookUrl", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
        assertEquals(200, client.api("PUT", "/v1/workspace", workspace.toString()).status());
        assertEquals(200, client.api("PUT", "/v1/workflows/tag-leads", """
                {"name": "Tag new leads", "trigger": "lead.created", "steps": [{"type": "addTag", "tag": "lead"}]}""").status());
        assertEquals(200, client.api("POST", "/v1/workflows/tag-leads/publish", "").status());

        assertEquals(202, client.api("POST", "/v1/events",
                "{\"id\": \"lead-1\", \"type\": \"lead.created\", \"contact\": {\"phone\": \"+14155550123\"}}").status());

        assertTrue(LocalClient.waitFor(() -> RECEIVED.size() >= 2, Duration.ofSeconds(60)), "received: " + RECEIVED);
        Received first = RECEIVED.get(0);
        Received second = RECEIVED.get(1);
        assertEquals(500, first.answered());
        assertEquals(first.headers().get("webhook-id"), second.headers().get("webhook-id"));
        assertEquals(first.body(), second.body());
        String id = second.headers().get("webhook-id");
        assertTrue(id.startsWith("run:"), id);
        long timestamp = Long.parseLong(second.headers().get("webhook-timestamp"));
        assertEquals(WebhookSigner.sign(id, timestamp, second.body(), secret), second.headers().get("webhook-signature"));
        JsonNode body = Json.tree(second.body());
        assertEquals("run.completed", body.path("type").asText());
        assertEquals("tag-leads", body.path("data").path("workflowId").asText());
        assertEquals("+14155550123", body.path("data").path("contact").asText());
        assertEquals("completed", body.path("data").path("status").asText());

        assertTrue(LocalClient.waitFor(() -> "delivered".equals(client.api("GET", "/v1/webhooks/deliveries", null).body()
                .path("deliveries").path(0).path("status").asText()), Duration.ofSeconds(10)));
        JsonNode listed = client.api("GET", "/v1/webhooks/deliveries?status=delivered", null).body().path("deliveries").path(0);
        assertEquals(id, listed.path("id").asText());
        assertEquals(2, listed.path("attempts").asInt());
        assertEquals(204, listed.path("lastAttempt").path("status").asInt());
        JsonNode detail = client.api("GET", "/v1/webhooks/deliveries/" + LocalClient.encode(id), null).body();
        assertEquals("HTTP 500", detail.path("history").path(0).path("error").asText());
        assertEquals(1, RECEIVED.stream().filter(r -> r.answered() == 204).count(), "delivered once");
    }
}
