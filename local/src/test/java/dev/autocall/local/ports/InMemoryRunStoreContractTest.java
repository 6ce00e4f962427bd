package dev.autocall.local.ports;

import dev.autocall.domain.workflow.RunStore;
import dev.autocall.domain.workflow.WorkflowRun;
import dev.autocall.testing.InMemoryRunStore;

/** The run store contract, held to by the in-memory fake that the runner's unit tests use. */
class InMemoryRunStoreContractTest extends RunStoreContract {
    private final InMemoryRunStore runs = new InMemoryRunStore();

    @Override
    RunStore store() {
        return runs;
    }

    @Override
    void storeWithoutRevision(String workspaceId, WorkflowRun run) {
        runs.storeWithoutRevision(workspaceId, run);
    }
}
