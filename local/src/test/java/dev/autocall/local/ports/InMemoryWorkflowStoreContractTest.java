package dev.autocall.local.ports;

import dev.autocall.domain.workflow.WorkflowStore;
import dev.autocall.testing.InMemoryWorkflowStore;

class InMemoryWorkflowStoreContractTest extends WorkflowStoreContract {
    @Override
    protected WorkflowStore newStore() {
        return new InMemoryWorkflowStore();
    }
}
