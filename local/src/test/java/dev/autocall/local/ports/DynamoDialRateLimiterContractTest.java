package dev.autocall.local.ports;

import dev.autocall.adapters.dynamodb.DynamoDialRateLimiter;
import dev.autocall.domain.outbound.DialRateLimiter;
import dev.autocall.local.TemplateTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Clock;

/** The contract through the real DynamoDB client, on DynamoDB Local with the Caps table as template.yaml defines it. */
class DynamoDialRateLimiterContractTest extends DialRateLimiterContract {
    private static TemplateTables tables;

    @BeforeAll
    static void start() throws Exception {
        tables = TemplateTables.start("CapsTable");
    }

    @AfterAll
    static void stop() throws Exception {
        if (tables != null) {
            tables.close();
        }
    }

    @Override
    protected DialRateLimiter newLimiter(Clock clock) {
        return new DynamoDialRateLimiter(tables.client(), "CapsTable", clock);
    }
}
