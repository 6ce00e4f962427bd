package dev.autocall.adapters.dynamodb;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.autocall.domain.webhook.WebhookDelivery;
import dev.autocall.domain.webhook.WebhookDeliveryStore;
import dev.autocall.error.InvalidInputException;
import dev.autocall.json.Json;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.autocall.adapters.dynamodb.Attr.n;
import static dev.autocall.adapters.dynamodb.Attr.s;

/**
 * Webhook deliveries table: one item per delivery (pk workspace, sk event id), its attempts a list on the item, an
 * expiry for DynamoDB's TTL 30 days on. Index "recent" lists a workspace's deliveries newest first; index "byStatus"
 * the same for one status (key workspace#status), so a filtered page is one query, never a filtered scan.
 */
public final class DynamoWebhookDeliveries implements WebhookDeliveryStore {
    static final String RECENT = "recent";
    static final String BY_STATUS = "byStatus";
    private static final TypeReference<Map<String, String>> CURSOR = new TypeReference<>() {
    };

    private final DynamoDbClient dynamo;
    private final String table;

    public DynamoWebhookDeliveries(DynamoDbClient dynamo, String table) {
        this.dynamo = dynamo;
        this.table = table;
    }

    private static Map<String, AttributeValue> key(String ws, String id) {
        return Map.of("pk", s(ws), "sk", s(id));
    }

