package dev.autocall.testing;

import dev.autocall.domain.webhook.WebhookDelivery;
import dev.autocall.domain.webhook.WebhookDeliveryStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Deliveries in a map, with the claims and conditions of the DynamoDB store. */
public final class InMemoryWebhookDeliveries implements WebhookDeliveryStore {
    private final Map<String, WebhookDelivery> deliveries = new HashMap<>();
    private final Map<String, Claim> claims = new HashMap<>();

    private record Claim(int number, Instant at) {
    }

    private static String key(String ws, String id) {
        return ws + "\n" + id;
    }

    @Override
    public synchronized boolean create(WebhookDelivery delivery) {
        return deliveries.putIfAbsent(key(delivery.workspaceId(), delivery.id()), delivery) == null;
    }

    @Override
    public synchronized Optional<WebhookDelivery> find(String workspaceId, String id) {
        return Optional.ofNullable(deliveries.get(key(workspaceId, id)));
    }

    @Override
    public synchronized boolean claim(String workspaceId, String id, int number, Instant now, Instant staleBefore) {
        WebhookDelivery delivery = deliveries.get(key(workspaceId, id));
        if (delivery == null || delivery.attempts().size() != number - 1) {
            return false;
        }
        Claim claim = claims.get(key(workspaceId, id));
        if (claim != null && claim.number() >= number && !claim.at().isBefore(staleBefore)) {
            return false;
        }
        claims.put(key(workspaceId, id), new Claim(number, now));
        return true;
    }

    @Override
    public synchronized boolean record(String workspaceId, String id, WebhookDelivery.Attempt attempt,
                                       WebhookDelivery.Status status, Instant nextAttemptAt) {
        WebhookDelivery delivery = deliveries.get(key(workspaceId, id));
        if (delivery == null || delivery.attempts().size() != attempt.number() - 1) {
            return false;
        }
        deliveries.put(key(workspaceId, id), delivery.with(attempt, status, nextAttemptAt));
        return true;
    }

    @Override
    public synchronized boolean markPending(String workspaceId, String id, Instant when) {
        WebhookDelivery delivery = deliveries.get(key(workspaceId, id));
        if (delivery == null) {
            return false;
        }
        deliveries.put(key(workspaceId, id), delivery.pendingAt(when));
        return true;
    }

    @Override
    public synchronized Page list(String workspaceId, WebhookDelivery.Status status, int limit, String cursor) {
        List<WebhookDelivery> all = new ArrayList<>(deliveries.values().stream()
                .filter(d -> d.workspaceId().equals(workspaceId) && (status == null || d.status() == status))
                .sorted(Comparator.comparing(WebhookDelivery::createdAt).thenComparing(WebhookDelivery::id).reversed())
                .toList());
        int from = cursor == null ? 0 : Integer.parseInt(cursor);
        int to = Math.min(all.size(), from + limit);
        return new Page(all.subList(from, to), to < all.size() ? Integer.toString(to) : null);
    }
}
