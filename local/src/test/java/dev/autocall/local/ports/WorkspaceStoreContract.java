package dev.autocall.local.ports;

import dev.autocall.domain.workspace.Workspace;
import dev.autocall.domain.workspace.WorkspaceStore;
import dev.autocall.error.ConflictException;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What every {@link WorkspaceStore} does: settings, the number routes that follow them, API keys. */
abstract class WorkspaceStoreContract {
    private static final AtomicInteger IDS = new AtomicInteger();

    private WorkspaceStore store;
    private String ws;
    private String prefix;

    protected abstract WorkspaceStore newStore();

    @BeforeEach
    void setUp() {
        store = newStore();
        int id = IDS.incrementAndGet();
        ws = "ws_contract_" + id;
        // Numbers are global: each test has its own range.
        prefix = String.format("+1415%03d", id);
    }

    private String number(int i) {
        return prefix + String.format("%04d", i);
    }

    private Workspace workspace(String id, String... numbers) {
        Workspace acme = SampleWorkspaces.acme();
        return new Workspace(id, acme.name(), List.of(numbers), acme.forwarding(), acme.voicemail(), acme.outboundEnabled(),
                acme.callsPerSecond(), acme.webhookUrl(), acme.adminNumber(), acme.helpText(), acme.compliance());
    }

    @Test
    void find_should_returnTheSettingsAsSaved_andNothingForAnUnknownWorkspace() {
        store.save(workspace(ws, number(1)));

        assertEquals(Optional.of(workspace(ws, number(1))), store.find(ws));
        assertEquals(Optional.empty(), store.find(ws + "_unknown"));
    }

    @Test
    void find_should_returnTheInboundFlowAsSaved() {
        Workspace withFlow = workspace(ws, number(1)).withInbound(new Workspace.Inbound("front-desk"));
        store.save(withFlow);

        assertEquals(Optional.of("front-desk"), store.find(ws).orElseThrow().inbound().flowId());
        assertEquals(Optional.of(withFlow), store.find(ws));
    }

    @Test
    void save_should_routeEachNumberToTheWorkspace_andDropTheRoutesOfNumbersItNoLongerLists() {
        store.save(workspace(ws, number(1), number(2)));

        store.save(workspace(ws, number(2), number(3)));

        assertEquals(Optional.empty(), store.workspaceForNumber(number(1)));
        assertEquals(Optional.of(ws), store.workspaceForNumber(number(2)));
        assertEquals(Optional.of(ws), store.workspaceForNumber(number(3)));
    }

    @Test
    void save_should_failWithAConflict_andChangeNothing_when_aNumberBelongsToAnotherWorkspace() {
        store.save(workspace(ws, number(1)));
        store.save(workspace(ws + "_b", number(2)));

        assertThrows(ConflictException.class, () -> store.save(workspace(ws + "_b", number(1), number(3))));

        assertEquals(Optional.of(ws), store.workspaceForNumber(number(1)));
        assertEquals(Optional.of(ws + "_b"), store.workspaceForNumber(number(2)));
        assertEquals(Optional.empty(), store.workspaceForNumber(number(3)));
        assertEquals(List.of(number(2)), store.find(ws + "_b").orElseThrow().numbers());
    }

    @Test
    void save_should_letAnotherWorkspaceTakeANumber_onceItsOwnerDroppedIt() {
        store.save(workspace(ws, number(1)));
        store.save(workspace(ws, number(2)));

        store.save(workspace(ws + "_b", number(1)));

        assertEquals(Optional.of(ws + "_b"), store.workspaceForNumber(number(1)));
    }

    @Test
    void save_should_leaveTheRoutesOfTheLastSettings_when_manySavesRunAtOnce() throws Exception {
        store.save(workspace(ws, number(0)));

        // Each save lists its own number and a shared one; the routes must match whichever settings won.
        Concurrently.run(8, i -> {
            store.save(workspace(ws, number(i + 1), number(99)));
            return null;
        });

        List<String> listed = store.find(ws).orElseThrow().numbers();
        for (int i = 0; i <= 9; i++) {
            assertEquals(listed.contains(number(i)), store.workspaceForNumber(number(i)).isPresent(),
                    "route of " + number(i) + " with numbers " + listed);
        }
        assertEquals(Optional.of(ws), store.workspaceForNumber(number(99)));
    }

    @Test
    void apiKeys_should_findTheirWorkspace_untilRevokedByIt() {
        store.addApiKeyHash(ws, "hash-" + ws);

        assertEquals(Optional.of(ws), store.workspaceForApiKeyHash("hash-" + ws));
        assertFalse(store.removeApiKeyHash(ws + "_b", "hash-" + ws), "another workspace cannot revoke the key");
        assertEquals(Optional.of(ws), store.workspaceForApiKeyHash("hash-" + ws));
        assertTrue(store.removeApiKeyHash(ws, "hash-" + ws));
        assertEquals(Optional.empty(), store.workspaceForApiKeyHash("hash-" + ws));
        assertFalse(store.removeApiKeyHash(ws, "hash-" + ws), "already revoked");
    }
}
