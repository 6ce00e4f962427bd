package dev.autocall.local.ports;

import dev.autocall.domain.contact.ContactStore;
import dev.autocall.testing.InMemoryContactStore;

class InMemoryContactStoreContractTest extends ContactStoreContract {
    @Override
    protected ContactStore newStore() {
        return new InMemoryContactStore();
    }
}
