package dev.autocall.adapters.dynamodb;

import dev.autocall.domain.workflow.RunStore;
import dev.autocall.domain.workflow.WorkflowRun;
import dev.autocall.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.autocall.adapters.dynamodb.Attr.s;

/**
 * Runs table: one item per run, its document compressed ({@link CompressedJson}); indexes byWorkflow and byContact
 * list runs newest first.
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
    public void save(String workspaceId, WorkflowRun run) {
        dynamo.putItem(p -> p.tableName(table).item(item(workspaceId, run)));
    }

    @Override
    public boolean saveIfWaitingFor(String workspaceId, WorkflowRun run, String waitingFor) {
        try {
            dynamo.putItem(p -> p.tableName(table).item(item(workspaceId, run))
                    .conditionExpression("waitingFor = :w")
                    .expressionAttributeValues(Map.of(":w", s(waitingFor))));
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
                DOC, CompressedJson.write(run)));
        if (run.waitingFor() != null) {
            item.put("waitingFor", s(run.waitingFor()));
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
        return item.containsKey(DOC) ? CompressedJson.read(item.get(DOC), WorkflowRun.class)
                : Json.read(item.get("doc").s(), WorkflowRun.class);
    }
}
