package dev.autocall.local.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.autocall.json.Json;
import dev.autocall.local.LocalClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The simulator's own /_sim/ endpoints, driven over HTTP on a server of their own (no product behind them). */
class SimEndpointsTest {
    private static HttpServer server;
    private static TwilioSimulator simulator;
    private static String url;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        url = "http://127.0.0.1:" + server.getAddress().getPort();
        simulator = new TwilioSimulator("AC" + "0".repeat(32), "0".repeat(32), new LocalClock(), url, TwilioContract.load());
        server.createContext("/", exchange -> {
            try (exchange) {
                byte[] body;
                try (InputStream in = exchange.getRequestBody()) {
                    body = in.readAllBytes();
                }
                simulator.handle(exchange, exchange.getRequestURI().getRawPath(), body);
            }
        });
        server.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.stop(0);
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @ParameterizedTest(name = "{0} → 400")
    @ValueSource(strings = {
            "{\"advance\": \"PT1H\", \"set\": \"2099-01-01T00:00:00Z\"}",
            "{\"advance\": \"PT1H\", \"by\": \"me\"}",
            "{\"advanse\": \"PT1H\"}",
            "{\"advance\": 3600}",
            "{\"advance\": \"an hour\"}",
            "{\"advance\": \"-PT1H\"}",
            "{\"set\": \"tomorrow\"}",
            "{}",
            "[]"})
    void clock_should_refuseWith400AndStayPut_when_theRequestIsAmbiguousOrUnknown(String body) {
        // GIVEN
        Instant before = now();

        // WHEN
        HttpResponse<String> response = post("/_sim/clock", body);

        // THEN
        assertEquals(400, response.statusCode(), response.body());
        assertTrue(Json.tree(response.body()).path("error").path("message").asText().length() > 0, response.body());
        assertTrue(Duration.between(before, now()).compareTo(Duration.ofMinutes(1)) < 0, "the clock did not move");
    }

    @Test
    void clock_should_moveForward_when_askedToAdvance() {
        // GIVEN
        Instant before = now();

        // WHEN
        HttpResponse<String> response = post("/_sim/clock", "{\"advance\": \"PT14H\"}");

        // THEN
        assertEquals(200, response.statusCode(), response.body());
        Duration moved = Duration.between(before, Instant.parse(Json.tree(response.body()).path("now").asText()));
        assertTrue(moved.compareTo(Duration.ofHours(14)) >= 0 && moved.compareTo(Duration.ofHours(15)) < 0, moved.toString());
    }

    private static Instant now() {
        JsonNode clock = Json.tree(send(HttpRequest.newBuilder(URI.create(url + "/_sim/clock")).GET()).body());
        return Instant.parse(clock.path("now").asText());
    }

    static HttpResponse<String> post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
