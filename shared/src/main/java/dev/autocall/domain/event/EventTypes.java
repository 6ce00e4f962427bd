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

    /** Internal: a call request's final outcome, carried back to its workflow run. */
    public static final String CALL_OUTCOME = "call.outcome";
    /** An answered IVR call ended: data flow, version, outcome, keys, callSid, direction. */
    public static final String IVR_COMPLETED = "ivr.completed";
    /** A flow's sms node: data body, callSid; sent to the contact from the event's business number. */
    public static final String IVR_SMS = "ivr.sms";
    /** The contact opted out of a channel (data channel: voice, source: ivr, callSid). */
    public static final String CONTACT_OPTED_OUT = "contact.opted_out";
    /** Internal: a call request refused by the compliance gate, or stopped before dialing. */
    public static final String CALL_FAILED = "call.failed";
    /** Internal: a call request postponed by the compliance gate (noted on its run, which keeps waiting). */
    public static final String CALL_DEFERRED = "call.deferred";
    /** A campaign whose action is a workflow starts a run of it per target with this event (docs/campaigns.md). */
    public static final String CAMPAIGN_TARGET = "campaign.target";

    /** Internal: a workflow's wait step has ended. */
    public static final String WORKFLOW_RESUME = "workflow.resume";

    /** Events about a run's own calls and waits: they resume the run, they start nothing. */
    public static final Set<String> RUN_EVENTS = Set.of(CALL_OUTCOME, CALL_FAILED, CALL_DEFERRED, WORKFLOW_RESUME);

    /** Types only the product may emit: the events API refuses them so nobody can fake a call, an outcome or a wait. */
    public static final Set<String> TELEPHONY = Set.of(
            CALL_RECEIVED, CALL_ANSWERED, CALL_MISSED, CALL_COMPLETED, VOICEMAIL_RECEIVED, VOICEMAIL_TRANSCRIBED, SMS_RECEIVED, SMS_STATUS,
            CALL_OUTCOME, CALL_FAILED, CALL_DEFERRED, WORKFLOW_RESUME, IVR_COMPLETED, IVR_SMS, CONTACT_OPTED_OUT, CAMPAIGN_TARGET);

    private EventTypes() {
    }
}
