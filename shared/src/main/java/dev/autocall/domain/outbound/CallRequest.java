package dev.autocall.domain.outbound;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

import java.time.Instant;
import java.util.Objects;

/**
 * One outbound call to be placed, once: created by a workflow step, judged by the compliance gate (maybe
 * several times, when deferred), then dialed exactly once.
 *
 * @param id deterministic from the run, the step and the attempt, so a repeated step asks for the same call
 * @param purpose "transactional" (default) or "marketing"
 * @param deadline after this the request fails EXPIRED instead of waiting longer
 */
public record CallRequest(
        String id,
        String workspaceId,
        String to,
        String purpose,
        @JsonTypeInfo(use = JsonTypeInfo.Id.SIMPLE_NAME, property = "kind")
        @JsonSubTypes({@JsonSubTypes.Type(CallPlan.Connect.class), @JsonSubTypes.Type(CallPlan.Voicemail.class),
                @JsonSubTypes.Type(CallPlan.Ivr.class)})
        CallPlan plan,
        String runId,
        String workflowId,
        int stepIndex,
        int attempt,
        boolean test,
        Instant createdAt,
        Instant deadline,
        CampaignRef campaign) {

    /** A request of a workflow run (or none). */
    public CallRequest(String id, String workspaceId, String to, String purpose, CallPlan plan, String runId, String workflowId,
                       int stepIndex, int attempt, boolean test, Instant createdAt, Instant deadline) {
        this(id, workspaceId, to, purpose, plan, runId, workflowId, stepIndex, attempt, test, createdAt, deadline, null);
    }

    /**
     * The campaign run a request calls one target of; the target is {@code to}, its attempt {@code attempt}. The
     * campaign's retry policy travels with it, so that its end is applied without reading the campaign.
     *
     * @param callerId the number to call from (one of the workspace's), or null for the workspace's choice
     * @param retryOn the outcomes tried again, while attempts are left
     */
    public record CampaignRef(String campaignId, int run, String callerId, int maxAttempts, java.time.Duration retryInterval,
                              java.util.List<String> retryOn) {
        public CampaignRef {
            retryOn = retryOn == null ? java.util.List.of() : java.util.List.copyOf(retryOn);
        }
    }

    public CallRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(to, "to");
        purpose = purpose == null ? "transactional" : purpose;
    }
}
