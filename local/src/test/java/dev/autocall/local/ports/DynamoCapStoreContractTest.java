package dev.autocall.local.ports;

import dev.autocall.adapters.dynamodb.DynamoCapStore;
import dev.autocall.domain.compliance.CapStore;
import dev.autocall.local.TemplateTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract through the real DynamoDB client, on DynamoDB Local with the Caps table as template.yaml defines it. */
class DynamoCapStoreContractTest extends CapStoreContract {
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
    protected CapStore newStore() {
        return new DynamoCapStore(tables.client(), "CapsTable");
    }
}
