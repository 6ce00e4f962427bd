package dev.autocall.domain.reporting;

import java.util.List;
import java.util.Set;

/**
 * How a row moves: queued, deferred, in_progress, then completed or failed, never back. Events about one call come
 * twice and out of order (an outcome before its deferral, a call's end before its ringing), so a row is the merge of
 * everything heard: the furthest state decides the status, the time and the reason; fields learned later (keys, flow,
 * recording, duration) are kept whichever event brought them.
 */
public final class CallRowStates {
    public static final String QUEUED = "queued";
    public static final String DEFERRED = "deferred";
    public static final String IN_PROGRESS = "in_progress";
    public static final String COMPLETED = "completed";
    public static final String FAILED = "failed";
    public static final List<String> STATUSES = List.of(QUEUED, DEFERRED, IN_PROGRESS, COMPLETED, FAILED);
    private static final Set<String> FINAL = Set.of(COMPLETED, FAILED);

    private CallRowStates() {
    }

    public static boolean isFinal(CallRow row) {
        return FINAL.contains(row.status());
    }

    /** The row after {@code incoming} is heard about a call stored as {@code stored} (null when new). */
    public static CallRow merge(CallRow stored, CallRow incoming) {
        if (stored == null) {
            return incoming;
        }
        // Ties keep what is stored: a repeat changes nothing, and a call never goes from completed to failed.
        boolean advances = rank(incoming.status()) > rank(stored.status());
        CallRow win = advances ? incoming : stored;
        CallRow other = advances ? stored : incoming;
        return new CallRow(win.id(), or(win.callSid(), other.callSid()), win.at(), or(win.direction(), other.direction()),
                or(win.contact(), other.contact()), or(win.contactName(), other.contactName()),
                or(win.workflow(), other.workflow()), or(win.campaign(), other.campaign()), or(win.flow(), other.flow()),
                win.status(), outcome(win.outcome(), other.outcome()), win.reason(),
                or(win.durationSeconds(), other.durationSeconds()), or(win.recordingUrl(), other.recordingUrl()),
                or(win.keys(), other.keys()), or(win.callerId(), other.callerId()), or(win.attempt(), other.attempt()),
                win.test());
    }

    static int rank(String status) {
        return switch (status) {
            case QUEUED -> 0;
            case DEFERRED -> 1;
            case IN_PROGRESS -> 2;
            case COMPLETED, FAILED -> 3;
            default -> throw new IllegalArgumentException("not a call-log status: " + status);
        };
    }

    /**
     * The more telling of two outcomes, the winning state's on a tie: an inbound call's end says only "completed",
     * while its flow, its missed ring or its voicemail says more.
     */
    private static String outcome(String win, String other) {
        return specificity(other) > specificity(win) ? other : win;
    }

    private static int specificity(String outcome) {
        if (outcome == null) {
            return -1;
        }
        return switch (outcome) {
            case COMPLETED -> 0;
            case "voicemail" -> 2;
            default -> 1;
        };
    }

    private static <T> T or(T first, T second) {
        return first != null ? first : second;
    }
}
