package dev.autocall.domain.webhook;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One event on its way to a workspace's webhookUrl: the exact body it is sent with (so every attempt signs the same
 * bytes), where it stands, and every attempt made.
 *
 * @param nextAttemptAt when the next attempt is due; null once delivered or parked
 */
public record WebhookDelivery(String workspaceId, String id, String type, String body, Status status,
                              List<Attempt> attempts, Instant nextAttemptAt, Instant createdAt) {

    /**
     * pending: no attempt made yet (or a replay asked for); failed: the last attempt failed and another is
     * scheduled; delivered: a 2xx answered; parked: the last scheduled attempt failed, nothing more is tried.
     */
    public enum Status {
        PENDING, DELIVERED, FAILED, PARKED;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Status fromWire(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * @param status the HTTP status answered, null when none was (refused address, timeout, network error)
     * @param error  what went wrong in a few words, null on a 2xx
     */
    public record Attempt(int number, Instant at, Integer status, String error, long durationMs) {
        public boolean succeeded() {
            return status != null && status >= 200 && status < 300;
        }
    }

    public WebhookDelivery {
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(status, "status");
        attempts = List.copyOf(attempts);
    }

    public static WebhookDelivery created(String workspaceId, String id, String type, String body, Instant now) {
        return new WebhookDelivery(workspaceId, id, type, body, Status.PENDING, List.of(), now, now);
    }

    public Attempt lastAttempt() {
        return attempts.isEmpty() ? null : attempts.getLast();
    }

    public Instant firstAttemptAt() {
        return attempts.isEmpty() ? null : attempts.getFirst().at();
    }

    public WebhookDelivery with(Attempt attempt, Status newStatus, Instant next) {
        List<Attempt> all = new ArrayList<>(attempts);
        all.add(attempt);
        return new WebhookDelivery(workspaceId, id, type, body, newStatus, all, next, createdAt);
    }

    public WebhookDelivery pendingAt(Instant when) {
        return new WebhookDelivery(workspaceId, id, type, body, Status.PENDING, attempts, when, createdAt);
    }
}
