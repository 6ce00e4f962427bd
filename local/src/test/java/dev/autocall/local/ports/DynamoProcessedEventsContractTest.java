package dev.autocall.local.ports;

import dev.autocall.adapters.dynamodb.DynamoProcessedEvents;
import dev.autocall.domain.idempotency.ProcessedEvents;
import dev.autocall.local.TemplateTables;
import dev.autocall.testing.MutableClock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.Map;

/** The contract through the real DynamoDB client, on DynamoDB Local with the Idempotency table as template.yaml defines it. */
class DynamoProcessedEventsContractTest extends ProcessedEventsContract {
    private static TemplateTables tables;

    @BeforeAll
    static void start() throws Exception {
        tables = TemplateTables.start("IdempotencyTable");
    }

    @AfterAll
    static void stop() throws Exception {
        if (tables != null) {
            tables.close();
        }
    }

    @Override
    protected ProcessedEvents newStore(MutableClock clock) {
        return new DynamoProcessedEvents(tables.client(), "IdempotencyTable", clock);
    }

    @Override
    protected void givenAClaimWithoutALease(String eventId) {
        tables.client().putItem(p -> p.tableName("IdempotencyTable").item(Map.of(
                "pk", AttributeValue.fromS("EVT#" + eventId), "status", AttributeValue.fromS("IN_PROGRESS"))));
    }
}
