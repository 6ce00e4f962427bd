package dev.autocall.domain.campaign;

import dev.autocall.domain.campaign.CampaignStore.RunState;
import dev.autocall.domain.campaign.CampaignStore.RunStatus;
import dev.autocall.domain.outbound.DeferredDelivery;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.error.ConflictException;
import dev.autocall.error.InvalidInputException;
import dev.autocall.error.NotFoundException;
import dev.autocall.json.Json;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the management API does with campaigns: create, replace, add targets, and the lifecycle commands. Every
 * status change goes through {@link Lifecycle}, so an impossible one is a 409 that says why.
 */
public final class Campaigns {
    private final CampaignStore store;
    private final CampaignEngine engine;
    private final RecurringSchedules recurring;
    private final DeferredDelivery campaignQueue;
    private final Clock clock;

    public Campaigns(CampaignStore store, CampaignEngine engine, RecurringSchedules recurring, DeferredDelivery campaignQueue,
                     Clock clock) {
        this.store = store;
        this.engine = engine;
        this.recurring = recurring;
        this.campaignQueue = campaignQueue;
        this.clock = clock;
    }

    public Campaign create(Workspace workspace, Campaign parsed) {
        checkCallerId(workspace, parsed);
        Campaign campaign = new Campaign(parsed.id(), workspace.id(), parsed.name(), parsed.action(), parsed.purpose(),
                parsed.callerId(), parsed.audience(), parsed.schedule(), parsed.retry(), parsed.pace(), parsed.recurrence(),
                CampaignStatus.DRAFT, 0, clock.instant(), 0);
        if (!store.create(campaign)) {
            throw new ConflictException("a campaign with id " + parsed.id() + " exists already; choose another id, or PUT to replace it");
        }
        if (!campaign.audience().phones().isEmpty()) {
            store.addTargets(workspace.id(), campaign.id(), targetsGoTo(campaign),
                    campaign.audience().phones().stream().map(Target::of).toList(), clock.instant());
        }
        return find(workspace.id(), campaign.id());
    }

    public Campaign find(String workspaceId, String campaignId) {
        return store.find(workspaceId, campaignId)
                .orElseThrow(() -> new NotFoundException("no campaign " + campaignId + " in this workspace"));
    }

    /** The current run's progress (before the first run: the targets added so far, all pending). */
    public Progress progress(Campaign campaign) {
        return store.run(campaign.workspaceId(), campaign.id(), Math.max(1, campaign.run()))
                .map(RunState::progress).orElse(Progress.empty());
    }

    public List<RunState> runs(String workspaceId, String campaignId) {
        find(workspaceId, campaignId);
        return store.runs(workspaceId, campaignId).stream().filter(run -> run.status() != null).toList();
    }

    /** PUT: what may change depends on the status ({@link Lifecycle#checkUpdate}); numbers given are added as targets. */
    public Campaign replace(Workspace workspace, String campaignId, Campaign parsed) {
        Campaign before = find(workspace.id(), campaignId);
        checkCallerId(workspace, parsed);
        Campaign after = new Campaign(before.id(), before.workspaceId(), parsed.name(), parsed.action(), parsed.purpose(),
                parsed.callerId(), parsed.audience(), parsed.schedule(), parsed.retry(), parsed.pace(), parsed.recurrence(),
                before.status(), before.run(), before.createdAt(), before.version());
        Lifecycle.checkUpdate(before, after);
        Campaign saved = store.save(after, Optional.empty());
        if (before.status() == CampaignStatus.DRAFT && !after.audience().phones().isEmpty()) {
            store.addTargets(workspace.id(), campaignId, targetsGoTo(after),
                    after.audience().phones().stream().map(Target::of).toList(), clock.instant());
        }
        if (saved.status() == CampaignStatus.SCHEDULED && saved.recurring().isEmpty()
                && !java.util.Objects.equals(before.schedule().startAt(), saved.schedule().startAt())) {
            deliverStart(saved);
        }
        return saved;
    }

