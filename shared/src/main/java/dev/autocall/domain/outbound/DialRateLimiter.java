package dev.autocall.domain.outbound;

/** Port: keeps calls per second to the provider at or under the workspace's rate, however many dialers run. */
public interface DialRateLimiter {
    /** Blocks until a slot in some second is this caller's. */
    void acquire(String workspaceId, int callsPerSecond);
}
