package dev.autocall.domain.webhook;

import java.time.Instant;
import java.util.Map;

/**
 * Port: events pushed to the workspace's own {@code webhookUrl}, signed (Standard Webhooks), retried and parked
 * (docs/webhooks.md).
 */
public interface OutboundWebhooks {
    /** Where nothing is pushed. */
    OutboundWebhooks NONE = (workspaceId, id, type, timestamp, data) -> { };

    /**
     * Queues one event for delivery; a workspace without a {@code webhookUrl} gets nothing. The id is the delivery's
     * {@code webhook-id}: the same id sent twice is one delivery, so callers may send again after a failure.
     */
    void send(String workspaceId, String id, String type, Instant timestamp, Map<String, Object> data);
}
