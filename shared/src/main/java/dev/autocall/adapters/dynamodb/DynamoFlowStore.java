package dev.autocall.adapters.dynamodb;

import dev.autocall.domain.ivr.FlowStore;
import dev.autocall.error.ConflictException;
import dev.autocall.error.NotFoundException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.autocall.adapters.dynamodb.Attr.n;
import static dev.autocall.adapters.dynamodb.Attr.s;

/**
 * IVR flows in the workflows table, in the workspace's partition beside its workflows: FLOW#{id} is the draft and
 * its counters, FLOW#{id}#V#{n} the frozen published versions. Workflows' keys start WF# and LIVE#, so neither
 * store ever reads the other's items.
 */
public final class DynamoFlowStore implements FlowStore {
    private static final String PREFIX = "FLOW#";
    private final DynamoDbClient dynamo;
    private final String table;
    private final SettingsCache cache;

    public DynamoFlowStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, SettingsCache.none());
    }

    /** With a cache, a published version, which never changes, is read once per container. */
    public DynamoFlowStore(DynamoDbClient dynamo, String table, SettingsCache cache) {
        this.dynamo = dynamo;
        this.table = table;
        this.cache = cache;
    }

    @Override
    public StoredFlow saveDraft(String workspaceId, String flowId, String definitionJson, Instant at) {
        Map<String, AttributeValue> item = dynamo.updateItem(u -> u.tableName(table)
                .key(key(workspaceId, PREFIX + flowId))
                .updateExpression("SET draft = :draft, updatedAt = :at, flowId = :id ADD draftRevision :one")
                .expressionAttributeValues(Map.of(":draft", s(definitionJson), ":at", s(at.toString()),
                        ":id", s(flowId), ":one", n(1)))
                .returnValues("ALL_NEW")).attributes();
        return toStored(item);
    }

    @Override
    public Optional<StoredFlow> find(String workspaceId, String flowId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(key(workspaceId, PREFIX + flowId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toStored(item));
    }

    @Override
    public List<StoredFlow> list(String workspaceId) {
        List<StoredFlow> result = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(workspaceId), ":prefix", s(PREFIX)))
                .consistentRead(true).build()).items()) {
            if (!item.get("sk").s().contains("#V#")) {
                result.add(toStored(item));
            }
        }
        return result;
    }

    /**
     * The version item is written only if new and the draft's counters only if the draft is still the one read:
     * two publishes never get one number, and a draft saved meanwhile is never frozen unseen.
     */
    @Override
    public int publish(String workspaceId, String flowId, Instant at) {
        StoredFlow current = find(workspaceId, flowId)
                .orElseThrow(() -> new NotFoundException("no flow " + flowId + "; save it with PUT first"));
        int next = current.publishedVersion() + 1;
        List<TransactWriteItem> writes = List.of(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of(
                                "pk", s(workspaceId), "sk", s(versionKey(flowId, next)),
                                "definition", s(current.draftJson()), "publishedAt", s(at.toString())))
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                TransactWriteItem.builder().update(u -> u.tableName(table).key(key(workspaceId, PREFIX + flowId))
                        .updateExpression("SET publishedVersion = :next, publishedAt = :at")
                        .conditionExpression("draftRevision = :revision")
                        .expressionAttributeValues(Map.of(":next", n(next), ":at", s(at.toString()),
                                ":revision", n(current.draftRevision())))).build());
        try {
            dynamo.transactWriteItems(t -> t.transactItems(writes));
        } catch (TransactionCanceledException e) {
            throw new ConflictException("flow " + flowId + " changed while it was being published; publish again");
        }
        return next;
    }

    @Override
    public Optional<String> version(String workspaceId, String flowId, int version) {
        return cache.getPresent(table + "|" + workspaceId + "|" + versionKey(flowId, version),
                () -> readVersion(workspaceId, flowId, version));
    }

    private Optional<String> readVersion(String workspaceId, String flowId, int version) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(key(workspaceId, versionKey(flowId, version)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item.get("definition").s());
    }

    private static StoredFlow toStored(Map<String, AttributeValue> item) {
        return new StoredFlow(item.get("flowId").s(), item.get("draft").s(),
                Attr.num(item, "draftRevision").orElse(0L).intValue(),
                Attr.num(item, "publishedVersion").orElse(0L).intValue(),
                Attr.str(item, "updatedAt").map(Instant::parse).orElse(null),
                Attr.str(item, "publishedAt").map(Instant::parse).orElse(null));
    }

    private static String versionKey(String flowId, int version) {
        return PREFIX + flowId + "#V#" + String.format("%06d", version);
    }

    private static Map<String, AttributeValue> key(String workspaceId, String sk) {
        return Map.of("pk", s(workspaceId), "sk", s(sk));
    }
}
