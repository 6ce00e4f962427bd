package dev.autocall.testing;

import dev.autocall.domain.outbound.DialRateLimiter;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** In-memory {@link DialRateLimiter} with DynamoDialRateLimiter's rule: a count per workspace and clock second, waited out when full. */
public final class InMemoryDialRateLimiter implements DialRateLimiter {
    private final Clock clock;
    private final Map<String, Integer> perSecond = new HashMap<>();

    public InMemoryDialRateLimiter(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void acquire(String workspaceId, int callsPerSecond) {
        while (true) {
            long second = clock.millis() / 1000;
            if (take(workspaceId + "#" + second, callsPerSecond)) {
                return;
            }
            long millis = (second + 1) * 1000 - clock.millis();
            if (millis > 0) {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for a dialing slot", e);
                }
            }
        }
    }

    private synchronized boolean take(String key, int callsPerSecond) {
        int taken = perSecond.getOrDefault(key, 0);
        if (taken >= callsPerSecond) {
            return false;
        }
        perSecond.put(key, taken + 1);
        return true;
    }
}
