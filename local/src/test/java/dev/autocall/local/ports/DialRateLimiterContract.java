package dev.autocall.local.ports;

import dev.autocall.domain.outbound.DialRateLimiter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every {@link DialRateLimiter} does, on the real clock: callers past the workspace's calls per second
 * wait for a later second, callers within it do not wait, and workspaces do not share their rate.
 */
abstract class DialRateLimiterContract {
    private static final AtomicInteger WORKSPACES = new AtomicInteger();

    private DialRateLimiter limiter;
    private String ws;

    protected abstract DialRateLimiter newLimiter(Clock clock);

    @BeforeEach
    void setUp() {
        limiter = newLimiter(Clock.systemUTC());
        ws = "ws_rate_" + WORKSPACES.incrementAndGet();
    }

    /** When each caller got its slot, in epoch milliseconds. */
    private List<Long> acquireAtOnce(int callers, String workspace, int callsPerSecond) throws Exception {
        return Concurrently.run(callers, i -> {
            limiter.acquire(workspace, callsPerSecond);
            return System.currentTimeMillis();
        });
    }

    @Test
    void acquire_should_spreadCallersOverSeconds_when_moreCallThanTheRate() throws Exception {
        long start = System.currentTimeMillis();

        List<Long> slots = acquireAtOnce(6, ws, 2);

        // Six calls at two per second need three distinct seconds: the last starts over a second after the first.
        long last = slots.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(last - start > 1000, "six calls at 2/s took " + (last - start) + " ms");
    }

    @Test
    void acquire_should_notWait_withinTheRate_norForAnotherWorkspacesCalls() throws Exception {
        acquireAtOnce(3, ws + "_busy", 3);
        long start = System.currentTimeMillis();

        List<Long> slots = acquireAtOnce(3, ws, 3);

        long last = slots.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(last - start < 1000, "three calls at 3/s took " + (last - start) + " ms");
    }
}
