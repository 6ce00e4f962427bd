package dev.autocall.local.ports;

import dev.autocall.domain.workspace.WorkspaceStore;
import dev.autocall.testing.InMemoryWorkspaceStore;

class InMemoryWorkspaceStoreContractTest extends WorkspaceStoreContract {
    @Override
    protected WorkspaceStore newStore() {
        return new InMemoryWorkspaceStore();
    }
}
