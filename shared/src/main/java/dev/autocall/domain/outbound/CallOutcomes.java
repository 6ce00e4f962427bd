package dev.autocall.domain.outbound;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Provider statuses → outcomes (docs/workflows.md, "Call outcomes"): completed, voicemail, no_answer, busy, failed, invalid (and
 * confirmed / declined from an IVR later).
 */
public final class CallOutcomes {
    private static final Set<String> MACHINE = Set.of("machine_start", "machine_end_beep", "machine_end_silence",
            "machine_end_other", "fax");

    private CallOutcomes() {
    }

    /** @param answeredBy Twilio's AnsweredBy when machine detection ran, else null */
    public static String of(String callStatus, String answeredBy) {
        return switch (callStatus == null ? "" : callStatus) {
            case "completed" -> answeredBy != null && MACHINE.contains(answeredBy) ? "voicemail" : "completed";
            case "busy" -> "busy";
            case "no-answer" -> "no_answer";
            case "canceled", "failed" -> "failed";
            default -> throw new IllegalArgumentException("not a final call status: " + callStatus);
        };
    }

    public static boolean isFinal(String callStatus) {
        return Set.of("completed", "busy", "no-answer", "canceled", "failed").contains(callStatus);
    }

    public static Map<String, Object> data(CallRequest request, String outcome, String callSid) {
        Map<String, Object> data = new HashMap<>();
        data.put("requestId", request.id());
        data.put("outcome", outcome);
        if (callSid != null) {
            data.put("callSid", callSid);
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
