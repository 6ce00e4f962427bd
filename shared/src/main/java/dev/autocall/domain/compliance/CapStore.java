package dev.autocall.domain.compliance;

import java.time.Instant;
import java.time.ZoneId;

/** Port: the counters behind the caps, read for a check and reserved atomically for a PASS. */
public interface CapStore {
    /** @param numberZone the zone whose calendar day the per-number daily cap counts in */
    CapUsage usage(String workspaceId, String number, Instant at, ZoneId numberZone);

    /**
     * The usage a call request is judged against: none when the request has reserved its caps already (a redelivery
     * after its reservation), since the counters then hold its own slot; otherwise {@link #usage}.
     */
    CapUsage usageFor(String requestId, String workspaceId, String number, Instant at, ZoneId numberZone);

    /**
     * Takes one slot of every cap for this request, all or none. Exactly once per request id: a second call
     * for the same request answers ALREADY_RESERVED and takes nothing.
     */
    Reservation reserve(String requestId, String workspaceId, String number, Instant at, ZoneId numberZone, Limits limits);

    /** The caps to enforce (defaults: 1 per minute, 100 per day, 1 per number per day, 4 per number per 14 days). */
    record Limits(int perMinute, int perDay, int perNumberPerDay, int perNumberPer14Days) {
    }

    sealed interface Reservation {
        record Reserved() implements Reservation {
        }

        record AlreadyReserved() implements Reservation {
        }

        /** A cap was full when the transaction ran (a concurrent request took the last slot). */
        record CapReached(ComplianceReason reason) implements Reservation {
        }
    }
}
