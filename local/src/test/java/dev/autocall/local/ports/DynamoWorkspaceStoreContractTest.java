package dev.autocall.local.ports;

import dev.autocall.adapters.dynamodb.DynamoWorkspaceStore;
import dev.autocall.domain.workspace.WorkspaceStore;
import dev.autocall.local.TemplateTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract through the real DynamoDB client, on DynamoDB Local with the Workspaces table as template.yaml defines it. */
class DynamoWorkspaceStoreContractTest extends WorkspaceStoreContract {
    private static TemplateTables tables;

    @BeforeAll
    static void start() throws Exception {
        tables = TemplateTables.start("WorkspacesTable");
    }

    @AfterAll
    static void stop() throws Exception {
        if (tables != null) {
            tables.close();
        }
    }

    @Override
    protected WorkspaceStore newStore() {
        return new DynamoWorkspaceStore(tables.client(), "WorkspacesTable");
    }
}
