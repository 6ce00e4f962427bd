package dev.autocall.domain.idempotency;

import java.time.Duration;

/**
 * Port: makes processing of one event id happen once, however often the queue delivers it. A claim
 * holds a lease: a consumer that dies mid-way loses it, and a redelivery after the lease takes over.
 */
public interface ProcessedEvents {
    enum Claim { ACQUIRED, ALREADY_DONE, HELD_ELSEWHERE }

    Claim claim(String eventId, Duration lease);

    void complete(String eventId);

    /** Gives the claim back at once so that a retry need not wait for the lease. */
    void release(String eventId);
}
