package dev.autocall.local.ports;

import dev.autocall.adapters.dynamodb.DynamoWorkflowStore;
import dev.autocall.domain.workflow.WorkflowStore;
import dev.autocall.local.TemplateTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract through the real DynamoDB client, on DynamoDB Local with the Workflows table as template.yaml defines it. */
class DynamoWorkflowStoreContractTest extends WorkflowStoreContract {
    private static TemplateTables tables;

    @BeforeAll
    static void start() throws Exception {
        tables = TemplateTables.start("WorkflowsTable");
    }

    @AfterAll
    static void stop() throws Exception {
        if (tables != null) {
            tables.close();
        }
    }

    @Override
    protected WorkflowStore newStore() {
        return new DynamoWorkflowStore(tables.client(), "WorkflowsTable");
    }
}
