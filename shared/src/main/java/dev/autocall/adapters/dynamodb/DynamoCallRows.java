package dev.autocall.adapters.dynamodb;

import dev.autocall.domain.reporting.CallLogCursor;
import dev.autocall.domain.reporting.CallQuery;
import dev.autocall.domain.reporting.CallRow;
import dev.autocall.domain.reporting.CallRowStates;
import dev.autocall.domain.reporting.CallRows;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Call log table: one item per row, keyed {@code {workspace}#{row id}}, with a revision for optimistic writes; the index
 * {@code byTime} (workspace, {@code at#id}) reads a workspace's rows newest first over a time range, and the other
 * filters are a FilterExpression over that range. Rows expire after {@link #RETENTION}.
 */
public final class DynamoCallRows implements CallRows {
    /** How long rows are kept: a year and a bit, so last year's same month can still be exported. */
    static final Duration RETENTION = Duration.ofDays(400);
    static final String INDEX = "byTime";
    private static final int ATTEMPTS = 10;
    /** Items read per request: enough that a sparse filter does not take a request per row, small enough to stop soon. */
    private static final int READ_BATCH = 1000;

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoCallRows(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public CallRow record(String workspaceId, CallRow row) {
        String pk = workspaceId + "#" + row.id();
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder().tableName(table)
                    .key(Map.of("pk", Attr.s(pk))).consistentRead(true).build()).item();
            boolean exists = item != null && !item.isEmpty();
            CallRow stored = exists ? rowOf(item) : null;
            CallRow merged = CallRowStates.merge(stored, row);
            if (merged.equals(stored)) {
                return stored;
            }
            long revision = exists ? Attr.num(item, "rev").orElse(0L) : 0L;
            PutItemRequest.Builder put = PutItemRequest.builder().tableName(table).item(itemOf(workspaceId, merged, revision + 1));
            if (exists) {
                put.conditionExpression("#rev = :rev").expressionAttributeNames(Map.of("#rev", "rev"))
                        .expressionAttributeValues(Map.of(":rev", Attr.n(revision)));
            } else {
                put.conditionExpression("attribute_not_exists(pk)");
            }
            try {
                dynamo.putItem(put.build());
                return merged;
            } catch (ConditionalCheckFailedException raced) {
                // Another event about the same call wrote first: merge with what it wrote.
            }
        }
        throw new IllegalStateException("call-log row " + row.id() + " kept changing under " + ATTEMPTS + " attempts");
    }

    @Override
    public Page query(String workspaceId, CallQuery query, int limit, Optional<String> cursor) {
        Optional<String> after = cursor.map(c -> CallLogCursor.position(c, workspaceId, query));
        if (query.from().isPresent() && query.to().isPresent()
                && query.from().get().toEpochMilli() >= query.to().get().toEpochMilli()) {
            return new Page(List.of(), Optional.empty());
        }
        Map<String, String> names = new HashMap<>(Map.of("#ws", "ws", "#atId", "atId"));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":ws", Attr.s(workspaceId),
                ":lo", Attr.s(query.from().map(f -> CallLogCursor.sortKey(f, "")).orElse("0")),
                ":hi", Attr.s(query.to().map(t -> CallLogCursor.sortKey(t.minusMillis(1), "\uffff")).orElse("9"))));
        String filter = filter(query, names, values);
        Map<String, AttributeValue> start = after.map(position -> Map.of("pk", Attr.s(workspaceId + "#" + idOf(position)),
                "ws", Attr.s(workspaceId), "atId", Attr.s(position))).orElse(null);
        List<CallRow> rows = new ArrayList<>();
        while (true) {
            QueryRequest.Builder request = QueryRequest.builder().tableName(table).indexName(INDEX)
                    .keyConditionExpression("#ws = :ws AND #atId BETWEEN :lo AND :hi")
                    .expressionAttributeNames(names).expressionAttributeValues(values)
                    .scanIndexForward(false).limit(Math.min(READ_BATCH, Math.max(limit - rows.size(), 25)))
                    .exclusiveStartKey(start);
            if (!filter.isEmpty()) {
                request.filterExpression(filter);
            }
            QueryResponse response = dynamo.query(request.build());
            List<Map<String, AttributeValue>> items = response.items();
            for (int i = 0; i < items.size(); i++) {
                rows.add(rowOf(items.get(i)));
                if (rows.size() == limit) {
                    boolean more = i < items.size() - 1 || response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty();
                    return new Page(rows, more ? Optional.of(CallLogCursor.after(workspaceId, query, rows.getLast())) : Optional.empty());
                }
            }
            if (!response.hasLastEvaluatedKey() || response.lastEvaluatedKey().isEmpty()) {
                return new Page(rows, Optional.empty());
            }
            start = response.lastEvaluatedKey();
        }
    }

    private static String filter(CallQuery query, Map<String, String> names, Map<String, AttributeValue> values) {
        List<String> terms = new ArrayList<>();
        Map<String, Optional<String>> exact = new java.util.LinkedHashMap<>();
        exact.put("status", query.status());
        exact.put("outcome", query.outcome());
        exact.put("direction", query.direction());
        exact.put("workflow", query.workflow());
        exact.put("campaign", query.campaign());
        exact.put("flow", query.flow());
        exact.put("callerId", query.callerId());
        exact.forEach((field, wanted) -> wanted.ifPresent(value -> {
            names.put("#" + field, field);
            values.put(":" + field, Attr.s(value));
            terms.add("#" + field + " = :" + field);
        }));
        names.put("#test", "test");
        values.put(":test", AttributeValue.fromBool(query.test()));
        terms.add("#test = :test");
        return String.join(" AND ", terms);
    }

    private static String idOf(String position) {
        return position.substring(position.indexOf('#') + 1);
    }

    private static Map<String, AttributeValue> itemOf(String workspaceId, CallRow row, long revision) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", Attr.s(workspaceId + "#" + row.id()));
        item.put("ws", Attr.s(workspaceId));
        item.put("atId", Attr.s(CallLogCursor.sortKey(row.at(), row.id())));
        item.put("rev", Attr.n(revision));
        item.put("expiresAt", Attr.n(row.at().plus(RETENTION).getEpochSecond()));
        item.put("id", Attr.s(row.id()));
        item.put("at", Attr.s(row.at().toString()));
        put(item, "callSid", row.callSid());
        put(item, "direction", row.direction());
        put(item, "contact", row.contact());
        put(item, "contactName", row.contactName());
        put(item, "workflow", row.workflow());
        put(item, "campaign", row.campaign());
        put(item, "flow", row.flow());
        put(item, "status", row.status());
        put(item, "outcome", row.outcome());
        put(item, "reason", row.reason());
        if (row.durationSeconds() != null) {
            item.put("durationSeconds", Attr.n(row.durationSeconds()));
        }
        put(item, "recordingUrl", row.recordingUrl());
        put(item, "keys", row.keys());
        put(item, "callerId", row.callerId());
        if (row.attempt() != null) {
            item.put("attempt", Attr.n(row.attempt()));
        }
        item.put("test", AttributeValue.fromBool(row.test()));
        return item;
    }

    private static void put(Map<String, AttributeValue> item, String name, String value) {
        if (value != null) {
            item.put(name, Attr.s(value));
        }
    }

    private static CallRow rowOf(Map<String, AttributeValue> item) {
        return new CallRow(s(item, "id"), s(item, "callSid"), Instant.parse(s(item, "at")), s(item, "direction"),
                s(item, "contact"), s(item, "contactName"), s(item, "workflow"), s(item, "campaign"), s(item, "flow"),
                s(item, "status"), s(item, "outcome"), s(item, "reason"), i(item, "durationSeconds"),
                s(item, "recordingUrl"), s(item, "keys"), s(item, "callerId"), i(item, "attempt"),
                item.containsKey("test") && Boolean.TRUE.equals(item.get("test").bool()));
    }

    private static String s(Map<String, AttributeValue> item, String name) {
        return Attr.str(item, name).orElse(null);
    }

    private static Integer i(Map<String, AttributeValue> item, String name) {
        return Attr.num(item, name).map(Long::intValue).orElse(null);
    }
}
