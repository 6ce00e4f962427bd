package dev.autocall.domain.webhook;

import dev.autocall.domain.outbound.DeferredDelivery;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.domain.workspace.WorkspaceStore;
import dev.autocall.error.NotFoundException;
import dev.autocall.json.Json;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Delivers events to each workspace's webhookUrl the Standard Webhooks way: one record per event id, each attempt
 * taken before it is made (so a redelivered queue message sends nothing twice), retried on {@link RetrySchedule}
 * through deferred queue messages, parked after the last attempt, and replayed on demand (docs/webhooks.md).
 */
public final class WebhookDeliveries {
    private static final Logger LOG = Logger.getLogger(WebhookDeliveries.class.getName());
    /**
     * How long an attempt taken by a caller that never recorded its result (it died) holds: longer than the 10 s
     * POST and the writes around it, and no longer than the queue's visibility timeout, after which the message
     * comes back.
     */
    static final Duration CLAIM_HOLD = Duration.ofSeconds(60);

    private final WebhookDeliveryStore store;
    private final WorkspaceStore workspaces;
    private final WebhookSecrets secrets;
    private final WebhookTransport transport;
    private final DeferredDelivery queue;
    private final Clock clock;

    /** @param queue puts messages back on the webhook queue, now or when a retry is due */
    public WebhookDeliveries(WebhookDeliveryStore store, WorkspaceStore workspaces, WebhookSecrets secrets,
                             WebhookTransport transport, DeferredDelivery queue, Clock clock) {
        this.store = store;
        this.workspaces = workspaces;
        this.secrets = secrets;
        this.transport = transport;
        this.queue = queue;
        this.clock = clock;
    }

    /** The body a receiver gets: the event's type, its time (ISO-8601) and its data. */
    public static String body(String type, Instant timestamp, Map<String, Object> data) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type);
        body.put("timestamp", timestamp.toString());
        body.put("data", data == null ? Map.of() : data);
        return Json.write(body);
    }

    /** Handles one queue message: creates the delivery on the first, then makes the attempt it is for. */
    public void handle(WebhookMessage message) {
        Optional<Workspace> workspace = workspaces.find(message.workspaceId());
        String url = workspace.map(Workspace::webhookUrl).filter(u -> !u.isBlank()).orElse(null);
        if (message.attempt() == null) {
            if (url == null) {
                // Nothing is recorded for a workspace that asked for no webhooks: it would be one write per event.
                LOG.fine(() -> "webhook ws=" + message.workspaceId() + " id=" + message.id() + " dropped: no webhookUrl");
                return;
            }
            store.create(WebhookDelivery.created(message.workspaceId(), message.id(), message.type(),
                    body(message.type(), message.timestamp(), message.data()), clock.instant()));
        }
        attempt(message.workspaceId(), message.id(), message.attemptNumber(), url);
    }

    private void attempt(String ws, String id, int number, String url) {
        WebhookDelivery delivery = store.find(ws, id).orElse(null);
        if (delivery == null || delivery.attempts().size() != number - 1) {
            return; // expired, or this attempt is made already (a redelivered message) or superseded
        }
        Instant started = clock.instant();
        if (!store.claim(ws, id, number, started, started.minus(CLAIM_HOLD))) {
            return;
        }
        WebhookTransport.Result result = url == null
                ? WebhookTransport.Result.failed("no webhookUrl", 0)
                : transport.post(url, WebhookSigner.headers(id, started, delivery.body(), secrets.ensure(ws, started)), delivery.body());
        String error = result.error() == null && !ok(result.status()) ? "HTTP " + result.status() : result.error();
        WebhookDelivery.Attempt attempt = new WebhookDelivery.Attempt(number, started, result.status(),
                ok(result.status()) ? null : error, result.durationMs());
        if (attempt.succeeded()) {
            store.record(ws, id, attempt, WebhookDelivery.Status.DELIVERED, null);
            LOG.info(() -> "webhook ws=" + ws + " id=" + id + " attempt=" + number + " delivered status=" + result.status()
                    + " ms=" + result.durationMs());
            return;
        }
        Instant first = number == 1 ? started : delivery.firstAttemptAt();
        Optional<Instant> next = RetrySchedule.next(number, first, clock.instant());
        if (next.isPresent()) {
            // Deferred before it is recorded: if the record fails, the message comes back and the attempt is made
            // again once its claim lapses, instead of the delivery waiting for a retry never scheduled.
            queue.deliverAt(Json.write(WebhookMessage.attempt(ws, id, number + 1)), ws + ":" + id + ":" + (number + 1), next.get());
            store.record(ws, id, attempt, WebhookDelivery.Status.FAILED, next.get());
        } else {
            store.record(ws, id, attempt, WebhookDelivery.Status.PARKED, null);
        }
        LOG.info(() -> "webhook ws=" + ws + " id=" + id + " attempt=" + number + " failed: " + error
                + next.map(n -> ", next at " + n).orElse(", parked"));
    }

    /**
     * Sends a delivery again now, whatever its status, with the same webhook-id: one more attempt, signed with the
     * secrets of now. If it fails, the schedule goes on from the attempts made (a delivery parked stays parked).
     */
    public WebhookDelivery replay(String workspaceId, String id) {
        WebhookDelivery delivery = find(workspaceId, id);
        Instant now = clock.instant();
        int number = delivery.attempts().size() + 1;
        store.markPending(workspaceId, id, now);
        queue.deliverAt(Json.write(WebhookMessage.attempt(workspaceId, id, number)), workspaceId + ":" + id + ":" + number + ":replay", now);
        return delivery.pendingAt(now);
    }

    /** @throws NotFoundException for an id unknown in the workspace */
    public WebhookDelivery find(String workspaceId, String id) {
        return store.find(workspaceId, id).orElseThrow(() -> new NotFoundException("no webhook delivery " + id));
    }

    public WebhookDeliveryStore.Page list(String workspaceId, WebhookDelivery.Status status, int limit, String cursor) {
        return store.list(workspaceId, status, limit, cursor);
    }

    private static boolean ok(Integer status) {
        return status != null && status >= 200 && status < 300;
    }

    /** For tests and docs: the retry times after a first attempt at {@code first}, each attempt taking no time. */
    public static List<Instant> scheduleFrom(Instant first) {
        List<Instant> times = new ArrayList<>(List.of(first));
        Optional<Instant> next;
        while ((next = RetrySchedule.next(times.size(), first, times.getLast())).isPresent()) {
            times.add(next.get());
        }
        return List.copyOf(times);
    }
}
