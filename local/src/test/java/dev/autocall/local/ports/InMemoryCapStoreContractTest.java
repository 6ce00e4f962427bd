package dev.autocall.local.ports;

import dev.autocall.domain.compliance.CapStore;
import dev.autocall.testing.InMemoryCapStore;

class InMemoryCapStoreContractTest extends CapStoreContract {
    @Override
    protected CapStore newStore() {
        return new InMemoryCapStore();
    }
}
