package dev.autocall.local.ports;

import dev.autocall.adapters.dynamodb.DynamoIvrCallStore;
import dev.autocall.domain.ivr.IvrCallStore;
import dev.autocall.local.TemplateTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.time.Clock;

/** The contract through the real DynamoDB client, on DynamoDB Local with the Activity table as template.yaml defines it. */
class DynamoIvrCallStoreContractTest extends IvrCallStoreContract {
    private static TemplateTables tables;

    @BeforeAll
    static void start() throws Exception {
        tables = TemplateTables.start("ActivityTable");
    }

    @AfterAll
    static void stop() throws Exception {
        if (tables != null) {
            tables.close();
        }
    }

    @Override
    protected IvrCallStore newStore() {
        return new DynamoIvrCallStore(tables.client(), "ActivityTable", Clock.systemUTC());
    }
}
