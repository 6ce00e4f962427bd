package dev.autocall.local.ports;

import dev.autocall.adapters.dynamodb.DynamoAnalyticsCounters;
import dev.autocall.local.TemplateTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract through the real DynamoDB client, on DynamoDB Local with the Analytics table as template.yaml defines it. */
class DynamoAnalyticsCountersContractTest extends AnalyticsCountersContract<DynamoAnalyticsCounters> {
    private static TemplateTables tables;

    @BeforeAll
    static void start() throws Exception {
        tables = TemplateTables.start("AnalyticsTable");
    }

    @AfterAll
    static void stop() throws Exception {
        if (tables != null) {
            tables.close();
        }
    }

    @Override
    protected DynamoAnalyticsCounters newCounters() {
        return new DynamoAnalyticsCounters(tables.client(), "AnalyticsTable");
    }
}
