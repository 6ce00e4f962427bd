package dev.autocall.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.json.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** Talks to a running local runtime as an outside client would: the management API and /_sim/. */
public final class LocalClient {
    /** An HTTP answer: status and parsed JSON body (null when empty). */
    public record Reply(int status, JsonNode body) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String apiKey;

    public LocalClient(String baseUrl, String apiKey) {
        this.baseUrl = baseUrl;
        this.apiKey = apiKey;
    }

    public String apiKey() {
        return apiKey;
    }

    public Reply api(String method, String path, String body) {
        return send(method, path, body, Map.of("Authorization", "Bearer " + apiKey, "Content-Type", "application/json"));
    }

    public Reply sim(String method, String path, Object body) {
        return send(method, path, body == null ? null : Json.write(body), Map.of("Content-Type", "application/json"));
    }

    public JsonNode inboundCall(String from, String to, String forward, String voicemail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("from", from);
        body.put("to", to);
        body.put("forward", forward);
        if (voicemail != null) {
            body.put("voicemail", voicemail);
        }
        return expectOk(sim("POST", "/_sim/inbound-call", body));
    }

    public JsonNode inboundSms(String from, String to, String text) {
        return expectOk(sim("POST", "/_sim/inbound-sms", Map.of("from", from, "to", to, "body", text)));
    }

    public JsonNode messages() {
        return expectOk(sim("GET", "/_sim/messages", null));
    }

    /** Messages the product sent to a number, oldest first. */
    public java.util.List<JsonNode> messagesTo(String to) {
        java.util.List<JsonNode> found = new java.util.ArrayList<>();
        messages().forEach(m -> {
            if (m.path("to").asText().equals(to) && m.path("direction").asText().equals("outbound-api")) {
                found.add(m);
            }
        });
        return found;
    }

    /** Calls the product placed to a number, oldest first. */
    public java.util.List<JsonNode> outboundCallsTo(String to) {
        java.util.List<JsonNode> found = new java.util.ArrayList<>();
        sim("GET", "/_sim/calls", null).body().forEach(c -> {
            if (c.path("to").asText().equals(to) && c.path("direction").asText().startsWith("outbound")) {
                found.add(c);
            }
        });
        return found;
    }

    public JsonNode thread(String phone) {
        return expectOk(api("GET", "/v1/contacts/" + encode(phone) + "/thread", null)).path("items");
    }

    public JsonNode contact(String phone) {
        return expectOk(api("GET", "/v1/contacts/" + encode(phone), null));
    }

    public Reply rawPost(String path, String contentType, Map<String, String> headers, String body) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Content-Type", contentType);
        return send("POST", path, body, all);
    }

    /** Polls until the condition holds or the time is up; returns whether it held. */
    public static boolean waitFor(Supplier<Boolean> condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.get()) {
                return true;
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.get();
    }

    public static String encode(String phone) {
        return URLEncoder.encode(phone, StandardCharsets.UTF_8);
    }

    private static JsonNode expectOk(Reply reply) {
        if (reply.status() / 100 != 2) {
            throw new IllegalStateException("HTTP " + reply.status() + ": " + reply.body());
        }
        return reply.body();
    }

    private Reply send(String method, String path, String body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            String text = response.body();
            JsonNode parsed = null;
            if (text != null && !text.isBlank() && text.trim().startsWith("{") || text != null && text.trim().startsWith("[")) {
                parsed = Json.tree(text);
            }
            return new Reply(response.statusCode(), Optional.ofNullable(parsed).orElse(Json.tree("null")));
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
