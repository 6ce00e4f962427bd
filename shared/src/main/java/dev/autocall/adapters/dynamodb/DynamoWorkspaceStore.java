package dev.autocall.adapters.dynamodb;

import dev.autocall.domain.workspace.Workspace;
import dev.autocall.domain.workspace.WorkspaceStore;
import dev.autocall.error.ConflictException;
import dev.autocall.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.autocall.adapters.dynamodb.Attr.n;
import static dev.autocall.adapters.dynamodb.Attr.s;

/**
 * Workspaces table: WS#id holds the settings, NUM#e164 routes a business number to its workspace,
 * KEY#sha256 maps a hashed API key to its workspace. WS#id carries a version, so that two concurrent saves
 * cannot both decide which routes to keep from the same old settings. The item also carries the workspace's
 * webhook signing secrets (DynamoWebhookSecrets), which a save leaves alone.
 */
public final class DynamoWorkspaceStore implements WorkspaceStore {
    private static final String VERSION = "version";
    private final DynamoDbClient dynamo;
    private final String table;
    private final SettingsCache cache;

    public DynamoWorkspaceStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, SettingsCache.none());
    }

    public DynamoWorkspaceStore(DynamoDbClient dynamo, String table, SettingsCache cache) {
        this.dynamo = dynamo;
        this.table = table;
        this.cache = cache;
    }

    @Override
    public Optional<Workspace> find(String workspaceId) {
        return cache.getPresent(table + "|WS#" + workspaceId, () -> get("WS#" + workspaceId).flatMap(item -> Attr.str(item, "doc"))
                .map(doc -> Json.read(doc, Workspace.class).withId(workspaceId)));
    }

    @Override
    public void save(Workspace workspace) {
        Set<String> touched = new HashSet<>(workspace.numbers());
        try {
            ConflictRetry.run("workspace", () -> attemptSave(workspace, touched));
        } finally {
            SettingsCache.invalidate(table + "|WS#" + workspace.id());
            touched.forEach(number -> SettingsCache.invalidate(table + "|NUM#" + number));
        }
    }

    /**
     * One transaction: the settings, conditional on the version read, with the routes of the numbers the
     * settings list and the deletion of those the version read listed and these do not.
     */
    private boolean attemptSave(Workspace workspace, Set<String> touched) {
        Optional<Map<String, AttributeValue>> stored = get("WS#" + workspace.id(), true);
        Long version = stored.flatMap(item -> Attr.num(item, VERSION)).orElse(null);
        Set<String> previous = new HashSet<>(stored.flatMap(item -> Attr.str(item, "doc"))
                .map(doc -> Json.read(doc, Workspace.class)).map(Workspace::numbers).orElse(List.of()));
        touched.addAll(previous);
        String condition = stored.isEmpty() ? "attribute_not_exists(pk)"
                : version == null ? "attribute_not_exists(#version)" : "#version = :version";
        List<TransactWriteItem> writes = new ArrayList<>();
        // An update, not a put: the item's other attributes (the webhook signing secrets) stay as they are.
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":doc", s(Json.write(workspace)),
                ":next", n(version == null ? 1 : version + 1)));
        if (version != null) {
            values.put(":version", n(version));
        }
        writes.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(Map.of("pk", s("WS#" + workspace.id())))
                .updateExpression("SET doc = :doc, #version = :next")
                .conditionExpression(condition)
                .expressionAttributeNames(Map.of("#version", VERSION))
                .expressionAttributeValues(values)).build());
        for (String number : workspace.numbers()) {
            writes.add(TransactWriteItem.builder().put(p -> p.tableName(table)
                    .item(Map.of("pk", s("NUM#" + number), "workspaceId", s(workspace.id())))
                    .conditionExpression("attribute_not_exists(pk) OR workspaceId = :ws")
                    .expressionAttributeValues(Map.of(":ws", s(workspace.id())))).build());
        }
        for (String number : previous) {
            if (!workspace.numbers().contains(number)) {
                writes.add(TransactWriteItem.builder().delete(d -> d.tableName(table)
                        .key(Map.of("pk", s("NUM#" + number)))
                        .conditionExpression("attribute_not_exists(pk) OR workspaceId = :ws")
                        .expressionAttributeValues(Map.of(":ws", s(workspace.id())))).build());
            }
        }
        try {
            dynamo.transactWriteItems(t -> t.transactItems(writes));
            return true;
        } catch (TransactionCanceledException e) {
            List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
            boolean settingsChanged = !reasons.isEmpty() && "ConditionalCheckFailed".equals(reasons.get(0).code());
            boolean contended = reasons.stream().anyMatch(r -> "TransactionConflict".equals(r.code()));
            if (settingsChanged || contended) {
                throw new ConflictRetry.Lost();
            }
            throw new ConflictException("a number in numbers already belongs to another workspace");
        }
    }

    @Override
    public Optional<String> workspaceForNumber(String e164) {
        return cache.getPresent(table + "|NUM#" + e164, () -> get("NUM#" + e164).flatMap(item -> Attr.str(item, "workspaceId")));
    }

    @Override
    public Optional<String> workspaceForApiKeyHash(String keyHash) {
        // A revoked key keeps working in other containers for at most the cache's time to live.
        return cache.getPresent(table + "|KEY#" + keyHash, () -> get("KEY#" + keyHash).flatMap(item -> Attr.str(item, "workspaceId")));
    }

    @Override
    public void addApiKeyHash(String workspaceId, String keyHash) {
        dynamo.putItem(p -> p.tableName(table).item(Map.of("pk", s("KEY#" + keyHash), "workspaceId", s(workspaceId))));
    }

    @Override
    public boolean removeApiKeyHash(String workspaceId, String keyHash) {
        SettingsCache.invalidate(table + "|KEY#" + keyHash);
        try {
            dynamo.deleteItem(d -> d.tableName(table).key(Map.of("pk", s("KEY#" + keyHash)))
                    .conditionExpression("workspaceId = :ws")
                    .expressionAttributeValues(Map.of(":ws", s(workspaceId))));
            return true;
        } catch (software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException e) {
            return false;
        }
    }

    private Optional<Map<String, AttributeValue>> get(String pk) {
        return get(pk, false);
    }

    private Optional<Map<String, AttributeValue>> get(String pk, boolean consistent) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(Map.of("pk", s(pk)))
                .consistentRead(consistent)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }
}
