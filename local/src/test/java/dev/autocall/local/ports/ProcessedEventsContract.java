package dev.autocall.local.ports;

import dev.autocall.domain.idempotency.ProcessedEvents;
import dev.autocall.domain.idempotency.ProcessedEvents.Claim;
import dev.autocall.testing.MutableClock;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What every {@link ProcessedEvents} does: one consumer at a time holds an event, and a done event stays done. */
abstract class ProcessedEventsContract {
    private static final AtomicInteger IDS = new AtomicInteger();
    private static final Duration LEASE = Duration.ofSeconds(60);

    protected final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T15:00:00Z"));
    private ProcessedEvents events;
    private String id;

    protected abstract ProcessedEvents newStore(MutableClock clock);

    /** Stores a claim on the event that carries no lease, as an item written before leases (or by hand) would. */
    protected abstract void givenAClaimWithoutALease(String eventId);

    @BeforeEach
    void setUp() {
        events = newStore(clock);
        id = "ws_events/api:evt-" + IDS.incrementAndGet();
    }

    @Test
    void claim_should_beHeldElsewhere_whileTheFirstClaimsLeaseRuns() {
        assertEquals(Claim.ACQUIRED, events.claim(id, LEASE));
        clock.advance(LEASE);

        assertEquals(Claim.HELD_ELSEWHERE, events.claim(id, LEASE));
    }

    @Test
    void claim_should_takeTheEventOver_once_theLeaseHasRunOut() {
        events.claim(id, LEASE);
        clock.advance(LEASE.plusMillis(1));

        assertEquals(Claim.ACQUIRED, events.claim(id, LEASE));
        assertEquals(Claim.HELD_ELSEWHERE, events.claim(id, LEASE));
    }

    @Test
    void claim_should_answerAlreadyDone_forEver_once_completed() {
        events.claim(id, LEASE);
        events.complete(id);
        clock.advance(Duration.ofDays(1));

        assertEquals(Claim.ALREADY_DONE, events.claim(id, LEASE));
        events.release(id);
        assertEquals(Claim.ALREADY_DONE, events.claim(id, LEASE));
    }

    @Test
    void claim_should_acquireAtOnce_after_aRelease() {
        events.claim(id, LEASE);

        events.release(id);

        assertEquals(Claim.ACQUIRED, events.claim(id, LEASE));
    }

    @Test
    void claim_should_takeOver_aClaimThatHasNoLease() {
        givenAClaimWithoutALease(id);

        assertEquals(Claim.ACQUIRED, events.claim(id, LEASE));
    }

    @Test
    void claim_should_beAcquiredOnce_when_tenConsumersClaimAtOnce() throws Exception {
        List<Claim> claims = Concurrently.run(10, i -> events.claim(id, LEASE));

        assertEquals(1, claims.stream().filter(c -> c == Claim.ACQUIRED).count(), claims.toString());
        assertEquals(9, claims.stream().filter(c -> c == Claim.HELD_ELSEWHERE).count(), claims.toString());
    }

    @Test
    void claims_should_notMeet_acrossEventIds() {
        events.claim(id, LEASE);

        assertEquals(Claim.ACQUIRED, events.claim(id + "-other", LEASE));
    }
}
