package dev.autocall.local.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.twilio.http.TwilioRestClient;
import dev.autocall.adapters.twilio.TwilioClients;
import dev.autocall.adapters.twilio.TwilioCredentials;
import dev.autocall.json.Json;
import dev.autocall.local.LocalClock;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The simulator on its own loopback port, routed as the gateway routes it, and an SDK client pointed at it. */
final class SimulatorServer implements AutoCloseable {
    final String accountSid = "AC" + hex();
    final String authToken = hex();
    final HttpServer server;
    final TwilioSimulator simulator;
    final TwilioRestClient client;
    final String url;
    private final HttpClient http = HttpClient.newHttpClient();

    SimulatorServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        url = "http://127.0.0.1:" + server.getAddress().getPort();
        simulator = new TwilioSimulator(accountSid, authToken, new LocalClock(), url, TwilioContract.load());
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
        client = TwilioClients.restClient(new TwilioCredentials(accountSid, authToken), Optional.of(URI.create(url)));
    }

    void script(String phone, String json) {
        assertEquals(200, put("/_sim/callees/" + phone, json), json);
    }

    int postJson(String path, String json) {
        return postResponse(path, json).statusCode();
    }

    HttpResponse<String> postResponse(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    int put(String path, String json) {
        return putResponse(path, json).statusCode();
    }

    HttpResponse<String> putResponse(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url + path)).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    JsonNode get(String path) {
        try {
            return Json.MAPPER.readTree(send(HttpRequest.newBuilder(URI.create(url + path)).GET()).body());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    List<JsonNode> calls() {
        List<JsonNode> calls = new ArrayList<>();
        get("/_sim/calls").forEach(calls::add);
        return calls;
    }

    JsonNode call(String sid) {
        return calls().stream().filter(c -> c.path("sid").asText().equals(sid)).findFirst()
                .orElseThrow(() -> new AssertionError("no call " + sid + " in /_sim/calls"));
    }

    /** A REST request as any HTTP client would send it, with the account's Basic auth. */
    HttpResponse<String> post(String path, String form) {
        String auth = java.util.Base64.getEncoder().encodeToString((accountSid + ":" + authToken).getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(url + path)).header("Authorization", "Basic " + auth)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        simulator.close();
        server.stop(0);
    }

    private static String hex() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}

