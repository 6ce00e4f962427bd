package dev.autocall.testing;

import dev.autocall.domain.webhook.SigningSecrets;
import dev.autocall.domain.webhook.WebhookSecrets;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** In-memory {@link WebhookSecrets}, with the same rotation and grace as the DynamoDB adapter. */
public final class InMemoryWebhookSecrets implements WebhookSecrets {
    private final Map<String, SigningSecrets> secrets = new ConcurrentHashMap<>();

    @Override
    public List<String> signing(String workspaceId, Instant now) {
        SigningSecrets stored = secrets.get(workspaceId);
        return stored == null ? List.of() : stored.signing(now);
    }

    @Override
    public List<String> ensure(String workspaceId, Instant now) {
        return secrets.computeIfAbsent(workspaceId, ws -> SigningSecrets.first()).signing(now);
    }

    @Override
    public Rotation rotate(String workspaceId, Instant now) {
        SigningSecrets rotated = secrets.compute(workspaceId,
                (ws, stored) -> stored == null ? SigningSecrets.first() : stored.rotated(now));
        return new Rotation(rotated.current(), rotated.previousValidUntil());
    }
}
