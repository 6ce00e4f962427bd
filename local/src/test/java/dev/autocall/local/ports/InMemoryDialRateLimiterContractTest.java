package dev.autocall.local.ports;

import dev.autocall.domain.outbound.DialRateLimiter;
import dev.autocall.testing.InMemoryDialRateLimiter;

import java.time.Clock;

class InMemoryDialRateLimiterContractTest extends DialRateLimiterContract {
    @Override
    protected DialRateLimiter newLimiter(Clock clock) {
        return new InMemoryDialRateLimiter(clock);
    }
}
