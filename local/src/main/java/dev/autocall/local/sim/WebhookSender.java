package dev.autocall.local.sim;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Sends form-encoded, signed webhooks as Twilio does, and keeps a log of what it sent and heard back. */
final class WebhookSender {
    /** One webhook sent: where, what, and the HTTP status the product answered. */
    record Delivery(String url, Map<String, String> params, int status, String at) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final TwilioSigner signer;
    private final Clock clock;
    private final List<Delivery> log = new ArrayList<>();

    WebhookSender(TwilioSigner signer, Clock clock) {
        this.signer = signer;
        this.clock = clock;
    }

    /** @return the response body, or empty when the product did not answer 2xx */
    String post(String url, Map<String, String> params) {
        String body = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                .header("User-Agent", "TwilioProxy/1.1")
                .header("X-Twilio-Signature", signer.sign(url, params))
                .header("I-Twilio-Idempotency-Token", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        int status;
        String answer;
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            status = response.statusCode();
            answer = status / 100 == 2 ? response.body() : "";
        } catch (IOException e) {
            status = 0;
            answer = "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = 0;
            answer = "";
        }
        synchronized (log) {
            log.add(new Delivery(url, new LinkedHashMap<>(params), status, clock.instant().toString()));
        }
        return answer;
    }

    List<Delivery> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }
}
