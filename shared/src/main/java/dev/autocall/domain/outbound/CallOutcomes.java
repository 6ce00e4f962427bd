package dev.autocall.domain.outbound;

import java.util.HashMap;
import java.util.Map;

/**
 * The data of a call's outcome event (docs/workflows.md, "Call outcomes"). Which provider status is which outcome is
 * the provider adapter's business: the domain only sees {@link CallOutcome}.
 */
public final class CallOutcomes {
    private CallOutcomes() {
    }

    public static Map<String, Object> data(CallRequest request, String outcome, String callSid) {
        Map<String, Object> data = new HashMap<>();
        data.put("requestId", request.id());
        data.put("outcome", outcome);
        if (callSid != null) {
            data.put("callSid", callSid);
        }
        // For the call log: a test run's calls are kept apart, and a request never dialed is logged when asked for.
        data.put("test", request.test());
        if (request.createdAt() != null) {
            data.put("requestedAt", request.createdAt().toString());
        }
        if (request.plan() instanceof CallPlan.Ivr ivr) {
            data.put("flow", ivr.flowId());
        }
        if (request.campaign() != null) {
            data.put("campaignId", request.campaign().campaignId());
            data.put("campaignRun", request.campaign().run());
            data.put("retry", java.util.Map.of("maxAttempts", request.campaign().maxAttempts(),
                    "interval", String.valueOf(request.campaign().retryInterval()), "on", request.campaign().retryOn()));
            data.put("attempt", request.attempt());
        }
        if (request.runId() != null) {
            data.put("runId", request.runId());
            data.put("workflowId", request.workflowId());
            data.put("stepIndex", request.stepIndex());
            data.put("attempt", request.attempt());
        }
        return data;
    }

    /** When the request was dialed (its last claim for dialing), for the call log's time of the call. */
    public static java.util.Optional<String> dialedAt(CallRequestStore.StoredCallRequest stored) {
        java.util.Optional<String> at = java.util.Optional.empty();
        for (CallRequestStore.HistoryEntry entry : stored.history()) {
            if (entry != null && "dialing".equals(entry.event()) && entry.at() != null) {
                at = java.util.Optional.of(entry.at().toString());
            }
        }
        return at;
    }
}
