package dev.autocall.domain.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: deliveries per workspace, newest first, each kept about 30 days. */
public interface WebhookDeliveryStore {
    /** How long a delivery's record is kept: far beyond its last scheduled attempt (3 days). */
    Duration RETENTION = Duration.ofDays(30);

    /** Creates the delivery unless one with its id exists in its workspace; false when one does. */
    boolean create(WebhookDelivery delivery);

    Optional<WebhookDelivery> find(String workspaceId, String id);

    /**
     * Takes attempt {@code number} for the caller: only while {@code number - 1} attempts are recorded and nobody took
     * that attempt at or after {@code staleBefore} (a caller that died mid-attempt gives it up that way).
     *
     * @return false when the attempt is made or being made elsewhere
     */
    boolean claim(String workspaceId, String id, int number, Instant now, Instant staleBefore);

    /** Records the attempt's result, only while {@code attempt.number() - 1} attempts are recorded; false otherwise. */
    boolean record(String workspaceId, String id, WebhookDelivery.Attempt attempt, WebhookDelivery.Status status, Instant nextAttemptAt);

    /** Marks a delivery pending again, due at {@code when} (a replay); false when there is no such delivery. */
    boolean markPending(String workspaceId, String id, Instant when);

    /**
     * @param status null for every status
     * @param cursor null for the first page, else the {@code next} of the page before
     */
    Page list(String workspaceId, WebhookDelivery.Status status, int limit, String cursor);

    /** @param next null on the last page */
    record Page(List<WebhookDelivery> deliveries, String next) {
    }
}
