package dev.autocall.adapters.dynamodb;

import dev.autocall.domain.webhook.SigningSecrets;
import dev.autocall.domain.webhook.WebhookSecrets;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.autocall.adapters.dynamodb.Attr.s;

/**
 * Signing secrets as attributes of the workspace's own item (WS#id) in the workspaces table, beside its settings
 * document and never inside it, so the settings the API shows cannot carry them. Each write is conditional on the
 * current secret read, so that of two rotations at once one goes first and the other rotates its result.
 */
public final class DynamoWebhookSecrets implements WebhookSecrets {
    static final String CURRENT = "webhookSecret";
    static final String PREVIOUS = "webhookSecretPrevious";
    static final String PREVIOUS_UNTIL = "webhookSecretPreviousUntil";

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoWebhookSecrets(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public List<String> signing(String workspaceId, Instant now) {
        return read(workspaceId, false).map(secrets -> secrets.signing(now)).orElse(List.of());
    }

    @Override
    public List<String> ensure(String workspaceId, Instant now) {
        Optional<SigningSecrets> stored = read(workspaceId, false);
        if (stored.isPresent()) {
            return stored.get().signing(now);
        }
        SigningSecrets first = SigningSecrets.first();
        try {
            write(workspaceId, Optional.empty(), first);
            return first.signing(now);
        } catch (ConditionalCheckFailedException e) {
            // Another caller created it first: sign with theirs.
            return read(workspaceId, true).orElseThrow().signing(now);
        }
    }

    @Override
    public Rotation rotate(String workspaceId, Instant now) {
        SigningSecrets rotated = ConflictRetry.run("webhook secret", () -> {
            Optional<SigningSecrets> stored = read(workspaceId, true);
            SigningSecrets next = stored.map(secrets -> secrets.rotated(now)).orElseGet(SigningSecrets::first);
            try {
                write(workspaceId, stored.map(SigningSecrets::current), next);
                return next;
            } catch (ConditionalCheckFailedException e) {
                throw new ConflictRetry.Lost();
            }
        });
        return new Rotation(rotated.current(), rotated.previousValidUntil());
    }

    /** An update, not a put: the item's settings document and version stay as they are. */
    private void write(String workspaceId, Optional<String> expectedCurrent, SigningSecrets next) {
        Map<String, String> names = new HashMap<>(Map.of("#current", CURRENT, "#previous", PREVIOUS, "#until", PREVIOUS_UNTIL));
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":current", s(next.current()));
        String update;
        if (next.previous() == null) {
            update = "SET #current = :current REMOVE #previous, #until";
        } else {
            update = "SET #current = :current, #previous = :previous, #until = :until";
            values.put(":previous", s(next.previous()));
            values.put(":until", s(next.previousUntil().toString()));
        }
        String condition = expectedCurrent.isPresent() ? "#current = :expected" : "attribute_not_exists(#current)";
        expectedCurrent.ifPresent(expected -> values.put(":expected", s(expected)));
        dynamo.updateItem(u -> u.tableName(table).key(Map.of("pk", s("WS#" + workspaceId)))
                .updateExpression(update).conditionExpression(condition)
                .expressionAttributeNames(names).expressionAttributeValues(values));
    }

    private Optional<SigningSecrets> read(String workspaceId, boolean consistent) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(Map.of("pk", s("WS#" + workspaceId)))
                .projectionExpression("#current, #previous, #until")
                .expressionAttributeNames(Map.of("#current", CURRENT, "#previous", PREVIOUS, "#until", PREVIOUS_UNTIL))
                .consistentRead(consistent)).item();
        if (item == null) {
            return Optional.empty();
        }
        return Attr.str(item, CURRENT).map(current -> new SigningSecrets(current, Attr.str(item, PREVIOUS).orElse(null),
                Attr.str(item, PREVIOUS_UNTIL).map(Instant::parse).orElse(null)));
    }
}
