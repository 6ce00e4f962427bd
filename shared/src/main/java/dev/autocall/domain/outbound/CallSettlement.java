package dev.autocall.domain.outbound;

import dev.autocall.domain.outbound.CallProvider.ProviderCall;
import dev.autocall.domain.outbound.CallRequestStore.HistoryEntry;
import dev.autocall.domain.outbound.CallRequestStore.StoredCallRequest;
import dev.autocall.domain.workspace.WorkspaceStore;
import dev.autocall.json.Json;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Watches a placed call until what it came to is recorded and reported to its run. Twilio does not retry a status
 * callback that failed, and a function may die between recording an outcome and reporting it: a check some minutes
 * after the call was placed (then every {@link #EVERY}) reports an outcome left unreported, and settles a call that
 * never reported back with the provider's own record of it, so that its run goes on.
 */
public final class CallSettlement {
    /** After the ring timeout and a voicemail's message; over the 15 minutes an SQS timer holds, so it is scheduled. */
    static final Duration FIRST_CHECK = Duration.ofMinutes(16);
    static final Duration EVERY = Duration.ofMinutes(30);
    /** About 7 hours: past the 4 hours Twilio lets a call last. */
    static final int MAX_CHECKS = 15;

    private final CallRequestStore requests;
    private final WorkspaceStore workspaces;
    private final CallProvider provider;
    private final DeferredDelivery dialQueueLater;
    private final CallReports reports;
    private final Optional<dev.autocall.domain.ivr.IvrEnds> ivrEnds;
    private final Clock clock;

    /** @param ivrEnds where an IVR call that never reported back finds its flow's outcome and keys */
    CallSettlement(CallRequestStore requests, WorkspaceStore workspaces, CallProvider provider, DeferredDelivery dialQueueLater,
                   CallReports reports, Optional<dev.autocall.domain.ivr.IvrEnds> ivrEnds, Clock clock) {
        this.ivrEnds = ivrEnds;
        this.requests = requests;
        this.workspaces = workspaces;
        this.provider = provider;
        this.dialQueueLater = dialQueueLater;
        this.reports = reports;
        this.clock = clock;
    }

    /** The call was placed: check on it later. */
    void watch(CallRequest request, String callSid) {
        schedule(request, callSid, 1, FIRST_CHECK);
    }

    /**
     * The check a makeCall's agent leg asks for when it ends with no outcome recorded: the customer leg's result, which
     * Twilio reports before the agent's call ends, may still be on its way; if it never comes, the customer was not
     * dialed (the agent hung up during the whisper) or the report was lost, and the check settles it.
     */
    public static String agentLegEnded(CallRequest request, String callSid) {
        return Json.write(CallRequestMessage.settleCheck(request, callSid, 1));
    }

    void check(CallRequestMessage message) {
        StoredCallRequest stored = requests.find(message.workspaceId(), message.requestId())
                .orElseThrow(() -> new IllegalStateException("call request " + message.requestId() + " is not stored"));
        if (reports.reportIfUnreported(stored)) {
            return;
        }
        CallRequest request = stored.request();
        Optional<String> sid = Optional.ofNullable(message.callSid()).or(stored::callSid);
        Optional<ProviderCall> call = sid.flatMap(provider::fetchCall);
        if (call.isPresent() && call.get().outcome().isPresent()) {
            Optional<dev.autocall.domain.ivr.IvrCall> ivr = request.plan() instanceof CallPlan.Ivr
                    ? ivrEnds.flatMap(ends -> ends.ended(call.get().sid())) : Optional.empty();
            if (ivr.isPresent()) {
                // The flow ran (a person answered): its outcome and keys are the call's, as the status callback would have said.
                String outcome = ivr.get().session().finalOutcome();
                requests.finish(request.workspaceId(), request.id(), CallStatus.COMPLETED, call.get().sid(),
                                new HistoryEntry(clock.instant(), outcome, null, null, "settled with the flow's record"))
                        .ifPresent(finished -> reports.outcome(finished, outcome, call.get().sid(),
                                dev.autocall.domain.ivr.IvrEnds.keysData(ivr.get())));
                return;
            }
            String outcome = outcomeOf(request, call.get());
            requests.finish(request.workspaceId(), request.id(), CallStatus.COMPLETED, call.get().sid(),
                            new HistoryEntry(clock.instant(), outcome, null, null,
                                    "settled with the provider: " + call.get().outcome().get().wire()))
                    .ifPresent(finished -> reports.outcome(finished, outcome, call.get().sid()));
            return;
        }
        if (message.check() >= MAX_CHECKS) {
            requests.finish(request.workspaceId(), request.id(), CallStatus.COMPLETED, sid.orElse(null),
                            new HistoryEntry(clock.instant(), CallOutcome.FAILED.wire(), "UNSETTLED", null,
                                    "the call never reported back and the provider has no end for it"))
                    .ifPresent(finished -> reports.outcome(finished, CallOutcome.FAILED.wire(), sid.orElse(null)));
            return;
        }
        schedule(request, sid.orElse(null), message.check() + 1, EVERY);
    }

    /**
     * A voicemail drop's outcome is its own call's. A makeCall's first leg rings the agent: the outcome is the customer
     * leg's, a call from the caller ID to the customer; without one the customer was never dialed.
     */
    private String outcomeOf(CallRequest request, ProviderCall call) {
        CallOutcome ended = call.outcome().orElseThrow();
        if (!(request.plan() instanceof CallPlan.Connect)) {
            return ended.wire();
        }
        if (ended != CallOutcome.COMPLETED) {
            return CallOutcome.AGENT_UNAVAILABLE.wire();
        }
        Instant since = request.createdAt();
        return workspaces.find(request.workspaceId())
                .flatMap(w -> CallerIdSelection.choose(w.numbers(), request.to()))
                .flatMap(from -> provider.findCall(from, request.to(), since))
                .flatMap(provider::fetchCall)
                .flatMap(ProviderCall::outcome)
                .map(CallOutcome::wire)
                .orElse(CallOutcome.AGENT_UNAVAILABLE.wire());
    }

    private void schedule(CallRequest request, String callSid, int n, Duration after) {
        dialQueueLater.deliverAt(Json.write(CallRequestMessage.settleCheck(request, callSid, n)),
                request.workspaceId() + "|" + request.id() + "|settle|" + n, clock.instant().plus(after));
    }
}
