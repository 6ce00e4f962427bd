package dev.autocall.local.ports;

import dev.autocall.adapters.dynamodb.DynamoWorkspaceStore;
import dev.autocall.domain.workspace.WorkspaceStore;
import dev.autocall.local.TemplateTables;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.json.Json;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

    @Test
    void save_should_replaceSettingsStoredBeforeWorkspacesHadAVersion() {
        Workspace acme = SampleWorkspaces.acme().withId("ws_legacy");
        tables.client().putItem(p -> p.tableName("WorkspacesTable").item(Map.of(
                "pk", AttributeValue.fromS("WS#ws_legacy"), "doc", AttributeValue.fromS(Json.write(acme)))));
        tables.client().putItem(p -> p.tableName("WorkspacesTable").item(Map.of(
                "pk", AttributeValue.fromS("NUM#" + SampleWorkspaces.BUSINESS_NUMBER), "workspaceId", AttributeValue.fromS("ws_legacy"))));
        WorkspaceStore store = newStore();
        Workspace moved = new Workspace("ws_legacy", acme.name(), List.of("+14155550177"), acme.forwarding(), acme.voicemail(),
                acme.outboundEnabled(), acme.callsPerSecond(), acme.webhookUrl(), acme.adminNumber(), acme.helpText(), acme.compliance());

        store.save(moved);

        assertEquals(Optional.of(moved), store.find("ws_legacy"));
        assertEquals(Optional.empty(), store.workspaceForNumber(SampleWorkspaces.BUSINESS_NUMBER));
        assertEquals(Optional.of("ws_legacy"), store.workspaceForNumber("+14155550177"));
    }
}
