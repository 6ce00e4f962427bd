package dev.autocall.adapters.dynamodb;

import dev.autocall.domain.workflow.StoredWorkflow;
import dev.autocall.domain.workflow.WorkflowStore;
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
 * Workflows table, one partition per workspace: WF#{id} is the draft and its counters, WF#{id}#V#{n} the
 * frozen published versions, LIVE#{trigger}#{id} the live version per trigger, so matching an event to
 * its workflows is a single query.
 */
public final class DynamoWorkflowStore implements WorkflowStore {
    private final DynamoDbClient dynamo;
    private final String table;
    private final SettingsCache cache;

    public DynamoWorkflowStore(DynamoDbClient dynamo, String table) {
        this(dynamo, table, SettingsCache.none());
    }

    /** With a cache, live workflows are read at most once per time to live; published versions, which never change, once. */
    public DynamoWorkflowStore(DynamoDbClient dynamo, String table, SettingsCache cache) {
        this.dynamo = dynamo;
        this.table = table;
        this.cache = cache;
    }

    @Override
    public StoredWorkflow saveDraft(String workspaceId, String workflowId, String definitionJson, Instant at) {
        Map<String, AttributeValue> item = dynamo.updateItem(u -> u.tableName(table)
                .key(key(workspaceId, "WF#" + workflowId))
                .updateExpression("SET draft = :draft, updatedAt = :at, workflowId = :id ADD draftRevision :one")
                .expressionAttributeValues(Map.of(":draft", s(definitionJson), ":at", s(at.toString()),
                        ":id", s(workflowId), ":one", n(1)))
                .returnValues("ALL_NEW")).attributes();
        return toStored(item);
    }

    @Override
    public Optional<StoredWorkflow> find(String workspaceId, String workflowId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(key(workspaceId, "WF#" + workflowId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toStored(item));
    }

    @Override
    public List<StoredWorkflow> list(String workspaceId) {
        List<StoredWorkflow> result = new ArrayList<>();
        for (Map<String, AttributeValue> item : query(workspaceId, "WF#")) {
            if (!item.get("sk").s().contains("#V#")) {
                result.add(toStored(item));
            }
        }
        return result;
    }

    @Override
    public int publish(String workspaceId, String workflowId, String trigger, Instant at) {
        // One consistent read gives the draft and the trigger it is live under: an eventually consistent second
        // read could miss a trigger just changed, and leave the workflow live under both.
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(key(workspaceId, "WF#" + workflowId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            throw new NotFoundException("workflow " + workflowId + " does not exist");
        }
        StoredWorkflow current = toStored(item);
        int next = current.publishedVersion() + 1;
        Optional<String> previousTrigger = Attr.str(item, "liveTrigger");
        List<TransactWriteItem> writes = new ArrayList<>();
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of(
                        "pk", s(workspaceId), "sk", s(versionKey(workflowId, next)),
                        "definition", s(current.draftJson()), "publishedAt", s(at.toString())))
                .conditionExpression("attribute_not_exists(pk)")).build());
        writes.add(TransactWriteItem.builder().update(u -> u.tableName(table).key(key(workspaceId, "WF#" + workflowId))
                .updateExpression("SET publishedVersion = :next, publishedAt = :at, liveTrigger = :trigger")
                .conditionExpression("draftRevision = :revision")
                .expressionAttributeValues(Map.of(":next", n(next), ":at", s(at.toString()),
                        ":trigger", s(trigger), ":revision", n(current.draftRevision())))).build());
        writes.add(TransactWriteItem.builder().put(p -> p.tableName(table).item(Map.of(
                "pk", s(workspaceId), "sk", s("LIVE#" + trigger + "#" + workflowId),
                "workflowId", s(workflowId), "version", n(next), "definition", s(current.draftJson())))).build());
        previousTrigger.filter(t -> !t.equals(trigger)).ifPresent(old -> writes.add(TransactWriteItem.builder()
                .delete(d -> d.tableName(table).key(key(workspaceId, "LIVE#" + old + "#" + workflowId))).build()));
        try {
            dynamo.transactWriteItems(t -> t.transactItems(writes));
        } catch (TransactionCanceledException e) {
            throw new ConflictException("workflow " + workflowId + " changed while it was being published; publish again");
        } finally {
            SettingsCache.invalidate(liveKey(workspaceId, trigger));
            previousTrigger.ifPresent(old -> SettingsCache.invalidate(liveKey(workspaceId, old)));
        }
        return next;
    }

    @Override
    public List<PublishedWorkflow> live(String workspaceId, String trigger) {
        return cache.get(liveKey(workspaceId, trigger), () -> readLive(workspaceId, trigger), list -> true);
    }

    private String liveKey(String workspaceId, String trigger) {
        return table + "|" + workspaceId + "|LIVE#" + trigger;
    }

    private List<PublishedWorkflow> readLive(String workspaceId, String trigger) {
        List<PublishedWorkflow> result = new ArrayList<>();
        for (Map<String, AttributeValue> item : query(workspaceId, "LIVE#" + trigger + "#")) {
            result.add(new PublishedWorkflow(item.get("workflowId").s(), Integer.parseInt(item.get("version").n()),
                    item.get("definition").s()));
        }
        return List.copyOf(result);
    }

    @Override
    public Optional<PublishedWorkflow> version(String workspaceId, String workflowId, int version) {
        return cache.getPresent(table + "|" + workspaceId + "|" + versionKey(workflowId, version),
                () -> readVersion(workspaceId, workflowId, version));
    }

    private Optional<PublishedWorkflow> readVersion(String workspaceId, String workflowId, int version) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(key(workspaceId, versionKey(workflowId, version)))).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(new PublishedWorkflow(workflowId, version, item.get("definition").s()));
    }

    private Iterable<Map<String, AttributeValue>> query(String workspaceId, String prefix) {
        return dynamo.queryPaginator(QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                .expressionAttributeValues(Map.of(":pk", s(workspaceId), ":prefix", s(prefix)))
                .consistentRead(true).build()).items();
    }

    private static StoredWorkflow toStored(Map<String, AttributeValue> item) {
        return new StoredWorkflow(item.get("workflowId").s(), item.get("draft").s(),
                Attr.num(item, "draftRevision").orElse(0L).intValue(),
                Attr.num(item, "publishedVersion").orElse(0L).intValue(),
                Attr.str(item, "updatedAt").map(Instant::parse).orElse(null),
                Attr.str(item, "publishedAt").map(Instant::parse).orElse(null));
    }

    private static String versionKey(String workflowId, int version) {
        return "WF#" + workflowId + "#V#" + String.format("%06d", version);
    }

    private static Map<String, AttributeValue> key(String workspaceId, String sk) {
        return Map.of("pk", s(workspaceId), "sk", s(sk));
    }
}
