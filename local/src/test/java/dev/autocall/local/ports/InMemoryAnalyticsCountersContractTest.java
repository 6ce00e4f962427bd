package dev.autocall.local.ports;

import dev.autocall.testing.InMemoryAnalyticsCounters;

class InMemoryAnalyticsCountersContractTest extends AnalyticsCountersContract<InMemoryAnalyticsCounters> {
    @Override
    protected InMemoryAnalyticsCounters newCounters() {
        return new InMemoryAnalyticsCounters();
    }
}
