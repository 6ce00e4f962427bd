package dev.autocall.adapters.dynamodb;

import dev.autocall.domain.idempotency.ProcessedEvents;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import static dev.autocall.adapters.dynamodb.Attr.n;
import static dev.autocall.adapters.dynamodb.Attr.s;

/** Idempotency table: EVT#{id} with a lease while in progress, kept 7 days once done (TTL expiresAt). */
public final class DynamoProcessedEvents implements ProcessedEvents {
    private static final Duration KEEP = Duration.ofDays(7);
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoProcessedEvents(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Claim claim(String eventId, Duration lease) {
        long now = clock.millis();
        try {
            dynamo.putItem(p -> p.tableName(table)
                    .item(Map.of("pk", s("EVT#" + eventId), "status", s("IN_PROGRESS"),
                            "leaseUntil", n(now + lease.toMillis()),
                            "expiresAt", n((now + KEEP.toMillis()) / 1000)))
                    // A claim without a lease (written before leases, or by hand) would otherwise be held for good.
                    .conditionExpression("attribute_not_exists(pk) OR (#status = :progress"
                            + " AND (attribute_not_exists(leaseUntil) OR leaseUntil < :now))")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":progress", s("IN_PROGRESS"), ":now", n(now)))
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return Claim.ACQUIRED;
        } catch (ConditionalCheckFailedException e) {
            Map<String, AttributeValue> old = e.item();
            boolean done = old != null && old.containsKey("status") && "DONE".equals(old.get("status").s());
            return done ? Claim.ALREADY_DONE : Claim.HELD_ELSEWHERE;
        }
    }

    @Override
    public void complete(String eventId) {
        dynamo.updateItem(u -> u.tableName(table).key(Map.of("pk", s("EVT#" + eventId)))
                .updateExpression("SET #status = :done, expiresAt = :exp REMOVE leaseUntil")
                .expressionAttributeNames(Map.of("#status", "status"))
                .expressionAttributeValues(Map.of(":done", s("DONE"),
                        ":exp", n((clock.millis() + KEEP.toMillis()) / 1000))));
    }

    @Override
    public void release(String eventId) {
        try {
            dynamo.deleteItem(d -> d.tableName(table).key(Map.of("pk", s("EVT#" + eventId)))
                    .conditionExpression("#status = :progress")
                    .expressionAttributeNames(Map.of("#status", "status"))
                    .expressionAttributeValues(Map.of(":progress", s("IN_PROGRESS"))));
        } catch (ConditionalCheckFailedException e) {
            // Already completed or taken over: nothing to give back.
        }
    }
}
