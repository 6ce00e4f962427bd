package dev.autocall.local.ports;

import dev.autocall.domain.idempotency.ProcessedEvents;
import dev.autocall.testing.InMemoryProcessedEvents;
import dev.autocall.testing.MutableClock;

class InMemoryProcessedEventsContractTest extends ProcessedEventsContract {
    private InMemoryProcessedEvents fake;

    @Override
    protected ProcessedEvents newStore(MutableClock clock) {
        fake = new InMemoryProcessedEvents(clock);
        return fake;
    }

    @Override
    protected void givenAClaimWithoutALease(String eventId) {
        fake.holdWithoutLease(eventId);
    }
}
