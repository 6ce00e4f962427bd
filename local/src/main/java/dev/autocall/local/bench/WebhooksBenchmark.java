package dev.autocall.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.autocall.json.Json;
import dev.autocall.local.LocalClient;
import dev.autocall.local.LocalRuntime;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Outbound webhook latency on the local runtime: for each of {@code events} lead.created events (a distinct contact
 * each) a one-step workflow runs and ends, and its run.completed delivery is posted to a receiver on loopback.
 * Measured from just before the event's POST /v1/events to the delivery reaching the receiver (the API, the events
 * queue, the trigger function, the webhook queue and the delivery function, all of it), and from the run's end (its
 * finishedAt, the body's timestamp, taken just before OutboundWebhooks.send) to the receiver: the webhook path alone.
 */
public final class WebhooksBenchmark {
    private WebhooksBenchmark() {
    }

    public static int run(int events, int rate) throws Exception {
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> arrivedAt = new ConcurrentHashMap<>();
        Map<String, Long> fromRunEnd = new ConcurrentHashMap<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        receiver.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(8));
        receiver.createContext("/hooks", exchange -> {
            long now = System.nanoTime();
            JsonNode body = Json.tree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            arrivedAt.putIfAbsent(body.path("data").path("contact").asText(), now);
            // The run's end by the runtime's clock (real time: the benchmark never moves it), just before the send.
            fromRunEnd.putIfAbsent(body.path("data").path("contact").asText(),
                    System.currentTimeMillis() - java.time.Instant.parse(body.path("timestamp").asText()).toEpochMilli());
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try (LocalRuntime runtime = LocalRuntime.start(LocalRuntime.Options.defaults(0))) {
            LocalClient client = new LocalClient(runtime.url(), runtime.apiKey());
            JsonNode workspace = client.api("GET", "/v1/workspace", null).body();
            ((ObjectNode) workspace).put("webhookUrl", "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks");
            require(client.api("PUT", "/v1/workspace", workspace.toString()));
            require(client.api("PUT", "/v1/workflows/bench-tag", """
                    {"name": "Tag leads", "trigger": "lead.created", "steps": [{"type": "addTag", "tag": "lead"}]}"""));
            require(client.api("POST", "/v1/workflows/bench-tag/publish", ""));

            List<String> warmup = phones(20, 9000);
            drive(client, warmup, rate, sentAt);
            LocalClient.waitFor(() -> warmup.stream().allMatch(arrivedAt::containsKey), Duration.ofSeconds(60));
            List<String> measured = phones(events, 0);
            drive(client, measured, rate, sentAt);
            boolean all = LocalClient.waitFor(() -> measured.stream().allMatch(arrivedAt::containsKey), Duration.ofSeconds(120));
            List<Double> millis = new ArrayList<>();
            for (String phone : measured) {
                if (arrivedAt.containsKey(phone)) {
                    millis.add((arrivedAt.get(phone) - sentAt.get(phone)) / 1e6);
                }
            }
            millis.sort(null);
            List<Double> sendToArrival = new ArrayList<>(measured.stream().filter(fromRunEnd::containsKey)
                    .map(p -> (double) fromRunEnd.get(p)).sorted().toList());
            System.out.printf("webhooks: %d events at %d/s, %d delivered%s%n", events, rate, millis.size(), all ? "" : " (some missing)");
            System.out.printf("webhook latency ms (event POST to receiver): p50=%.1f p95=%.1f p99=%.1f max=%.1f%n",
                    pct(millis, 50), pct(millis, 95), pct(millis, 99), millis.isEmpty() ? 0 : millis.getLast());
            System.out.printf("webhook latency ms (run end, i.e. OutboundWebhooks.send, to receiver): p50=%.0f p95=%.0f p99=%.0f max=%.0f%n",
                    pct(sendToArrival, 50), pct(sendToArrival, 95), pct(sendToArrival, 99),
                    sendToArrival.isEmpty() ? 0 : sendToArrival.getLast());
            return all ? 0 : 1;
        } finally {
            receiver.stop(0);
        }
    }

    private static void require(LocalClient.Reply reply) {
        if (reply.status() >= 300) {
            throw new IllegalStateException("setup failed: " + reply.status() + " " + reply.body());
        }
    }

    private static List<String> phones(int count, int offset) {
        List<String> phones = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            phones.add(String.format("+1415556%04d", offset + i));
        }
        return phones;
    }

    private static void drive(LocalClient client, List<String> phones, int rate, Map<String, Long> sentAt) throws InterruptedException {
        long interval = 1_000_000_000L / Math.max(1, rate);
        long next = System.nanoTime();
        for (String phone : phones) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
            next += interval;
            sentAt.put(phone, System.nanoTime());
            require(client.api("POST", "/v1/events", "{\"id\": \"bench-" + phone.substring(1) + "\", \"type\": \"lead.created\", "
                    + "\"contact\": {\"phone\": \"" + phone + "\"}}"));
        }
    }

    private static double pct(List<Double> sorted, int percentile) {
        if (sorted.isEmpty()) {
            return 0;
        }
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
