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
}