    @Override
    public boolean create(WebhookDelivery d) {
        Map<String, AttributeValue> item = new HashMap<>(key(d.workspaceId(), d.id()));
        item.put("type", s(d.type()));
        item.put("body", s(d.body()));
        item.put("status", s(d.status().wire()));
        item.put("statusKey", s(d.workspaceId() + "#" + d.status().wire()));
        item.put("createdKey", s(Attr.sortable(d.createdAt()) + "#" + d.id()));
        item.put("createdAt", s(d.createdAt().toString()));
        item.put("attemptCount", n(0));
        item.put("attempts", AttributeValue.fromL(List.of()));
        if (d.nextAttemptAt() != null) {
            item.put("nextAttemptAt", s(d.nextAttemptAt().toString()));
        }
        item.put("expiresAt", n(d.createdAt().plus(RETENTION).getEpochSecond()));
        try {
            dynamo.putItem(p -> p.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    @Override
    public Optional<WebhookDelivery> find(String workspaceId, String id) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(key(workspaceId, id)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(delivery(item));
    }

    @Override
    public boolean claim(String workspaceId, String id, int number, Instant now, Instant staleBefore) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(workspaceId, id))
                    .updateExpression("SET #claimed = :n, #claimedAt = :now")
                    .conditionExpression("attribute_exists(pk) AND #count = :prev AND (attribute_not_exists(#claimed) "
                            + "OR #claimed < :n OR #claimedAt < :stale)")
                    .expressionAttributeNames(Map.of("#claimed", "claimed", "#claimedAt", "claimedAt", "#count", "attemptCount"))
                    .expressionAttributeValues(Map.of(":n", n(number), ":prev", n(number - 1L),
                            ":now", n(now.toEpochMilli()), ":stale", n(staleBefore.toEpochMilli()))));
            return true;
        } catch (ConditionalCheckFailedException taken) {
            return false;
        }
    }

    @Override
    public boolean record(String workspaceId, String id, WebhookDelivery.Attempt attempt, WebhookDelivery.Status status,
                          Instant nextAttemptAt) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(
                ":attempt", AttributeValue.fromL(List.of(AttributeValue.fromM(attemptItem(attempt)))),
                ":empty", AttributeValue.fromL(List.of()),
                ":count", n(attempt.number()), ":prev", n(attempt.number() - 1L),
                ":status", s(status.wire()), ":statusKey", s(workspaceId + "#" + status.wire())));
        String update = "SET #attempts = list_append(if_not_exists(#attempts, :empty), :attempt), #count = :count, "
                + "#status = :status, #statusKey = :statusKey";
        if (nextAttemptAt != null) {
            values.put(":next", s(nextAttemptAt.toString()));
            update += ", #next = :next";
        } else {
            update += " REMOVE #next";
        }
        String expression = update;
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(workspaceId, id))
                    .updateExpression(expression)
                    .conditionExpression("attribute_exists(pk) AND #count = :prev")
                    .expressionAttributeNames(Map.of("#attempts", "attempts", "#count", "attemptCount", "#status", "status",
                            "#statusKey", "statusKey", "#next", "nextAttemptAt"))
                    .expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException lost) {
            return false;
        }
    }

    @Override
    public boolean markPending(String workspaceId, String id, Instant when) {
        String pending = WebhookDelivery.Status.PENDING.wire();
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(workspaceId, id))
                    .updateExpression("SET #status = :status, #statusKey = :statusKey, #next = :next")
                    .conditionExpression("attribute_exists(pk)")
                    .expressionAttributeNames(Map.of("#status", "status", "#statusKey", "statusKey", "#next", "nextAttemptAt"))
                    .expressionAttributeValues(Map.of(":status", s(pending), ":statusKey", s(workspaceId + "#" + pending),
                            ":next", s(when.toString()))));
            return true;
        } catch (ConditionalCheckFailedException missing) {
            return false;
        }
    }

    @Override
    public Page list(String workspaceId, WebhookDelivery.Status status, int limit, String cursor) {
        QueryRequest.Builder query = QueryRequest.builder().tableName(table).scanIndexForward(false).limit(limit);
        if (status == null) {
            query.indexName(RECENT).keyConditionExpression("#pk = :pk")
                    .expressionAttributeNames(Map.of("#pk", "pk")).expressionAttributeValues(Map.of(":pk", s(workspaceId)));
        } else {
            query.indexName(BY_STATUS).keyConditionExpression("#sk = :sk")
                    .expressionAttributeNames(Map.of("#sk", "statusKey"))
                    .expressionAttributeValues(Map.of(":sk", s(workspaceId + "#" + status.wire())));
        }
        if (cursor != null) {
            query.exclusiveStartKey(startKey(workspaceId, status, cursor));
        }
        QueryResponse response = dynamo.query(query.build());
        List<WebhookDelivery> page = new ArrayList<>();
        response.items().forEach(item -> page.add(delivery(item)));
        Map<String, AttributeValue> last = response.lastEvaluatedKey();
        return new Page(page, last == null || last.isEmpty() ? null : cursor(last));
    }

    private static String cursor(Map<String, AttributeValue> lastKey) {
        Map<String, String> plain = new HashMap<>();
        lastKey.forEach((name, value) -> plain.put(name, value.s()));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(plain).getBytes(StandardCharsets.UTF_8));
    }

    /** A cursor is only ever one this store gave for the same workspace: anything else is refused, never followed. */
    private static Map<String, AttributeValue> startKey(String workspaceId, WebhookDelivery.Status status, String cursor) {
        Map<String, String> plain;
        try {
            plain = Json.MAPPER.readValue(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8), CURSOR);
        } catch (Exception e) {
            throw new InvalidInputException("cursor", "cursor is not one a page of deliveries gave");
        }
        if (plain == null || !workspaceId.equals(plain.get("pk")) || plain.get("sk") == null || plain.get("createdKey") == null
                || !java.util.Objects.equals(plain.get("statusKey"), status == null ? null : workspaceId + "#" + status.wire())) {
            throw new InvalidInputException("cursor", "cursor is not one a page of deliveries gave");
        }
        Map<String, AttributeValue> key = new HashMap<>();
        plain.forEach((name, value) -> key.put(name, s(value)));
        return key;
    }

    private static Map<String, AttributeValue> attemptItem(WebhookDelivery.Attempt a) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("number", n(a.number()), "at", s(a.at().toString()),
                "durationMs", n(a.durationMs())));
        if (a.status() != null) {
            item.put("status", n(a.status()));
        }
        if (a.error() != null) {
            item.put("error", s(a.error()));
        }
        return item;
    }

    private static WebhookDelivery delivery(Map<String, AttributeValue> item) {
        List<WebhookDelivery.Attempt> attempts = new ArrayList<>();
        AttributeValue list = item.get("attempts");
        if (list != null && list.hasL()) {
            for (AttributeValue value : list.l()) {
                Map<String, AttributeValue> a = value.m();
                attempts.add(new WebhookDelivery.Attempt(Integer.parseInt(a.get("number").n()), Instant.parse(a.get("at").s()),
                        a.containsKey("status") ? Integer.valueOf(a.get("status").n()) : null,
                        a.containsKey("error") ? a.get("error").s() : null, Long.parseLong(a.get("durationMs").n())));
            }
        }
        return new WebhookDelivery(item.get("pk").s(), item.get("sk").s(), Attr.str(item, "type").orElse(null),
                Attr.str(item, "body").orElse(null), WebhookDelivery.Status.fromWire(item.get("status").s()), attempts,
                Attr.str(item, "nextAttemptAt").map(Instant::parse).orElse(null), Instant.parse(item.get("createdAt").s()));
    }
}