    public CampaignStore.Added addTargets(String workspaceId, String campaignId, List<Target> targets) {
        Campaign campaign = find(workspaceId, campaignId);
        if (campaign.status().ended()) {
            throw new ConflictException("campaign " + campaignId + " is " + campaign.status().wire() + ": it takes no more targets");
        }
        return store.addTargets(workspaceId, campaignId, targetsGoTo(campaign), targets, clock.instant());
    }

    /** A recurring campaign's numbers are its audience, copied into each run; any other's are its one run's targets. */
    private static int targetsGoTo(Campaign campaign) {
        return campaign.recurring().isPresent() ? CampaignStore.AUDIENCE : 1;
    }

    public Campaign start(String workspaceId, String campaignId) {
        Campaign campaign = find(workspaceId, campaignId);
        CampaignStatus next = Lifecycle.next(campaign, Lifecycle.Command.START, clock.instant());
        if (next == CampaignStatus.RUNNING) {
            return engine.begin(campaign, 1, null);
        }
        Campaign scheduled = store.save(campaign.withStatus(next), Optional.empty());
        if (scheduled.recurring().isPresent()) {
            Campaign.Recurrence recurrence = scheduled.recurrence();
            recurring.arm(RecurringSchedules.nameFor(workspaceId, campaignId), recurrence.cron(), recurrence.timeZone(),
                    Json.write(CampaignMessage.firing(workspaceId, campaignId)));
        } else {
            deliverStart(scheduled);
        }
        return scheduled;
    }

    private void deliverStart(Campaign campaign) {
        Instant at = campaign.schedule().startAt() == null ? clock.instant() : campaign.schedule().startAt();
        campaignQueue.deliverAt(Json.write(CampaignMessage.start(campaign.workspaceId(), campaign.id())),
                "start:" + campaign.workspaceId() + ":" + campaign.id() + ":" + at.toEpochMilli(), at);
    }

    public Campaign pause(String workspaceId, String campaignId) {
        Campaign campaign = find(workspaceId, campaignId);
        CampaignStatus next = Lifecycle.next(campaign, Lifecycle.Command.PAUSE, clock.instant());
        return store.save(campaign.withStatus(next), Optional.of(RunStatus.PAUSED));
    }

    public Campaign resume(String workspaceId, String campaignId) {
        Campaign campaign = find(workspaceId, campaignId);
        CampaignStatus next = Lifecycle.next(campaign, Lifecycle.Command.RESUME, clock.instant());
        Campaign resumed = store.save(campaign.withStatus(next), Optional.of(RunStatus.RUNNING));
        Instant held = store.run(workspaceId, campaignId, resumed.run()).map(RunState::tickAt).orElse(null);
        engine.kick(resumed, held);
        return resumed;
    }

    /** Ends every target not dialed yet as cancelled; calls in progress finish. */
    public Campaign cancel(String workspaceId, String campaignId) {
        Campaign campaign = find(workspaceId, campaignId);
        CampaignStatus next = Lifecycle.next(campaign, Lifecycle.Command.CANCEL, clock.instant());
        boolean runLive = campaign.status() == CampaignStatus.RUNNING || campaign.status() == CampaignStatus.PAUSED;
        Campaign cancelled = store.save(campaign.withStatus(next), runLive ? Optional.of(RunStatus.CANCELLED) : Optional.empty());
        if (campaign.recurring().isPresent()) {
            recurring.disarm(RecurringSchedules.nameFor(workspaceId, campaignId));
        }
        if (runLive || (campaign.run() == 0 && campaign.recurring().isEmpty())) {
            // A draft's or a scheduled campaign's targets end too: they will never be called.
            engine.endWaiting(cancelled, Math.max(1, cancelled.run()), TargetState.CANCELLED);
        }
        return cancelled;
    }

    private static void checkCallerId(Workspace workspace, Campaign campaign) {
        if (campaign.callerId() != null && !workspace.numbers().contains(campaign.callerId())) {
            throw new InvalidInputException("callerId", "callerId must be one of the workspace's numbers " + workspace.numbers()
                    + ", or null for the number nearest each callee");
        }
    }
}
