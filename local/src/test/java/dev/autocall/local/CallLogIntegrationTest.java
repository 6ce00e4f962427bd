package dev.autocall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The call log on the whole local runtime: a workflow's answered call, a request deferred outside the calling window,
 * one refused for want of consent and an inbound missed call each become a row of {@code GET /v1/calls}; a test run's
 * call shows only with {@code test=true}. The analytics and the signed webhooks of the same calls agree with the log.
 */
class CallLogIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Tuesday 2026-12-01, 07:30 in Los Angeles: before the strict 10:00–18:00 window. */
    private static final Instant EARLY_MORNING_LA = Instant.parse("2026-12-01T15:30:00Z");
    private static final Instant ELEVEN_LA = Instant.parse("2026-12-01T19:00:00Z");
    private static LocalRuntime runtime;
    private static LocalClient client;
    private static com.sun.net.httpserver.HttpServer receiver;
    private static String secret;
    private static final java.util.List<JsonNode> WEBHOOKS = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(0));
        client = new LocalClient(runtime.url(), runtime.apiKey());
        receiver = com.sun.net.httpserver.HttpServer.create(
                new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            long timestamp = Long.parseLong(exchange.getRequestHeaders().getFirst("webhook-timestamp"));
            boolean signed = dev.autocall.domain.webhook.WebhookSigner.sign(id, timestamp, body, secret)
                    .equals(exchange.getRequestHeaders().getFirst("webhook-signature"));
            com.fasterxml.jackson.databind.node.ObjectNode received = (com.fasterxml.jackson.databind.node.ObjectNode)
                    dev.autocall.json.Json.tree(body);
            received.put("webhookId", id).put("signed", signed);
            WEBHOOKS.add(received);
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        secret = client.api("POST", "/v1/webhooks/secret", "").body().path("secret").asText();
        JsonNode workspace = client.api("GET", "/v1/workspace", null).body();
        ((com.fasterxml.jackson.databind.node.ObjectNode) workspace).remove("id");
        ((com.fasterxml.jackson.databind.node.ObjectNode) workspace).put("webhookUrl",
                "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
        // One call a minute (the demo workspace's cap) would defer the calls placed together to the next minute.
        ((com.fasterxml.jackson.databind.node.ObjectNode) workspace.path("compliance").path("caps")).put("perMinute", 60);
        assertEquals(200, client.api("PUT", "/v1/workspace", workspace.toString()).status());
        client.sim("POST", "/_sim/clock", Map.of("set", EARLY_MORNING_LA.toString()));
        workflow("remind", "appointment.scheduled", false);
        workflow("remind-test", "appointment.tested", true);
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
    void answeredDeferredRefusedAndMissedCalls_areRowsOfTheCallLog_andATestCallOnlyWhenAsked() {
        String deferred = "+14155550171";
        String answered = "+14155550172";
        String refused = "+14155550173";
        String missed = "+14155550174";
        String tested = "+14155550175";
        contact(deferred, "Dee", true);
        contact(answered, "Ann", true);
        contact(refused, "Rex", false);
        contact(tested, "Tess", true);
        client.sim("PUT", "/_sim/callees/" + LocalClient.encode(answered), Map.of("behavior", "answer"));
        client.sim("PUT", "/_sim/callees/" + LocalClient.encode(tested), Map.of("behavior", "answer"));

        event("appt-d", "appointment.scheduled", deferred);
        assertTrue(LocalClient.waitFor(() -> row(deferred, false).path("status").asText().equals("deferred"), WAIT),
                "deferred: " + calls(false));
        JsonNode deferredRow = row(deferred, false);
        assertEquals("OUTSIDE_WINDOW", deferredRow.path("reason").asText());
        assertEquals("remind", deferredRow.path("workflow").asText());
        assertEquals("outbound", deferredRow.path("direction").asText());
        assertTrue(deferredRow.path("callSid").isNull());
        assertEquals(1, deferredRow.path("attempt").asInt());

        // The deferred call is dialed when the window opens; its callee does not pick up.
        client.sim("POST", "/_sim/clock", Map.of("set", ELEVEN_LA.toString()));
        event("appt-a", "appointment.scheduled", answered);
        event("appt-r", "appointment.scheduled", refused);
        event("appt-t", "appointment.tested", tested);
        client.inboundCall(missed, LocalRuntime.DEMO_NUMBER, "no-answer", null);

        assertTrue(LocalClient.waitFor(() -> row(answered, false).path("status").asText().equals("completed")
                && row(refused, false).path("status").asText().equals("failed")
                && row(missed, false).path("status").asText().equals("completed")
                && !row(tested, true).isMissingNode(), WAIT), "rows: " + calls(false) + calls(true));

        JsonNode answeredRow = row(answered, false);
        assertEquals("completed", answeredRow.path("outcome").asText());
        assertEquals("Ann", answeredRow.path("contactName").asText(), "the contact's name on an outbound row");
        assertTrue(answeredRow.path("callSid").asText().startsWith("CA"), answeredRow.toString());
        assertEquals("remind", answeredRow.path("workflow").asText());
        assertTrue(answeredRow.path("callerId").asText().startsWith("+"), answeredRow.toString());
        assertFalse(Instant.parse(answeredRow.path("at").asText()).isBefore(ELEVEN_LA), answeredRow.toString());
        assertFalse(answeredRow.path("test").asBoolean());

        JsonNode refusedRow = row(refused, false);
        assertEquals("NO_CONSENT", refusedRow.path("reason").asText());
        assertTrue(refusedRow.path("callSid").isNull());

        JsonNode missedRow = row(missed, false);
        assertEquals("inbound", missedRow.path("direction").asText());
        assertEquals("missed", missedRow.path("outcome").asText());
        assertEquals(LocalRuntime.DEMO_NUMBER, missedRow.path("callerId").asText());
        assertEquals(missedRow.path("callSid").asText(), missedRow.path("id").asText());

        assertTrue(row(tested, false).isMissingNode(), "a test call is not a live call: " + calls(false));
        // Placed now or deferred by the dial rate limit, it is there with test=true.
        assertTrue(row(tested, true).path("test").asBoolean());
        assertEquals("remind-test", row(tested, true).path("workflow").asText());

        JsonNode inbound = client.api("GET", "/v1/calls?direction=inbound", null).body();
        inbound.path("calls").forEach(c -> assertEquals("inbound", c.path("direction").asText()));
        assertEquals(400, client.api("GET", "/v1/calls?status=done", null).status());

        analyticsAgreeWithTheLog();
        webhooksCarryTheRows(answeredRow, deferredRow, refusedRow);
    }

    /** The counters kept as calls ended say what the log's live, dialed, ended outbound rows say. */
    private static void analyticsAgreeWithTheLog() {
        java.util.Set<String> notConnected = java.util.Set.of("no_answer", "busy", "failed", "invalid", "canceled");
        java.util.function.Supplier<java.util.List<JsonNode>> dialed = () -> {
            java.util.List<JsonNode> rows = new java.util.ArrayList<>();
            calls(false).path("calls").forEach(c -> {
                if (c.path("direction").asText().equals("outbound") && !c.path("callSid").isNull()
                        && java.util.Set.of("completed", "failed").contains(c.path("status").asText())) {
                    rows.add(c);
                }
            });
            return rows;
        };
        String range = "/v1/analytics?from=2026-11-30&to=2026-12-02";
        assertTrue(LocalClient.waitFor(() -> client.api("GET", range, null).body().path("attempted").asInt()
                == dialed.get().size(), WAIT), client.api("GET", range, null).body() + " vs " + dialed.get());
        JsonNode analytics = client.api("GET", range, null).body();
        java.util.List<JsonNode> rows = dialed.get();
        assertTrue(rows.size() >= 1, "the answered call at least: " + rows);
        long connected = rows.stream().filter(r -> !notConnected.contains(r.path("outcome").asText())).count();
        assertEquals(connected, analytics.path("connected").asLong(), analytics.toString());
        java.util.Map<String, Integer> outcomes = new java.util.TreeMap<>();
        rows.forEach(r -> outcomes.merge(r.path("outcome").asText(), 1, Integer::sum));
        java.util.Map<String, Integer> counted = new java.util.TreeMap<>();
        analytics.path("outcomes").fields().forEachRemaining(e -> counted.put(e.getKey(), e.getValue().asInt()));
        assertEquals(outcomes, counted, analytics.toString());
        JsonNode day = analytics.path("trend");
        int inTrend = 0;
        for (JsonNode bucket : day) {
            inTrend += bucket.path("attempted").asInt();
        }
        assertEquals(rows.size(), inTrend, "every call in the trend, on its local day: " + day);
    }

    /** Each row's change is pushed once, signed, with the row as the log shows it. */
    private static void webhooksCarryTheRows(JsonNode answered, JsonNode deferred, JsonNode refused) {
        assertTrue(LocalClient.waitFor(() -> find("call.completed", answered).isPresent()
                && find("call.deferred", deferred).isPresent() && find("call.failed", refused).isPresent(), WAIT),
                "received: " + WEBHOOKS);
        JsonNode completed = find("call.completed", answered).orElseThrow();
        assertTrue(completed.path("signed").asBoolean(), completed.toString());
        // The row as GET /v1/calls shows it, its null fields left out (as in every webhook body).
        com.fasterxml.jackson.databind.node.ObjectNode shown = row(answered.path("contact").asText(), false).deepCopy();
        java.util.List<String> nulls = new java.util.ArrayList<>();
        shown.fields().forEachRemaining(e -> {
            if (e.getValue().isNull()) {
                nulls.add(e.getKey());
            }
        });
        shown.remove(nulls);
        assertEquals(shown, completed.path("data"));
        assertEquals("OUTSIDE_WINDOW", find("call.deferred", deferred).orElseThrow().path("data").path("reason").asText());
        assertEquals("NO_CONSENT", find("call.failed", refused).orElseThrow().path("data").path("reason").asText());
        java.util.Set<String> ids = new java.util.HashSet<>();
        WEBHOOKS.forEach(w -> assertTrue(ids.add(w.path("webhookId").asText()), "delivered once: " + w));
    }

    private static java.util.Optional<JsonNode> find(String type, JsonNode row) {
        return WEBHOOKS.stream().filter(w -> w.path("type").asText().equals(type)
                && w.path("data").path("id").asText().equals(row.path("id").asText())).findFirst();
    }

    private static JsonNode calls(boolean test) {
        return client.api("GET", "/v1/calls?limit=500&test=" + test, null).body();
    }

    private static JsonNode row(String contact, boolean test) {
        for (JsonNode call : calls(test).path("calls")) {
            if (call.path("contact").asText().equals(contact)) {
                return call;
            }
        }
        return MissingNode.getInstance();
    }

    private static void workflow(String id, String trigger, boolean testMode) {
        LocalClient.Reply reply = client.api("PUT", "/v1/workflows/" + id, """
                name: Reminder
                trigger: %s
                testMode: %s
                steps:
                  - type: leaveVoicemail
                    message: 'Your appointment is tomorrow.'
                """.formatted(trigger, testMode));
        assertEquals(200, reply.status(), reply.body().toString());
        assertEquals(200, client.api("POST", "/v1/workflows/" + id + "/publish", "").status());
    }

    private static void contact(String phone, String name, boolean consent) {
        String body = consent ? "{\"firstName\": \"" + name + "\", \"consent\": {\"voice\": "
                + "{\"source\": \"form\", \"confirmed\": true, \"at\": \"2026-11-02T15:04:05Z\"}}}"
                : "{\"firstName\": \"" + name + "\"}";
        LocalClient.Reply reply = client.api("PUT", "/v1/contacts/" + LocalClient.encode(phone), body);
        assertEquals(200, reply.status(), reply.body().toString());
    }

    private static void event(String id, String type, String phone) {
        LocalClient.Reply reply = client.api("POST", "/v1/events", "{\"id\": \"" + id + "\", \"type\": \"" + type + "\","
                + " \"contact\": {\"phone\": \"" + phone + "\"}}");
        assertEquals(202, reply.status(), reply.body().toString());
    }
}
