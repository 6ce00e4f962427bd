package dev.autocall.local.ports;

import dev.autocall.adapters.dynamodb.DynamoCallRequestStore;
import dev.autocall.domain.outbound.CallRequestStore;
import dev.autocall.local.TemplateTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * The call request store contract, held to by the DynamoDB adapter through the real client against DynamoDB Local with
 * the Activity table of template.yaml.
 */
class DynamoCallRequestStoreContractTest extends CallRequestStoreContract {
    private static TemplateTables tables;
    private static DynamoCallRequestStore requests;

    @BeforeAll
    static void start() throws Exception {
        tables = TemplateTables.start("ActivityTable");
        requests = new DynamoCallRequestStore(tables.client(), "ActivityTable");
    }

    @AfterAll
    static void stop() throws Exception {
        if (tables != null) {
            tables.close();
        }
    }

    @Override
    CallRequestStore store() {
        return requests;
    }
}
