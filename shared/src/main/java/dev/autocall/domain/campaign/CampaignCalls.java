package dev.autocall.domain.campaign;

import dev.autocall.domain.campaign.CampaignStore.RunState;
import dev.autocall.domain.campaign.CampaignStore.RunStatus;
import dev.autocall.domain.campaign.CampaignStore.TargetRef;
import dev.autocall.domain.outbound.CallOutcome;
import dev.autocall.domain.outbound.CallRequest;
import dev.autocall.domain.outbound.DeferredDelivery;
import dev.autocall.json.Json;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * What a campaign's call request came to, applied to its target: the gate deferred it, let it through after a
 * deferral, or it ended (an outcome, or a failure). Each change is conditional on the target still being where that
 * request left it, so a report that comes twice, or late, changes nothing.
 */
public final class CampaignCalls {
    /** What the gate does with a campaign request its own deferral brought back. */
    public enum Admission {
        /** Judge it as usual. */
        JUDGE,
        /** Its run is paused: leave the request as it is; the target waits to be dispatched again on resume. */
        HOLD,
        /** Its run was cancelled or passed its end: never dial it. */
        STOP
    }

    /** The gate's reason for a campaign request it stopped (its run was cancelled or passed its end). */
    public static final String STOPPED = "CAMPAIGN_STOPPED";

    private final CampaignStore store;
    private final DeferredDelivery campaignQueue;
    private final Clock clock;

    public CampaignCalls(CampaignStore store, DeferredDelivery campaignQueue, Clock clock) {
        this.store = store;
        this.campaignQueue = campaignQueue;
        this.clock = clock;
    }

    /** The gate deferred the request to {@code until}. */
    public void deferred(CallRequest request, Instant until) {
        store.move(ref(request), TargetState.DEFERRED, null, until);
    }

    /**
     * The gate is about to judge a campaign's request: is it still wanted? One small read of its run. A request
     * dispatched just before a pause or a cancel (or redelivered after one) is held or stopped here, never dialed.
     *
     * @param afterDeferral the gate's own deferral brought it back: its target moves from deferred to in progress
     */
    public Admission admit(CallRequest request, boolean afterDeferral) {
        TargetRef ref = ref(request);
        Optional<CampaignStore.RunFlags> run = store.runFlags(ref.workspaceId(), ref.campaignId(), ref.run());
        if (run.isEmpty() || run.get().status() == RunStatus.CANCELLED || run.get().status() == RunStatus.COMPLETED
                || run.get().expired()) {
            return Admission.STOP;
        }
        if (run.get().status() == RunStatus.PAUSED) {
            store.park(ref, clock.instant());
            return Admission.HOLD;
        }
        if (afterDeferral) {
            store.move(ref, TargetState.IN_PROGRESS, null, null);
        }
        return Admission.JUDGE;
    }

    /** The request ended: as {@link #ended(String, String, int, String, int, String, String, Campaign.Retry)}, reading the campaign's retry policy. */
    public void ended(String workspaceId, String campaignId, int runNumber, String phone, int attempt, String outcome, String reason) {
        store.find(workspaceId, campaignId).ifPresent(campaign ->
                ended(workspaceId, campaignId, runNumber, phone, attempt, outcome, reason, campaign.retry()));
    }

    /**
     * The request ended: retried (through the gate again, after the retry interval) when its outcome is one the
     * campaign retries and attempts are left, else final.
     *
     * @param outcome the call's outcome (completed, voicemail, no_answer, ...), or null for a request never dialed
     * @param reason why a request was never dialed (NO_CONSENT, ...), or null
     */
    public void ended(String workspaceId, String campaignId, int runNumber, String phone, int attempt, String outcome, String reason,
                      Campaign.Retry retry) {
        Optional<RunState> run = store.run(workspaceId, campaignId, runNumber);
        if (run.isEmpty()) {
            return;
        }
        TargetRef ref = new TargetRef(workspaceId, campaignId, runNumber, phone, attempt);
        RunState state = run.get();
        boolean dispatching = (state.status() == RunStatus.RUNNING || state.status() == RunStatus.PAUSED) && !state.expired();
        boolean moved;
        if (outcome != null && dispatching && retry.on().contains(outcome) && attempt < retry.maxAttempts()) {
            moved = store.move(ref, TargetState.PENDING, null, clock.instant().plus(retry.interval()));
        } else if (outcome == null && STOPPED.equals(reason)) {
            // Never dialed because its run was cancelled or ended while the request was on its way.
            moved = store.move(ref, state.expired() ? TargetState.EXPIRED : TargetState.CANCELLED, null, null);
        } else if (outcome == null) {
            moved = store.move(ref, TargetState.FAILED, reason == null ? "UNKNOWN" : reason, null);
        } else if (CallOutcome.FAILED.wire().equals(outcome) || CallOutcome.INVALID.wire().equals(outcome)) {
            moved = store.move(ref, TargetState.FAILED, CallOutcome.INVALID.wire().equals(outcome) ? "INVALID_NUMBER" : "CALL_FAILED", null);
        } else {
            moved = store.move(ref, TargetState.COMPLETED, outcome, null);
        }
        // The dispatcher waits for a free slot, or this may have been the run's last target: wake it.
        if (moved && state.status() == RunStatus.RUNNING
                && (state.full() || state.progress().count(TargetState.PENDING) == 0)) {
            Instant now = clock.instant();
            campaignQueue.deliverAt(Json.write(CampaignMessage.tick(workspaceId, campaignId, runNumber, null)),
                    "wake:" + campaignId + ":" + phone + ":" + attempt, now);
        }
    }

    private static TargetRef ref(CallRequest request) {
        CallRequest.CampaignRef campaign = request.campaign();
        return new TargetRef(request.workspaceId(), campaign.campaignId(), campaign.run(), request.to(), request.attempt());
    }
}
