package dev.autocall.local.ports;

import dev.autocall.domain.outbound.CallRequestStore;
import dev.autocall.testing.InMemoryCallRequestStore;

/** The call request store contract, held to by the in-memory fake that the gate's and the dialer's unit tests use. */
class InMemoryCallRequestStoreContractTest extends CallRequestStoreContract {
    private final InMemoryCallRequestStore requests = new InMemoryCallRequestStore();

    @Override
    CallRequestStore store() {
        return requests;
    }
}
