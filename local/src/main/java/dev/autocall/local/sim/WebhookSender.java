package dev.autocall.local.sim;

import dev.autocall.local.InFlight;

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
    private final InFlight sending;

    WebhookSender(TwilioSigner signer, Clock clock, InFlight sending) {
        this.signer = signer;
        this.clock = clock;
        this.sending = sending;
    }

    /** @return the response body, or empty when the product did not answer 2xx */
    String post(String url, Map<String, String> params) {
        return send("POST", url, params);
    }

    /**
     * Sends a webhook with the method the product asked for: POST with a form body, or GET with the parameters
     * added to the URL's query string (signed over that full URL, as Twilio signs GETs).
     *
     * @return the response body, or empty when the product did not answer 2xx
     */
    String send(String method, String url, Map<String, String> params) {
        boolean get = "GET".equalsIgnoreCase(method);
        String form = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        String target = get && !form.isEmpty() ? url + (url.contains("?") ? "&" : "?") + form : url;
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(target));
        } catch (IllegalArgumentException e) {
            return record(url, params, 0);
        }
        request.timeout(Duration.ofSeconds(15))
                .header("User-Agent", "TwilioProxy/1.1")
                .header("X-Twilio-Signature", get ? signer.sign(target, Map.of()) : signer.sign(url, params))
                .header("I-Twilio-Idempotency-Token", UUID.randomUUID().toString());
        if (get) {
            request.GET();
        } else {
            request.header("Content-Type", "application/x-www-form-urlencoded; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(form));
        }
        int status;
        String answer;
        try (InFlight.Work webhook = sending.start("webhook " + method + " " + request.build().uri().getPath())) {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
        record(url, params, status);
        return answer;
    }

    private String record(String url, Map<String, String> params, int status) {
        synchronized (log) {
            log.add(new Delivery(url, new LinkedHashMap<>(params), status, clock.instant().toString()));
        }
        return "";
    }

    List<Delivery> log() {
        synchronized (log) {
            return List.copyOf(log);
        }
    }
}
