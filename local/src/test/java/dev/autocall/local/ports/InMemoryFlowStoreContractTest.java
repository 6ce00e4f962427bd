package dev.autocall.local.ports;

import dev.autocall.domain.ivr.FlowStore;
import dev.autocall.testing.InMemoryFlowStore;

class InMemoryFlowStoreContractTest extends FlowStoreContract {
    @Override
    protected FlowStore newStore() {
        return new InMemoryFlowStore();
    }
}
