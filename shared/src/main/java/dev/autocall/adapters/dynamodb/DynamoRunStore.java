package dev.autocall.adapters.dynamodb;

import dev.autocall.domain.workflow.RunStore;
import dev.autocall.domain.workflow.WorkflowRun;
import dev.autocall.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.autocall.adapters.dynamodb.Attr.s;

/**
 * Runs table: one item per run ({workspace}#{runId}), its document compressed ({@link CompressedJson}); beside it its
 * status, what it waits for, who holds it until when, and its revision, which every save is conditional on. Indexes
 * byWorkflow and byContact list runs newest first.
 */
public final class DynamoRunStore implements RunStore {
    private static final String DOC = "docz";
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoRunStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<WorkflowRun> find(String workspaceId, String runId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(Map.of("pk", s(workspaceId + "#" + runId))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(run(item));
    }

    @Override
    public boolean save(String workspaceId, WorkflowRun run) {
        if (run.revision() < 1) {
            throw new IllegalArgumentException("run " + run.runId() + " has revision " + run.revision() + ": its first save is 1");
        }
        Map<String, AttributeValue> item = item(workspaceId, run);
        try {
            if (run.revision() == 1) {
                // A new run, or one stored before runs had revisions.
                dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(revision)"));
            } else {
                dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("revision = :prev")
                        .expressionAttributeValues(Map.of(":prev", Attr.n(run.revision() - 1L))));
            }
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> item(String workspaceId, WorkflowRun run) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of(
                "pk", s(workspaceId + "#" + run.runId()),
                "byWorkflow", s(workspaceId + "#" + run.workflowId()),
                "byContact", s(workspaceId + "#" + run.contactPhone()),
                "startedAt", s(Attr.sortable(run.startedAt()) + "#" + run.runId()),
                "status", s(run.status().wire()),
                "revision", Attr.n(run.revision()),
                DOC, CompressedJson.write(run)));
        if (run.waitingFor() != null) {
            item.put("waitingFor", s(run.waitingFor()));
        }
        if (run.heldBy() != null) {
            item.put("heldBy", s(run.heldBy()));
            item.put("leaseUntil", Attr.n(run.leaseUntil().toEpochMilli()));
        }
        return item;
    }
    @Override
    public List<WorkflowRun> forWorkflow(String workspaceId, String workflowId, int limit) {
        return byIndex("byWorkflow", workspaceId + "#" + workflowId, limit);
    }

    @Override
    public List<WorkflowRun> forContact(String workspaceId, String phone, int limit) {
        return byIndex("byContact", workspaceId + "#" + phone, limit);
    }

    private List<WorkflowRun> byIndex(String index, String value, int limit) {
        List<WorkflowRun> runs = new ArrayList<>();
        for (Map<String, AttributeValue> item : dynamo.query(q -> q.tableName(table).indexName(index)
                .keyConditionExpression("#k = :v")
                .expressionAttributeNames(Map.of("#k", index))
                .expressionAttributeValues(Map.of(":v", s(value)))
                .scanIndexForward(false).limit(limit)).items()) {
            runs.add(run(item));
        }
        return runs;
    }

    private static WorkflowRun run(Map<String, AttributeValue> item) {
        // Runs saved before documents were compressed (2026-11) keep their plain "doc" until saved again.
        WorkflowRun run = item.containsKey(DOC) ? CompressedJson.read(item.get(DOC), WorkflowRun.class)
                : Json.read(item.get("doc").s(), WorkflowRun.class);
        // Who holds the run, and its revision, live beside the document.
        return run.stored(run.status(), run.waitingFor(), Attr.str(item, "heldBy").orElse(null),
                Attr.num(item, "leaseUntil").map(Instant::ofEpochMilli).orElse(null),
                Attr.num(item, "revision").orElse(0L).intValue());
    }
}
