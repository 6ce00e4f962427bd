package dev.autocall.local.ports;

import dev.autocall.domain.ivr.IvrCallStore;
import dev.autocall.testing.InMemoryIvrCallStore;

class InMemoryIvrCallStoreContractTest extends IvrCallStoreContract {
    @Override
    protected IvrCallStore newStore() {
        return new InMemoryIvrCallStore();
    }
}
