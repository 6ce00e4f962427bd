package dev.autocall.local.sim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.autocall.adapters.twilio.TwilioSignature;
import dev.autocall.local.QuietWait;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The product's side, for simulator tests: answers TwiML by path and records every webhook, checking X-Twilio-Signature. */
final class ProductStandIn implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(10);

    private final SimulatorServer twilio;
    private final HttpServer server;
    private final TwilioSignature signature;
    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final Map<String, String> twiml = new ConcurrentHashMap<>();

    ProductStandIn(SimulatorServer twilio) throws IOException {
        this.twilio = twilio;
        signature = new TwilioSignature(twilio.authToken);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void twiml(String path, String document) {
        twiml.put(path, document);
    }

    /**
     * Answers one webhook; also mounted on the simulator's own server for the paths it posts inbound calls to.
     * The signature is checked over the URL the request was sent to, rebuilt from its Host header.
     */
    void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getRawPath();
            Map<String, String> params = new java.util.LinkedHashMap<>();
            CallsApi.values(body).forEach((name, values) -> params.put(name, values.get(values.size() - 1)));
            boolean signed = signature.isValid("http://" + exchange.getRequestHeaders().getFirst("Host") + path, params, exchange.getRequestHeaders().getFirst("X-Twilio-Signature"));
            hits.add(new Hit(path, params, signed));
            byte[] answer = twiml.getOrDefault(path, "<Response/>").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/xml");
            exchange.sendResponseHeaders(200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    List<Hit> all() {
        return List.copyOf(hits);
    }

    List<Hit> hits(String callSid, String path) {
        return hits.stream().filter(h -> h.path().equals(path) && callSid.equals(h.params().get("CallSid"))).toList();
    }

    /** Waits for {@code count} status callbacks of the call, then until the simulator has nothing left to send. */
    List<Hit> awaitStatuses(String callSid, int count) {
        assertTrue(waitFor(() -> hits(callSid, "/status").size() >= count),
                "expected " + count + " status callbacks, got " + param(hits(callSid, "/status"), "CallStatus"));
        new QuietWait().probe("twilio", twilio.simulator::inProgress).await(WAIT);
        List<Hit> statuses = hits(callSid, "/status");
        assertEquals(count, statuses.size(), "status callbacks: " + param(statuses, "CallStatus"));
        return statuses;
    }

    /** The final status callback of a call. */
    Hit awaitFinal(String callSid) {
        List<String> last = List.of("completed", "busy", "no-answer", "failed", "canceled");
        assertTrue(waitFor(() -> hits(callSid, "/status").stream().anyMatch(h -> last.contains(h.params().get("CallStatus")))),
                "no final status callback for " + callSid);
        return hits(callSid, "/status").stream().filter(h -> last.contains(h.params().get("CallStatus"))).findFirst().orElseThrow();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    static List<String> param(List<Hit> hits, String name) {
        return hits.stream().map(h -> h.params().get(name)).toList();
    }

    static boolean waitFor(Supplier<Boolean> condition) {
        Instant deadline = Instant.now().plus(WAIT);
        while (Instant.now().isBefore(deadline)) {
            if (condition.get()) {
                return true;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return condition.get();
    }
}
