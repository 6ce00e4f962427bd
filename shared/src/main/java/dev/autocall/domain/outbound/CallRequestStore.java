package dev.autocall.domain.outbound;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: call requests with their state and history (every decision, deferral and attempt), kept per workspace: a
 * request is always named by its workspace and its id.
 */
public interface CallRequestStore {
    Optional<StoredCallRequest> find(String workspaceId, String requestId);

    /**
     * Records a state change with a line of history, keeping the call sid, the lease and whether the end was reported.
     *
     * @throws IllegalStateException when the request is unknown or has FAILED (a failure is final)
     */
    void transition(String workspaceId, String requestId, CallStatus status, HistoryEntry entry);

    /**
     * Records a compliance decision about a request that may not be stored yet (requests travel in their
     * messages): stores it with this state if new, or moves it there from PENDING, DEFERRED or this same state
     * (READY or DEFERRED again: a redelivery, or a second deferral; a failure is recorded, and reported, once).
     * False when the request had moved on (passed, dialed, ended): the decision is a redelivery's and changes nothing.
     */
    boolean record(CallRequest request, CallStatus status, HistoryEntry entry);

    /**
     * Records a call's final outcome once: the request moves to {@code status} (COMPLETED or FAILED) with the
     * call sid (none when it is null or blank; a sid recorded before stands), unless it had already ended. Returns
     * the request when this call recorded the end, empty when it had ended before (a repeated or late callback) or
     * is unknown.
     */
    Optional<CallRequest> finish(String workspaceId, String requestId, CallStatus status, String callSid, HistoryEntry entry);

    /**
     * READY → DIALING with a lease, conditionally: only one dialer wins. A request found DIALING without a call
     * sid after its lease (or without a lease) may be claimed again, by the dialer that reconciled it. Leases are
     * kept, and compared with {@code now}, to the millisecond.
     */
    boolean claimForDialing(String workspaceId, String requestId, Instant now, Instant leaseUntil);

    /** READY → DIALING with a lease, conditionally; never a request found DIALING (that one must be reconciled first). */
    boolean claimIfReady(String workspaceId, String requestId, Instant now, Instant leaseUntil);

    /**
     * DIALING → DIALED with the provider's call sid; the sid is kept once set, whoever records it first. A request no
     * longer DIALING (ended meanwhile, say) or unknown is left as it is.
     */
    void recordCallSid(String workspaceId, String requestId, String callSid, HistoryEntry entry);

    /**
     * Notes that what the request came to (COMPLETED or FAILED) has been reported to its run; every later write keeps
     * the note.
     *
     * @throws IllegalStateException when the request is unknown: only a stored request was reported
     */
    void markReported(String workspaceId, String requestId);

    /**
     * A request with where it stands.
     *
     * @param reported whether its end has been reported (published) since it was recorded
     */
    record StoredCallRequest(CallRequest request, CallStatus status, List<HistoryEntry> history,
                             Optional<String> callSid, Optional<Instant> leaseUntil, boolean reported) {
        public StoredCallRequest(CallRequest request, CallStatus status, List<HistoryEntry> history,
                                 Optional<String> callSid, Optional<Instant> leaseUntil) {
            this(request, status, history, callSid, leaseUntil, false);
        }

        /** What it came to: the outcome of the last history entry, or the reason it failed. */
        public Optional<HistoryEntry> ending() {
            return status == CallStatus.COMPLETED || status == CallStatus.FAILED
                    ? Optional.of(history.get(history.size() - 1)) : Optional.empty();
        }
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
