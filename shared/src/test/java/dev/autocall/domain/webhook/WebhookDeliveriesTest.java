package dev.autocall.domain.webhook;

import dev.autocall.domain.outbound.DeferredDelivery;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.json.Json;
import dev.autocall.testing.InMemoryWebhookDeliveries;
import dev.autocall.testing.InMemoryWebhookSecrets;
import dev.autocall.testing.InMemoryWorkspaceStore;
import dev.autocall.testing.MutableClock;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WebhookDeliveriesTest {
    private static final String WS = SampleWorkspaces.WORKSPACE_ID;
    private static final String URL = "https://hooks.example.com/autocall";
    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private final MutableClock clock = new MutableClock(T0);
    private final InMemoryWebhookDeliveries store = new InMemoryWebhookDeliveries();
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final InMemoryWebhookSecrets secrets = new InMemoryWebhookSecrets();
    private final FakeReceiver receiver = new FakeReceiver();
    private final RecordingQueue queue = new RecordingQueue();
    private final WebhookDeliveries deliveries = new WebhookDeliveries(store, workspaces, secrets, receiver, queue, clock);

    /** Answers each POST with the next scripted result (500 when the script is empty) and keeps what it got. */
    private static final class FakeReceiver implements WebhookTransport {
        final Deque<Result> script = new ArrayDeque<>();
        final List<Map<String, String>> headers = new ArrayList<>();
        final List<String> bodies = new ArrayList<>();
        final List<String> urls = new ArrayList<>();

        @Override
        public Result post(String url, Map<String, String> h, String body) {
            urls.add(url);
            headers.add(h);
            bodies.add(body);
            return script.isEmpty() ? new Result(500, null, 3) : script.poll();
        }
    }

    private record Deferred(String body, String deduplicationId, Instant when) {
    }

    private static final class RecordingQueue implements DeferredDelivery {
        final List<Deferred> sent = new ArrayList<>();

        @Override
        public void deliverAt(String body, String deduplicationId, Instant when) {
            sent.add(new Deferred(body, deduplicationId, when));
        }

        WebhookMessage last() {
            return Json.read(sent.getLast().body(), WebhookMessage.class);
        }
    }

    @BeforeEach
    void workspaceWithUrl() {
        workspaces.save(withUrl(URL));
    }

    private static Workspace withUrl(String url) {
        Workspace w = SampleWorkspaces.acme();
        return new Workspace(w.id(), w.name(), w.numbers(), w.forwarding(), w.voicemail(), w.outboundEnabled(),
                w.callsPerSecond(), url, w.adminNumber(), w.helpText(), w.compliance());
    }

    private WebhookMessage event(String id) {
        return WebhookMessage.event(WS, id, "run.completed", T0, Map.of("runId", "run_1", "status", "completed"));
    }

    /** Hands the last deferred message to the function when it is due, as the queue would. */
    private void deliverDeferred() {
        clock.set(queue.sent.getLast().when());
        deliveries.handle(queue.last());
    }

    @Test
    void aFailingDeliveryIsTriedOnTheWholeScheduleThenParked() {
        deliveries.handle(event("evt_1"));
        List<Instant> attempts = new ArrayList<>(List.of(T0));
        while (store.find(WS, "evt_1").orElseThrow().status() == WebhookDelivery.Status.FAILED) {
            deliverDeferred();
            attempts.add(clock.instant());
        }

        assertEquals(List.of(T0, T0.plusSeconds(5), T0.plus(Duration.parse("PT5M5S")),
                T0.plus(Duration.parse("PT35M5S")), T0.plus(Duration.parse("PT2H35M5S")), T0.plus(Duration.parse("PT7H35M5S")),
                T0.plus(Duration.parse("PT17H35M5S")), T0.plus(Duration.parse("PT41H35M5S")), T0.plus(Duration.parse("PT65H35M5S"))), attempts);
        assertEquals(9, receiver.bodies.size());
        WebhookDelivery parked = store.find(WS, "evt_1").orElseThrow();
        assertEquals(WebhookDelivery.Status.PARKED, parked.status());
        assertNull(parked.nextAttemptAt());
        assertEquals(9, parked.attempts().size());
        for (WebhookDelivery.Attempt a : parked.attempts()) {
            assertEquals(500, a.status());
            assertEquals("HTTP 500", a.error());
        }
        assertEquals(attempts, WebhookDeliveries.scheduleFrom(T0));
    }

    @Test
    void aDeliveryAnsweredWith2xxOnItsThirdAttemptIsDeliveredAndNotTriedAgain() {
        receiver.script.add(new WebhookTransport.Result(503, null, 5));
        receiver.script.add(WebhookTransport.Result.failed("timeout", 10_000));
        receiver.script.add(new WebhookTransport.Result(204, null, 7));

        deliveries.handle(event("evt_1"));
        deliverDeferred();
        deliverDeferred();

        WebhookDelivery delivered = store.find(WS, "evt_1").orElseThrow();
        assertEquals(WebhookDelivery.Status.DELIVERED, delivered.status());
        assertEquals(java.util.Arrays.asList(503, null, 204), delivered.attempts().stream().map(WebhookDelivery.Attempt::status).toList());
        assertEquals(java.util.Arrays.asList("HTTP 503", "timeout", null), delivered.attempts().stream().map(WebhookDelivery.Attempt::error).toList());
        assertEquals(10_000, delivered.attempts().get(1).durationMs());
        assertEquals(2, queue.sent.size(), "no retry is scheduled after the 2xx");
        assertEquals(List.of("evt_1", "evt_1", "evt_1"), receiver.headers.stream().map(h -> h.get("webhook-id")).toList());
    }

    @Test
    void aRedirectIsAFailureAndItsLocationIsNotFollowed() {
        receiver.script.add(new WebhookTransport.Result(302, null, 4));

        deliveries.handle(event("evt_1"));

        WebhookDelivery delivery = store.find(WS, "evt_1").orElseThrow();
        assertEquals(List.of(URL), receiver.urls);
        assertEquals(WebhookDelivery.Status.FAILED, delivery.status());
        assertEquals("HTTP 302", delivery.lastAttempt().error());
        assertEquals(T0.plusSeconds(5), delivery.nextAttemptAt());
    }

    @Test
    void theSameEventIdTwiceIsOneDelivery() {
        receiver.script.add(new WebhookTransport.Result(200, null, 1));
        deliveries.handle(event("evt_1"));
        deliveries.handle(event("evt_1"));

        assertEquals(1, receiver.bodies.size());
        assertEquals(1, store.list(WS, null, 10, null).deliveries().size());
    }

    @Test
    void aRedeliveredRetryMessageForAnAttemptAlreadyMadeSendsNothing() {
        deliveries.handle(event("evt_1"));
        WebhookMessage retry = queue.last();
        clock.advance(Duration.ofSeconds(5));
        deliveries.handle(retry);
        deliveries.handle(retry);
        clock.advance(Duration.ofMinutes(2));
        deliveries.handle(retry);

        assertEquals(2, receiver.bodies.size());
        assertEquals(2, store.find(WS, "evt_1").orElseThrow().attempts().size());
    }

    @Test
    void theBodyIsTypeTimestampAndDataAndEveryAttemptIsSignedOverTheSameBytes() {
        deliveries.handle(event("evt_1"));
        deliverDeferred();

        var body = Json.tree(receiver.bodies.get(0));
        assertEquals(List.of("type", "timestamp", "data"), iterable(body.fieldNames()));
        assertEquals("run.completed", body.get("type").asText());
        assertEquals("2026-03-02T10:00:00Z", body.get("timestamp").asText());
        assertEquals("run_1", body.get("data").get("runId").asText());
        assertEquals(receiver.bodies.get(0), receiver.bodies.get(1));
        String secret = secrets.signing(WS, clock.instant()).getFirst();
        Map<String, String> second = receiver.headers.get(1);
        assertEquals(Long.toString(T0.plusSeconds(5).getEpochSecond()), second.get("webhook-timestamp"));
        assertEquals(WebhookSigner.sign("evt_1", T0.plusSeconds(5).getEpochSecond(), receiver.bodies.get(1), secret),
                second.get("webhook-signature"));
    }

    @Test
    void duringARotationsGraceBothSecretsSign() {
        secrets.ensure(WS, T0);
        secrets.rotate(WS, T0);
        deliveries.handle(event("evt_1"));

        String[] signatures = receiver.headers.getFirst().get("webhook-signature").split(" ");
        assertEquals(2, signatures.length);
        assertTrue(signatures[0].startsWith("v1,") && signatures[1].startsWith("v1,"));
    }

    @Test
    void aWorkspaceWithoutWebhookUrlGetsNothingRecorded() {
        workspaces.save(withUrl(null));
        deliveries.handle(event("evt_1"));

        assertTrue(receiver.bodies.isEmpty());
        assertTrue(store.find(WS, "evt_1").isEmpty());
    }

    @Test
    void aParkedDeliveryReplayedIsSentOnceMoreWithTheSameIdAndDeliveredOn2xx() {
        deliveries.handle(event("evt_1"));
        while (store.find(WS, "evt_1").orElseThrow().status() == WebhookDelivery.Status.FAILED) {
            deliverDeferred();
        }
        clock.advance(Duration.ofDays(1));
        receiver.script.add(new WebhookTransport.Result(200, null, 2));

        WebhookDelivery replaying = deliveries.replay(WS, "evt_1");
        assertEquals(WebhookDelivery.Status.PENDING, replaying.status());
        assertEquals(clock.instant(), queue.sent.getLast().when());
        deliveries.handle(queue.last());
        deliveries.handle(queue.last());

        WebhookDelivery delivered = store.find(WS, "evt_1").orElseThrow();
        assertEquals(WebhookDelivery.Status.DELIVERED, delivered.status());
        assertEquals(10, delivered.attempts().size());
        assertEquals(10, receiver.bodies.size());
        assertEquals("evt_1", receiver.headers.getLast().get("webhook-id"));
    }

    @Test
    void aParkedDeliveryReplayedThatFailsAgainIsParkedAgain() {
        deliveries.handle(event("evt_1"));
        while (store.find(WS, "evt_1").orElseThrow().status() == WebhookDelivery.Status.FAILED) {
            deliverDeferred();
        }
        int deferred = queue.sent.size();
        deliveries.replay(WS, "evt_1");
        deliveries.handle(queue.last());

        assertEquals(WebhookDelivery.Status.PARKED, store.find(WS, "evt_1").orElseThrow().status());
        assertEquals(deferred + 1, queue.sent.size());
    }

    @Test
    void anotherWorkspacesDeliveryIsNotFound() {
        deliveries.handle(event("evt_1"));
        assertThrows(dev.autocall.error.NotFoundException.class, () -> deliveries.replay("ws_other", "evt_1"));
    }

    private static List<String> iterable(java.util.Iterator<String> names) {
        List<String> all = new ArrayList<>();
        names.forEachRemaining(all::add);
        return all;
    }
}
