package dev.autocall.domain.outbound;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: call requests with their state and history (every decision, deferral and attempt). */
public interface CallRequestStore {
    /** Stores a new request; a repeat of the same id keeps the first. */
    void create(CallRequest request, Instant at);

    Optional<StoredCallRequest> find(String requestId);

    /** Records a state change with a line of history. */
    void transition(String requestId, CallStatus status, HistoryEntry entry);

    /**
     * READY → DIALING with a lease, conditionally: only one dialer wins. A request found DIALING without a call
     * sid after its lease may be claimed again, by the dialer that reconciled it.
     */
    boolean claimForDialing(String requestId, Instant now, Instant leaseUntil);

    /** DIALING → DIALED with the provider's call sid; the sid is kept once set, whoever records it first. */
    void recordCallSid(String requestId, String callSid, HistoryEntry entry);

    /** A request with where it stands. */
    record StoredCallRequest(CallRequest request, CallStatus status, List<HistoryEntry> history,
                             Optional<String> callSid, Optional<Instant> leaseUntil) {
    }

    /**
     * One line of a request's history.
     *
     * @param event e.g. "created", "PASS", "DEFER", "FAIL", "dialing", "dialed", outcome names
     * @param reason the compliance reason, when there is one
     */
    record HistoryEntry(Instant at, String event, String reason, Instant nextAllowedAt, String detail) {
    }
}
