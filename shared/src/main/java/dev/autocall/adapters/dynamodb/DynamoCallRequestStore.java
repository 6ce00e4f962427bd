package dev.autocall.adapters.dynamodb;

import dev.autocall.domain.outbound.CallRequest;
import dev.autocall.domain.outbound.CallRequestStore;
import dev.autocall.domain.outbound.CallStatus;
import dev.autocall.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.autocall.adapters.dynamodb.Attr.n;
import static dev.autocall.adapters.dynamodb.Attr.s;

/** Activity table: REQ#{workspace}#{id} holds the request, its status and its history (a list appended to). */
public final class DynamoCallRequestStore implements CallRequestStore {
    private static final Duration KEEP = Duration.ofDays(90);
    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoCallRequestStore(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    @Override
    public Optional<StoredCallRequest> find(String workspaceId, String requestId) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(key(workspaceId, requestId)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        List<HistoryEntry> history = new ArrayList<>();
        item.getOrDefault("history", AttributeValue.fromL(List.of())).l()
                .forEach(v -> history.add(Json.read(v.s(), HistoryEntry.class)));
        return Optional.of(new StoredCallRequest(Json.read(item.get("doc").s(), CallRequest.class),
                CallStatus.valueOf(item.get("status").s()), history, Attr.str(item, "callSid"),
                Attr.num(item, "leaseUntil").map(Instant::ofEpochMilli),
                item.containsKey("reported") && Boolean.TRUE.equals(item.get("reported").bool())));
    }

    @Override
    public boolean claimForDialing(String workspaceId, String requestId, Instant now, Instant leaseUntil) {
        return claim(workspaceId, requestId, now, leaseUntil,
                "#status = :ready OR (#status = :dialing AND attribute_not_exists(callSid) AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now))");
    }

    @Override
    public boolean claimIfReady(String workspaceId, String requestId, Instant now, Instant leaseUntil) {
        return claim(workspaceId, requestId, now, leaseUntil, "#status = :ready");
    }

    private boolean claim(String workspaceId, String requestId, Instant now, Instant leaseUntil, String condition) {
        Map<String, AttributeValue> values = new java.util.HashMap<>(Map.of(":dialing", s(CallStatus.DIALING.name()),
                ":ready", s(CallStatus.READY.name()), ":lease", n(leaseUntil.toEpochMilli()),
                ":entry", AttributeValue.fromL(List.of(s(Json.write(new HistoryEntry(now, "dialing", null, null, null)))))));
        if (condition.contains(":now")) {
            values.put(":now", n(now.toEpochMilli()));
        }
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(workspaceId, requestId))
                    .updateExpression("SET #status = :dialing, leaseUntil = :lease, history = list_append(history, :entry)")
                    .conditionExpression(condition)
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public void recordCallSid(String workspaceId, String requestId, String callSid, HistoryEntry entry) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(workspaceId, requestId))
                    .updateExpression("SET callSid = :sid, #status = :dialed, history = list_append(history, :entry)")
                    .conditionExpression("#status = :dialing AND attribute_not_exists(callSid)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":sid", s(callSid), ":dialed", s(CallStatus.DIALED.name()),
                            ":dialing", s(CallStatus.DIALING.name()), ":entry", AttributeValue.fromL(List.of(s(Json.write(entry)))))));
        } catch (ConditionalCheckFailedException e) {
            // Already known (the status callback and the dialer both report it): the first stands. Or no longer
            // dialing: an ended request is not reopened.
        }
    }

    @Override
    public boolean record(CallRequest request, CallStatus status, HistoryEntry entry) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(request.workspaceId(), request.id()))
                    .updateExpression("SET doc = if_not_exists(doc, :doc), #status = :status, "
                            + "history = list_append(if_not_exists(history, :none), :entry), expiresAt = if_not_exists(expiresAt, :exp)")
                    .conditionExpression(status == CallStatus.FAILED
                            ? "attribute_not_exists(#status) OR #status IN (:pending, :deferred)"
                            : "attribute_not_exists(#status) OR #status IN (:pending, :deferred, :status)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":doc", s(Json.write(request)), ":status", s(status.name()),
                            ":none", AttributeValue.fromL(List.of()), ":entry", AttributeValue.fromL(List.of(s(Json.write(entry)))),
                            ":exp", n(entry.at().plus(KEEP).getEpochSecond()),
                            ":pending", s(CallStatus.PENDING.name()), ":deferred", s(CallStatus.DEFERRED.name()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public Optional<CallRequest> finish(String workspaceId, String requestId, CallStatus status, String callSid, HistoryEntry entry) {
        Map<String, AttributeValue> values = new java.util.HashMap<>(Map.of(":status", s(status.name()),
                ":entry", AttributeValue.fromL(List.of(s(Json.write(entry)))),
                ":failed", s(CallStatus.FAILED.name()), ":completed", s(CallStatus.COMPLETED.name())));
        String update = "SET #status = :status, history = list_append(history, :entry)";
        if (callSid != null && !callSid.isBlank()) {
            values.put(":sid", s(callSid));
            update += ", callSid = if_not_exists(callSid, :sid)";
        }
        String expression = update;
        try {
            Map<String, AttributeValue> item = dynamo.updateItem(u -> u.tableName(table).key(key(workspaceId, requestId))
                    .updateExpression(expression)
                    .conditionExpression("attribute_exists(pk) AND NOT #status IN (:failed, :completed)")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(values)
                    .returnValues("ALL_NEW")).attributes();
            return Optional.of(Json.read(item.get("doc").s(), CallRequest.class));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    @Override
    public void transition(String workspaceId, String requestId, CallStatus status, HistoryEntry entry) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(workspaceId, requestId))
                    .updateExpression("SET #status = :status, history = list_append(history, :entry)")
                    .conditionExpression("attribute_exists(pk) AND #status <> :failed")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":status", s(status.name()),
                            ":entry", AttributeValue.fromL(List.of(s(Json.write(entry)))),
                            ":failed", s(CallStatus.FAILED.name()))));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("cannot move " + requestId + " to " + status + ": unknown or failed", e);
        }
    }

    @Override
    public void markReported(String workspaceId, String requestId) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(workspaceId, requestId))
                    .updateExpression("SET reported = :yes")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true))));
        } catch (ConditionalCheckFailedException e) {
            throw new IllegalStateException("cannot mark " + requestId + " reported: unknown", e);
        }
    }

    private static Map<String, AttributeValue> key(String workspaceId, String requestId) {
        return Map.of("pk", s("REQ#" + workspaceId + "#" + requestId));
    }
}
