package dev.autocall.domain.campaign;

import java.time.Instant;

/**
 * A message on the campaign queue.
 *
 * @param kind "tick" (dispatch what the pace allows), "start" (startAt has come, or a recurring schedule fired), or
 *             "materialize" (copy the next page of the audience into a run)
 * @param at a tick's due time: the tick whose time the run holds carries the dispatch chain on; null for a wake-up
 * @param fired for a recurring firing, the time the schedule fired for (Scheduler's scheduled time)
 */
public record CampaignMessage(String kind, String workspaceId, String campaignId, int run, Long at, String fired) {
    public static final String TICK = "tick";
    public static final String START = "start";
    public static final String MATERIALIZE = "materialize";

    public static CampaignMessage tick(String workspaceId, String campaignId, int run, Instant at) {
        return new CampaignMessage(TICK, workspaceId, campaignId, run, at == null ? null : at.toEpochMilli(), null);
    }

    public static CampaignMessage start(String workspaceId, String campaignId) {
        return new CampaignMessage(START, workspaceId, campaignId, 0, null, null);
    }

    /**
     * What a recurring campaign's schedule sends at each firing: Scheduler puts the time the firing was due in place of
     * its context attribute, so that a firing delivered twice starts one run.
     */
    public static CampaignMessage firing(String workspaceId, String campaignId) {
        return new CampaignMessage(START, workspaceId, campaignId, 0, null, "<aws.scheduler.scheduled-time>");
    }

    public static CampaignMessage materialize(String workspaceId, String campaignId, int run) {
        return new CampaignMessage(MATERIALIZE, workspaceId, campaignId, run, null, null);
    }

    public Instant atInstant() {
        return at == null ? null : Instant.ofEpochMilli(at);
    }
}
