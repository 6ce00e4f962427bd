package dev.autocall.domain.event;

import java.util.Set;

/** The event types the product itself emits; application events may use any other type. */
public final class EventTypes {
    public static final String CALL_RECEIVED = "call.received";
    public static final String CALL_ANSWERED = "call.answered";
    public static final String CALL_MISSED = "call.missed";
    public static final String CALL_COMPLETED = "call.completed";
    public static final String VOICEMAIL_RECEIVED = "voicemail.received";
    public static final String SMS_RECEIVED = "sms.received";
    /** Internal: a voicemail's transcript arrived; updates the thread, triggers nothing. */
    public static final String VOICEMAIL_TRANSCRIBED = "voicemail.transcribed";
    /** Internal: a provider status update for an outbound message; not a workflow trigger. */
    public static final String SMS_STATUS = "sms.status";

    /** Types only the product may emit: the events API refuses them so nobody can fake a call. */
    public static final Set<String> TELEPHONY = Set.of(
            CALL_RECEIVED, CALL_ANSWERED, CALL_MISSED, CALL_COMPLETED, VOICEMAIL_RECEIVED, VOICEMAIL_TRANSCRIBED, SMS_RECEIVED, SMS_STATUS,
            // A run's own calls and waits: a client that could send these could fake an outcome or end a wait.
            "call.outcome", "call.failed", "call.deferred", "workflow.resume");

    private EventTypes() {
    }
}
