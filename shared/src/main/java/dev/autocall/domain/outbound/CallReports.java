package dev.autocall.domain.outbound;

import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventPublisher;
import dev.autocall.domain.event.EventTypes;
import dev.autocall.domain.outbound.CallRequestStore.HistoryEntry;
import dev.autocall.domain.outbound.CallRequestStore.StoredCallRequest;

import dev.autocall.domain.workflow.RunStatus;
import dev.autocall.domain.workflow.RunStore;

import java.time.Clock;
import java.util.HashMap;
import java.util.Optional;
import java.util.Map;

/**
 * Reports what a call request came to (its outcome, or why it failed) to its run, after it has been recorded, and notes
 * that it was reported. A function that dies between recording and reporting leaves the request unreported; whoever
 * meets it next (the message's redelivery, or the request's settle check) reports it then, so an outcome recorded is an
 * outcome published. Reports have fixed ids and a run takes what it waits for once, so a second report changes nothing.
 */
public final class CallReports {
    private final CallRequestStore requests;
    private final EventPublisher events;
    private final Optional<RunStore> runs;
    private final Clock clock;

    /** For reporting only (the webhook): {@link #reportIfUnreported} needs the run store. */
    public CallReports(CallRequestStore requests, EventPublisher events, Clock clock) {
        this(requests, events, Optional.empty(), clock);
    }

    /** @param runs where a request's run is read, to find a run that still waits for a request reported before */
    public CallReports(CallRequestStore requests, EventPublisher events, RunStore runs, Clock clock) {
        this(requests, events, Optional.of(runs), clock);
    }

    private CallReports(CallRequestStore requests, EventPublisher events, Optional<RunStore> runs, Clock clock) {
        this.requests = requests;
        this.events = events;
        this.runs = runs;
        this.clock = clock;
    }

    /** A call's recorded outcome (completed, voicemail, no_answer, busy, failed, invalid, agent_unavailable). */
    public void outcome(CallRequest request, String outcome, String callSid) {
        outcome(request, outcome, callSid, Map.of());
    }

    /** @param extra more for the run and the thread, e.g. an IVR call's keys */
    public void outcome(CallRequest request, String outcome, String callSid, Map<String, Object> extra) {
        Map<String, Object> data = new HashMap<>(CallOutcomes.data(request, outcome, callSid));
        data.putAll(extra);
        events.publish(new DomainEvent("call:" + request.id() + ":outcome", EventTypes.CALL_OUTCOME, request.workspaceId(),
                clock.instant(), request.to(), null, data, Map.of()));
        requests.markReported(request.workspaceId(), request.id());
    }

    /** A request that will never be dialed: refused by the gate, or stopped before dialing. */
    public void failure(CallRequest request, String reason) {
        Map<String, Object> data = new HashMap<>(CallOutcomes.data(request, CallOutcome.FAILED.wire(), null));
        data.put("reason", reason);
        events.publish(new DomainEvent("call:" + request.id() + ":failed", EventTypes.CALL_FAILED, request.workspaceId(),
                clock.instant(), request.to(), null, data, Map.of()));
        requests.markReported(request.workspaceId(), request.id());
    }

    /**
     * Reports a request that ended to a run that has not taken its end: one whose reporter died before reporting, or
     * whose run was saved waiting for it only after the report came (a run asks for its call before it saves itself
     * waiting, so a run started again after a failed save asks for a call that has ended). True when it had ended.
     */
    public boolean reportIfUnreported(StoredCallRequest stored) {
        if (stored.ending().isEmpty()) {
            return false;
        }
        if (!stored.reported() || runStillWaitsFor(stored.request())) {
            HistoryEntry end = stored.ending().get();
            if (stored.status() == CallStatus.FAILED) {
                failure(stored.request(), end.reason() == null ? "UNKNOWN" : end.reason());
            } else {
                outcome(stored.request(), end.event(), stored.callSid().orElse(null),
                        CallOutcomes.dialedAt(stored).map(at -> Map.<String, Object>of("startedAt", at)).orElse(Map.of()));
            }
        }
        return true;
    }

    private boolean runStillWaitsFor(CallRequest request) {
        RunStore store = runs.orElseThrow(() -> new IllegalStateException("no run store to look for a waiting run in"));
        return request.runId() != null && store.find(request.workspaceId(), request.runId())
                .filter(run -> run.status() == RunStatus.WAITING && request.id().equals(run.waitingFor()))
                .isPresent();
    }
}
