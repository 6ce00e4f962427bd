package dev.autocall.local.ports;

import dev.autocall.adapters.dynamodb.DynamoWebhookSecrets;
import dev.autocall.adapters.dynamodb.DynamoWorkspaceStore;
import dev.autocall.domain.webhook.WebhookSecrets;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.domain.workspace.WorkspaceStore;
import dev.autocall.json.Json;
import dev.autocall.local.TemplateTables;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The contract on DynamoDB Local, plus how the secrets share the workspace's item with its settings. */
class DynamoWebhookSecretsContractTest extends WebhookSecretsContract {
    private static final Instant NOW = Instant.parse("2026-11-27T12:00:00Z");
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
    protected WebhookSecrets newSecrets() {
        return new DynamoWebhookSecrets(tables.client(), "WorkspacesTable");
    }

    @Test
    void savingTheWorkspace_should_keepItsSecrets_andTheSettingsShouldNeverCarryThem() {
        WorkspaceStore workspaces = new DynamoWorkspaceStore(tables.client(), "WorkspacesTable");
        Workspace workspace = withoutNumbers(ws);
        workspaces.save(workspace);
        List<String> before = secrets.ensure(ws, NOW);
        String rotated = secrets.rotate(ws, NOW).secret();

        workspaces.save(workspace);
        workspaces.save(workspace);

        assertEquals(List.of(rotated, before.get(0)), secrets.signing(ws, NOW));
        assertEquals(Optional.of(workspace), workspaces.find(ws));
        assertFalse(Json.write(workspaces.find(ws).orElseThrow()).contains("whsec_"));
    }

    @Test
    void aSecretCreatedBeforeTheSettings_should_survive_theFirstSaveOfTheSettings() {
        WorkspaceStore workspaces = new DynamoWorkspaceStore(tables.client(), "WorkspacesTable");
        List<String> created = secrets.ensure(ws, NOW);

        workspaces.save(withoutNumbers(ws));

        assertEquals(created, secrets.signing(ws, NOW));
        assertEquals(Optional.of(withoutNumbers(ws)), workspaces.find(ws));
    }

    /** Numbers belong to one workspace across the table: these tests need none. */
    private static Workspace withoutNumbers(String id) {
        Workspace acme = SampleWorkspaces.acme();
        return new Workspace(id, acme.name(), List.of(), acme.forwarding(), acme.voicemail(), acme.outboundEnabled(),
                acme.callsPerSecond(), acme.webhookUrl(), acme.adminNumber(), acme.helpText(), acme.compliance());
    }
}
