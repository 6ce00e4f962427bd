package dev.autocall.adapters.dynamodb;

import dev.autocall.domain.ivr.IvrCall;
import dev.autocall.domain.ivr.IvrCallStore;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static dev.autocall.adapters.dynamodb.Attr.n;
import static dev.autocall.adapters.dynamodb.Attr.s;

/**
 * Activity table: IVR#{callSid} holds the call (compressed JSON) with its turn beside it, for the conditional write
 * that lets one answer per callback stand; kept 90 days (TTL) like the other call records.
 */
public final class DynamoIvrCallStore implements IvrCallStore {
    private static final Duration KEEP = Duration.ofDays(90);
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoIvrCallStore(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public Optional<IvrCall> find(String callSid) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table).key(key(callSid)).consistentRead(true)).item();
        if (item == null || item.isEmpty()) {
            return Optional.empty();
        }
        IvrCall call = CompressedJson.read(item.get("doc"), IvrCall.class);
        boolean reported = item.containsKey("reported") && Boolean.TRUE.equals(item.get("reported").bool());
        return Optional.of(reported ? call.asReported() : call);
    }

    @Override
    public boolean save(IvrCall call, int previousTurn) {
        Map<String, AttributeValue> item = new HashMap<>(key(call.callSid()));
        item.put("workspaceId", s(call.workspaceId()));
        item.put("turn", n(call.session().turn()));
        item.put("doc", CompressedJson.write(call));
        item.put("expiresAt", n(clock.instant().plus(KEEP).getEpochSecond()));
        try {
            dynamo.putItem(p -> {
                p.tableName(table).item(item);
                if (previousTurn < 0) {
                    p.conditionExpression("attribute_not_exists(pk)");
                } else {
                    p.conditionExpression("#turn = :previous AND attribute_not_exists(reported)")
                            .expressionAttributeNames(Map.of("#turn", "turn"))
                            .expressionAttributeValues(Map.of(":previous", n(previousTurn)));
                }
            });
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    @Override
    public boolean markReported(String callSid) {
        try {
            dynamo.updateItem(u -> u.tableName(table).key(key(callSid))
                    .updateExpression("SET reported = :yes")
                    .conditionExpression("attribute_exists(pk) AND attribute_not_exists(reported)")
                    .expressionAttributeValues(Map.of(":yes", AttributeValue.fromBool(true))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    private static Map<String, AttributeValue> key(String callSid) {
        return Map.of("pk", s("IVR#" + callSid));
    }
}
