package dev.autocall.adapters.dynamodb;

import dev.autocall.domain.call.CallLog;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static dev.autocall.adapters.dynamodb.Attr.n;
import static dev.autocall.adapters.dynamodb.Attr.s;

/** Activity table: CALL#{sid} holds the call's workspace, parties, start and voicemail recording, kept 90 days (TTL). */
public final class DynamoCallLog implements CallLog {
    private static final Duration KEEP = Duration.ofDays(90);
    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;

    public DynamoCallLog(DynamoDbClient dynamo, String table, Clock clock) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
    }

    @Override
    public InboundCall recordInbound(InboundCall call) {
        try {
            dynamo.putItem(p -> p.tableName(table).item(Map.of(
                            "pk", s("CALL#" + call.callSid()), "workspaceId", s(call.workspaceId()),
                            "from", s(call.from()), "to", s(call.to()), "direction", s("inbound"),
                            "startedAt", s(call.startedAt().toString()),
                            "expiresAt", n(clock.instant().plus(KEEP).getEpochSecond())))
                    .conditionExpression("attribute_not_exists(pk)")
                    .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD));
            return call;
        } catch (ConditionalCheckFailedException e) {
            return toCall(call.callSid(), e.item());
        }
    }

    @Override
    public Optional<InboundCall> find(String callSid) {
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName(table)
                .key(Map.of("pk", s("CALL#" + callSid))).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(toCall(callSid, item));
    }

    @Override
    public void recordVoicemail(String callSid, String recordingSid, String recordingUrl) {
        dynamo.updateItem(u -> u.tableName(table).key(Map.of("pk", s("CALL#" + callSid)))
                .updateExpression("SET recordingSid = :sid, recordingUrl = :url")
                .conditionExpression("attribute_exists(pk)")
                .expressionAttributeValues(Map.of(":sid", s(recordingSid), ":url", s(recordingUrl))));
    }

    private static InboundCall toCall(String sid, Map<String, AttributeValue> item) {
        return new InboundCall(sid, item.get("workspaceId").s(), item.get("from").s(), item.get("to").s(),
                Instant.parse(item.get("startedAt").s()));
    }
}
