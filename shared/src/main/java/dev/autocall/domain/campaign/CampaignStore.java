package dev.autocall.domain.campaign;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Port: campaigns, their runs, their targets and the progress counters. Every change of a target's state moves its
 * run's counters in the same atomic write, so progress is read without reading targets and its total is always the
 * sum of its states.
 */
public interface CampaignStore {
    /** Where imported targets go: a run's own targets, or a recurring campaign's audience (copied into each run). */
    int AUDIENCE = 0;

    /** @return false, with nothing written, when the workspace already has a campaign with this id */
    boolean create(Campaign campaign);

    Optional<Campaign> find(String workspaceId, String campaignId);

    /**
     * Writes {@code next} if the stored campaign still has {@code next.version()}, as version + 1; with a run given,
     * that run's status is set in the same write (so the dispatcher, which checks the run, and a reader of the
     * campaign never disagree).
     *
     * @throws dev.autocall.error.ConflictException when somebody wrote the campaign meanwhile
     */
    Campaign save(Campaign next, Optional<RunStatus> runStatus);

    /**
     * Creates run {@code run} (RUNNING, started now) and moves the campaign to it (status RUNNING, run = run), if the
     * campaign is still at {@code expected.version()}.
     *
     * @throws dev.autocall.error.ConflictException when somebody wrote the campaign meanwhile
     */
    Campaign startRun(Campaign expected, int run, Instant now, Instant firedAt, boolean materialized);

    /**
     * Adds targets to a run (or to the {@link #AUDIENCE}), each phone once: a phone already there is a duplicate.
     * Added targets are PENDING, due now.
     */
    default Added addTargets(String workspaceId, String campaignId, int run, List<Target> targets, Instant now) {
        return addTargets(workspaceId, campaignId, run, targets, now, true);
    }

    /**
     * @param queued whether the targets go into the due index at once: yes once the run has started (its dispatcher has
     *               read past some phones); before, they are written alone (half the writes) and the dispatcher reads them
     *               from the run's partition in phone order ({@link #fresh})
     */
    Added addTargets(String workspaceId, String campaignId, int run, List<Target> targets, Instant now, boolean queued);

    /**
     * The run's targets in phone order after {@code after} (null: from the first), whatever their state: the dispatcher
     * takes the PENDING ones and moves its cursor past the rest.
     */
    List<FreshTarget> fresh(String workspaceId, String campaignId, int run, String after, int limit);

    /** A target as its run's partition holds it. */
    record FreshTarget(DueTarget target, TargetState state) {
    }

    /** Reads the run's partition from the first phone again (targets written unqueued after the cursor had passed them). */
    void rewind(String workspaceId, String campaignId, int run);

    record Added(int added, int duplicates) {
    }

    /** A page of a recurring campaign's audience, in phone order after {@code after} (null: from the start). */
    List<Target> audience(String workspaceId, String campaignId, String after, int limit);

    /** The run's state and progress in one read; empty when the run does not exist (yet). */
    Optional<RunState> run(String workspaceId, String campaignId, int run);

    /** The run's status and whether it passed its end, in one small read; empty when there is no such run. */
    Optional<RunFlags> runFlags(String workspaceId, String campaignId, int run);

    record RunFlags(RunStatus status, boolean expired) {
    }

    /** Every run of the campaign, newest first, with its progress. */
    List<RunState> runs(String workspaceId, String campaignId);

    /** Targets due for dispatch (PENDING, due at or before {@code now}), soonest first; may include a few just claimed. */
    List<DueTarget> due(String workspaceId, String campaignId, int run, Instant now, int limit);

    /** Targets whose call request waits in a deferral: for cancel and expiry. */
    List<DueTarget> deferred(String workspaceId, String campaignId, int run, int limit);

    /** A PENDING target outside the campaign's hours: due again at {@code at}, through the due index (no state change). */
    void postpone(String workspaceId, String campaignId, int run, DueTarget target, Instant at);

    /** Marks the run past its endAt; false when it was already. */
    boolean markExpired(String workspaceId, String campaignId, int run);

    /** Notes how far a run's audience has been copied in ({@code after}: the last phone), or, with null, that it all has. */
    void markMaterialized(String workspaceId, String campaignId, int run, String after);

    /**
     * Claims targets for dispatch in one atomic write, if the run is RUNNING and nobody claimed since {@code read}:
     * each target PENDING → {@code to} (IN_PROGRESS for a call, COMPLETED with outcome "started" for a workflow),
     * the run's pace clock set to {@code paceAt}, and {@code sending} noted on the run until {@link #sent}.
     *
     * @return the targets claimed; empty when the run moved on (another dispatcher claimed, or it is no longer running)
     */
    List<DueTarget> claim(RunState read, List<DueTarget> targets, TargetState to, Instant paceAt, boolean full, String cursor);

    /** The claimed targets' messages are on their way: forget them. */
    void sent(String workspaceId, String campaignId, int run, long claim);

    /**
     * Moves one target from the state its current request left it in, if that request is still the target's:
     * IN_PROGRESS/DEFERRED → final or PENDING (a retry, due at {@code dueAt} with attempt + 1), IN_PROGRESS → DEFERRED,
     * DEFERRED → IN_PROGRESS.
     *
     * @param outcome the final outcome or failure reason, for the counters (null when not final)
     * @return false, with nothing written, when the target had already moved (a repeated or late report)
     */
    boolean move(TargetRef target, TargetState to, String outcome, Instant dueAt);

    /**
     * Puts a target whose request the gate holds back (its run is paused) back to PENDING with the same attempt, due at
     * {@code dueAt}, so that the request dispatched again is the same request.
     */
    boolean park(TargetRef target, Instant dueAt);

    /** Where one target's request came from. */
    record TargetRef(String workspaceId, String campaignId, int run, String phone, int attempt) {
    }

    /**
     * Ends every PENDING target of the run as {@code to} (CANCELLED or EXPIRED) in the counters, shard by shard; the
     * targets' own items are left as they are: a run that no longer dispatches never reads them again.
     */
    void endPending(String workspaceId, String campaignId, int run, TargetState to);

    /** Sets the run's status (and ended time for a final one), if it is {@code from}. */
    boolean setRunStatus(String workspaceId, String campaignId, int run, RunStatus from, RunStatus to, Instant now);

    /** The run's dispatch chain: the tick due at {@code at} is the one that goes on. */
    boolean handOverTick(String workspaceId, String campaignId, int run, Instant expected, Instant at);

    enum RunStatus { RUNNING, PAUSED, COMPLETED, CANCELLED }

    /**
     * @param claim moved by every claim: what the next claim must find
     * @param paceAt when the next call may go by the pace
     * @param sending targets claimed and perhaps not yet sent (a dispatcher that died in between)
     * @param tickAt the due time of the tick that carries the dispatch chain
     * @param full the last dispatch stopped at maxConcurrent: a target that ends should wake the dispatcher
     * @param expired the run passed its endAt
     * @param cursor the last phone the dispatcher read in the run's partition (null: none yet)
     */
    record RunState(String workspaceId, String campaignId, int run, RunStatus status, Instant startedAt, Instant endedAt,
                    Instant firedAt, long claim, Instant paceAt, List<DueTarget> sending, Instant tickAt, boolean full,
                    boolean expired, String materializedAfter, boolean materialized, String cursor, Progress progress) {
    }

    /** A target as the dispatcher sees it. */
    record DueTarget(Target target, int attempt, int shard, Instant dueAt) {
        public String phone() {
            return target.phone();
        }
    }
}
