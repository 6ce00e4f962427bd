package dev.autocall.domain.webhook;

import java.time.Instant;
import java.util.Map;

/**
 * A message on the webhook queue. The first one of a delivery carries the event (type, timestamp, data) and no
 * attempt; each later one names the delivery and the attempt it is for, so that a redelivered message for an
 * attempt already made does nothing.
 *
 * @param attempt null for the first attempt, else the attempt's number (1-based)
 */
public record WebhookMessage(String workspaceId, String id, String type, Instant timestamp, Map<String, Object> data,
                             Integer attempt) {

    public static WebhookMessage event(String workspaceId, String id, String type, Instant timestamp, Map<String, Object> data) {
        return new WebhookMessage(workspaceId, id, type, timestamp, data, null);
    }

    public static WebhookMessage attempt(String workspaceId, String id, int attempt) {
        return new WebhookMessage(workspaceId, id, null, null, null, attempt);
    }

    public int attemptNumber() {
        return attempt == null ? 1 : attempt;
    }
}
