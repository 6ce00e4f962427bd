package dev.autocall.domain.webhook;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: each workspace's webhook signing secrets, kept apart from its settings and never shown but at rotation. */
public interface WebhookSecrets {
    /** The secrets that sign now (the current one first); empty when the workspace has none yet. */
    List<String> signing(String workspaceId, Instant now);

    /** Like {@link #signing}, creating the workspace's first secret when it has none (two callers get the same one). */
    List<String> ensure(String workspaceId, Instant now);

    /**
     * Replaces the current secret with a new one (or creates the first); the replaced one keeps signing for a
     * day. Two rotations at once both take effect, one after the other: neither caller's secret is lost.
     */
    Rotation rotate(String workspaceId, Instant now);

    /** @param secret the new current secret, in clear text: shown once, to the caller who rotated */
    record Rotation(String secret, Optional<Instant> previousValidUntil) {
        @Override
        public String toString() {
            return "Rotation[previousValidUntil=" + previousValidUntil + "]";
        }
    }
}
