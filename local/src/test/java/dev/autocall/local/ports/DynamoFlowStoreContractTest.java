package dev.autocall.local.ports;

import dev.autocall.adapters.dynamodb.DynamoFlowStore;
import dev.autocall.adapters.dynamodb.DynamoWorkflowStore;
import dev.autocall.domain.ivr.FlowStore;
import dev.autocall.local.TemplateTables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The contract through the real DynamoDB client, on DynamoDB Local with the Workflows table as template.yaml defines it. */
class DynamoFlowStoreContractTest extends FlowStoreContract {
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
    protected FlowStore newStore() {
        return new DynamoFlowStore(tables.client(), "WorkflowsTable");
    }

    @Test
    void flowsAndWorkflows_should_shareTheTable_withoutSeeingEachOther() {
        Instant at = Instant.parse("2026-11-02T15:00:00Z");
        DynamoWorkflowStore workflows = new DynamoWorkflowStore(tables.client(), "WorkflowsTable");
        FlowStore flows = newStore();
        workflows.saveDraft("ws_shared_table", "same-id", "{\"workflow\":true}", at);
        flows.saveDraft("ws_shared_table", "same-id", "{\"flow\":true}", at);
        flows.publish("ws_shared_table", "same-id", at);

        assertEquals("{\"workflow\":true}", workflows.find("ws_shared_table", "same-id").orElseThrow().draftJson());
        assertEquals(List.of("same-id"), workflows.list("ws_shared_table").stream().map(w -> w.id()).toList());
        assertEquals("{\"flow\":true}", flows.find("ws_shared_table", "same-id").orElseThrow().draftJson());
        assertEquals(1, flows.list("ws_shared_table").size());
    }
}
