package dev.autocall.testing;

import dev.autocall.domain.idempotency.ProcessedEvents;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/** In-memory {@link ProcessedEvents} with leases, like DynamoProcessedEvents: an expired lease can be taken over. */
public final class InMemoryProcessedEvents implements ProcessedEvents {
    private final Clock clock;
    private final Map<String, Instant> inProgress = new HashMap<>();
    private final Map<String, Boolean> done = new HashMap<>();

    public InMemoryProcessedEvents(Clock clock) {
        this.clock = clock;
    }

    @Override
    public synchronized Claim claim(String eventId, Duration lease) {
        if (done.containsKey(eventId)) {
            return Claim.ALREADY_DONE;
        }
        Instant now = clock.instant();
        Instant leaseUntil = inProgress.get(eventId);
        if (leaseUntil != null && !leaseUntil.isBefore(now)) {
            return Claim.HELD_ELSEWHERE;
        }
        inProgress.put(eventId, now.plus(lease));
        return Claim.ACQUIRED;
    }

    @Override
    public synchronized void complete(String eventId) {
        inProgress.remove(eventId);
        done.put(eventId, true);
    }

    @Override
    public synchronized void release(String eventId) {
        inProgress.remove(eventId);
    }

    /** A claim that carries no lease (an item written before leases, or by hand): the next claim takes it over. */
    public synchronized void holdWithoutLease(String eventId) {
        inProgress.put(eventId, null);
    }

    public synchronized boolean isDone(String eventId) {
        return done.containsKey(eventId);
    }

    public synchronized boolean isHeld(String eventId) {
        return inProgress.containsKey(eventId);
    }
}
