package dev.autocall.domain.trigger;

import dev.autocall.domain.contact.CallProgress;
import dev.autocall.domain.contact.Contact;
import dev.autocall.domain.contact.ContactStore;
import dev.autocall.domain.contact.ThreadEntry;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventTypes;
import dev.autocall.domain.idempotency.ProcessedEvents;
import dev.autocall.domain.messaging.Keyword;
import dev.autocall.domain.messaging.OutboundSms;
import dev.autocall.domain.messaging.SmsRejectedException;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.domain.workspace.WorkspaceStore;
import dev.autocall.phone.PhoneNumbers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;

/**
 * The trigger function's domain: for each event, once, find or create the contact, put the event on
 * the contact's thread, apply SMS keywords, then run the workflows the event triggers.
 */
public final class EventProcessor {
    private static final Logger LOG = Logger.getLogger(EventProcessor.class.getName());
    private static final Duration LEASE = Duration.ofSeconds(60);

    private final WorkspaceStore workspaces;
    private final ContactStore contacts;
    private final ProcessedEvents processed;
    private final WorkflowRunner runner;
    private final Messenger messenger;
    private final Clock clock;
    private final java.util.Optional<dev.autocall.domain.campaign.CampaignCalls> campaigns;
    private final java.util.Optional<dev.autocall.domain.reporting.CallLogWriter> callLog;
    private final dev.autocall.domain.webhook.OutboundWebhooks webhooks;

    public EventProcessor(WorkspaceStore workspaces, ContactStore contacts, ProcessedEvents processed,
                          WorkflowRunner runner, Messenger messenger, Clock clock) {
        this(workspaces, contacts, processed, runner, messenger, clock, java.util.Optional.empty());
    }

    /** @param campaigns where the end of a campaign's call request is applied to its target */
    public EventProcessor(WorkspaceStore workspaces, ContactStore contacts, ProcessedEvents processed,
                          WorkflowRunner runner, Messenger messenger, Clock clock,
                          java.util.Optional<dev.autocall.domain.campaign.CampaignCalls> campaigns) {
        this(workspaces, contacts, processed, runner, messenger, clock, campaigns, java.util.Optional.empty(),
                dev.autocall.domain.webhook.OutboundWebhooks.NONE);
    }

    /** @param callLog where call events become rows of the call log */
    public EventProcessor(WorkspaceStore workspaces, ContactStore contacts, ProcessedEvents processed,
                          WorkflowRunner runner, Messenger messenger, Clock clock,
                          java.util.Optional<dev.autocall.domain.campaign.CampaignCalls> campaigns,
                          java.util.Optional<dev.autocall.domain.reporting.CallLogWriter> callLog) {
        this(workspaces, contacts, processed, runner, messenger, clock, campaigns, callLog,
                dev.autocall.domain.webhook.OutboundWebhooks.NONE);
    }

    /** @param webhooks where events a workspace's webhook hears of (ivr.completed, contact.opted_out) are sent */
    public EventProcessor(WorkspaceStore workspaces, ContactStore contacts, ProcessedEvents processed,
                          WorkflowRunner runner, Messenger messenger, Clock clock,
                          java.util.Optional<dev.autocall.domain.campaign.CampaignCalls> campaigns,
                          dev.autocall.domain.webhook.OutboundWebhooks webhooks) {
        this(workspaces, contacts, processed, runner, messenger, clock, campaigns, java.util.Optional.empty(), webhooks);
    }

    /**
     * @param callLog where call events become rows of the call log
     * @param webhooks where events a workspace's webhook hears of (ivr.completed, contact.opted_out) are sent
     */
    public EventProcessor(WorkspaceStore workspaces, ContactStore contacts, ProcessedEvents processed,
                          WorkflowRunner runner, Messenger messenger, Clock clock,
                          java.util.Optional<dev.autocall.domain.campaign.CampaignCalls> campaigns,
                          java.util.Optional<dev.autocall.domain.reporting.CallLogWriter> callLog,
                          dev.autocall.domain.webhook.OutboundWebhooks webhooks) {
        this.callLog = callLog;
        this.webhooks = webhooks;
        this.campaigns = campaigns;
        this.workspaces = workspaces;
        this.contacts = contacts;
        this.processed = processed;
        this.runner = runner;
        this.messenger = messenger;
        this.clock = clock;
    }

    /** Thrown when another consumer holds the event: the message is retried later, not dropped. */
    public static final class EventBusyException extends RuntimeException {
        public EventBusyException(String eventId) {
            super("event " + eventId + " is being processed elsewhere");
        }
    }

    public void process(DomainEvent event) {
        if (EventTypes.RUN_EVENTS.contains(event.type())) {
            // No claim: the run takes what it waits for once (a conditional save), so a repeat changes nothing.
            handle(event);
            return;
        }
        // Ids are the sender's: two workspaces may well use the same one.
        String key = event.workspaceId() + "/" + event.id();
        switch (processed.claim(key, LEASE)) {
            case ALREADY_DONE -> {
                LOG.fine(() -> "duplicate event " + event.id() + " ignored");
                return;
            }
            case HELD_ELSEWHERE -> throw new EventBusyException(event.id());
            case ACQUIRED -> { }
        }
        try {
            handle(event);
        } catch (RuntimeException e) {
            processed.release(key);
            throw e;
        }
        processed.complete(key);
    }

    private void handle(DomainEvent event) {
        if (event.contactPhone() == null) {
            callLog.ifPresent(log -> log.record(event, java.util.Optional.empty()));
            // A withheld caller: the call is logged by the webhook; there is nobody to make a contact of or text.
            LOG.info(() -> "event " + event.id() + " has no contact phone (withheld caller): no contact, thread or workflow");
            return;
        }
        if (EventTypes.SMS_STATUS.equals(event.type())) {
            recordSmsStatus(event);
            return;
        }
        Workspace workspace = workspaces.find(event.workspaceId())
                .orElseThrow(() -> new IllegalStateException("event " + event.id() + " names unknown workspace " + event.workspaceId()));
        if (EventTypes.RUN_EVENTS.contains(event.type())) {
            // The row shows whom the call was for by name: one read of the contact, where a call log is kept.
            callLog.ifPresent(log -> log.record(event, contacts.find(event.workspaceId(), event.contactPhone()).map(EventProcessor::nameOf)));
            recordOutboundCall(event);
            if (event.dataString("campaignId") != null) {
                campaignCallEnded(event);
            } else {
                runner.resume(event, workspace);
            }
            return;
        }
        Contact contact = contactFor(event);
        String name = nameOf(contact);
        callLog.ifPresent(log -> log.record(event, java.util.Optional.of(name)));
        recordOnThread(event);
        if (EventTypes.IVR_SMS.equals(event.type())) {
            textFromFlow(event, contact);
            return;
        }
        if (EventTypes.CONTACT_OPTED_OUT.equals(event.type()) && "voice".equals(event.dataString("channel"))) {
            contact = contacts.update(event.workspaceId(), contact, c -> c.withVoiceOptOut(event.occurredAt()));
            LOG.info(() -> "contact " + PhoneNumbers.mask(event.contactPhone()) + " opted out of automated calls");
        }
        if (EventTypes.IVR_COMPLETED.equals(event.type()) || EventTypes.CONTACT_OPTED_OUT.equals(event.type())) {
            notifyWebhook(event);
        }
        if (EventTypes.SMS_RECEIVED.equals(event.type())) {
            Keyword keyword = Keyword.of(event.dataString("body"));
            if (keyword != Keyword.NONE) {
                applyKeyword(keyword, workspace, contact, event);
                return;
            }
        }
        if (!EventTypes.VOICEMAIL_TRANSCRIBED.equals(event.type())) {
            runner.runWorkflowsFor(event, workspace, contact);
        }
    }

    /** The event's data and its contact, under an id made of the event's: a redelivered event is the same delivery. */
    private void notifyWebhook(DomainEvent event) {
        Map<String, Object> data = new java.util.LinkedHashMap<>(event.data() == null ? Map.of() : event.data());
        data.put("contact", event.contactPhone());
        webhooks.send(event.workspaceId(), dev.autocall.domain.webhook.WebhookIds.of("event", event.workspaceId(), event.id()),
                event.type(), event.occurredAt(), data);
    }

    /** First and last name, "" when the contact has neither (the row then has no contactName). */
    private static String nameOf(Contact contact) {
        return ((contact.firstName() == null ? "" : contact.firstName()) + " "
                + (contact.lastName() == null ? "" : contact.lastName())).trim();
    }

    @SuppressWarnings("unchecked")   // the retry policy's "on" is the list CallOutcomes wrote
    private void campaignCallEnded(DomainEvent event) {
        if (!EventTypes.CALL_OUTCOME.equals(event.type()) && !EventTypes.CALL_FAILED.equals(event.type())) {
            return;
        }
        dev.autocall.domain.campaign.CampaignCalls calls = campaigns.orElseThrow(
                () -> new IllegalStateException("a campaign's call ended, and this function has no campaign store"));
        boolean failed = EventTypes.CALL_FAILED.equals(event.type());
        String campaignId = event.dataString("campaignId");
        int run = Integer.parseInt(event.dataString("campaignRun"));
        int attempt = Integer.parseInt(event.dataString("attempt"));
        String outcome = failed ? null : event.dataString("outcome");
        String reason = failed ? event.dataString("reason") : null;
        if (event.data().get("retry") instanceof Map<?, ?> retry) {
            calls.ended(event.workspaceId(), campaignId, run, event.contactPhone(), attempt, outcome, reason,
                    new dev.autocall.domain.campaign.Campaign.Retry(((Number) retry.get("maxAttempts")).intValue(),
                            java.time.Duration.parse(String.valueOf(retry.get("interval"))),
                            java.util.Set.copyOf((java.util.List<String>) retry.get("on"))));
        } else {
            calls.ended(event.workspaceId(), campaignId, run, event.contactPhone(), attempt, outcome, reason);
        }
    }

    private Contact contactFor(DomainEvent event) {
        String source = switch (event.type()) {
            case EventTypes.SMS_RECEIVED -> "inbound_sms";
            case EventTypes.CALL_RECEIVED, EventTypes.CALL_ANSWERED, EventTypes.CALL_MISSED,
                 EventTypes.CALL_COMPLETED, EventTypes.VOICEMAIL_RECEIVED, EventTypes.VOICEMAIL_TRANSCRIBED -> "inbound_call";
            case EventTypes.IVR_COMPLETED, EventTypes.IVR_SMS, EventTypes.CONTACT_OPTED_OUT ->
                    "inbound".equals(event.dataString("direction")) ? "inbound_call" : "api";
            default -> "api";
        };
        // Events about one contact are processed concurrently: the merge is applied to what is stored, atomically.
        return contacts.update(event.workspaceId(), Contact.newContact(event.contactPhone(), source, event.occurredAt()),
                stored -> stored.mergedWith(event.contact()));
    }

    private void recordOnThread(DomainEvent event) {
        String sid = event.dataString("callSid");
        Instant startedAt = event.data().containsKey("startedAt") ? Instant.parse(event.dataString("startedAt")) : event.occurredAt();
        ThreadEntry entry = switch (event.type()) {
            case EventTypes.CALL_RECEIVED -> call(sid, startedAt, "ringing", null, null);
            case EventTypes.CALL_ANSWERED -> call(sid, startedAt, "answered", null, null);
            case EventTypes.CALL_MISSED -> call(sid, startedAt, "missed", null, null);
            case EventTypes.CALL_COMPLETED -> call(sid, startedAt, null, intOrNull(event.dataString("durationSeconds")), null);
            case EventTypes.VOICEMAIL_RECEIVED -> call(sid, startedAt, "voicemail", null, new ThreadEntry.Voicemail(
                    event.dataString("recordingUrl"), intOrNull(event.dataString("recordingSeconds")),
                    event.dataString("transcript")));
            case EventTypes.VOICEMAIL_TRANSCRIBED -> call(sid, startedAt, null, null, new ThreadEntry.Voicemail(
                    event.dataString("recordingUrl"), intOrNull(event.dataString("recordingSeconds")),
                    event.dataString("transcript")));
            // An outbound IVR call's keys go on its thread entry with its outcome (call.outcome).
            case EventTypes.IVR_COMPLETED -> "inbound".equals(event.dataString("direction"))
                    ? new ThreadEntry(sid, ThreadEntry.CALL, "inbound", startedAt, null, keysSummary(event), null, null) : null;
            case EventTypes.SMS_RECEIVED -> new ThreadEntry(event.dataString("messageSid"), ThreadEntry.SMS, "inbound",
                    event.occurredAt(), "received", event.dataString("body"), null, null);
            default -> null;
        };
        if (entry != null && entry.id() != null) {
            contacts.recordThreadEntry(event.workspaceId(), event.contactPhone(), entry, CallProgress.rank(entry.status()));
        }
    }

    private static ThreadEntry call(String sid, Instant at, String status, Integer duration, ThreadEntry.Voicemail voicemail) {
        return new ThreadEntry(sid, ThreadEntry.CALL, "inbound", at, status, null, duration, voicemail);
    }

    /** A placed call's outcome goes on the contact's thread with the inbound calls and the messages. */
    private void recordOutboundCall(DomainEvent event) {
        if (!event.type().equals(EventTypes.CALL_OUTCOME)) {
            return;
        }
        String id = event.dataString("callSid") != null ? event.dataString("callSid") : event.dataString("requestId");
        contacts.recordThreadEntry(event.workspaceId(), event.contactPhone(), new ThreadEntry(id, ThreadEntry.CALL, "outbound",
                event.occurredAt(), event.dataString("outcome"), keysSummary(event), null, null), CallProgress.rank("completed"));
    }

    /**
     * An IVR call's keys for its thread entry, each with the node it answered: "keys: menu=1, survey=3"; null when
     * the event has none (not an IVR call, or nothing pressed).
     */
    static String keysSummary(DomainEvent event) {
        if (!(event.data().get("keyPresses") instanceof List<?> presses) || presses.isEmpty()) {
            return null;
        }
        StringBuilder text = new StringBuilder("keys:");
        for (Object press : presses) {
            if (press instanceof Map<?, ?> p) {
                text.append(text.length() == 5 ? " " : ", ").append(p.get("node")).append('=').append(p.get("keys"));
            }
        }
        return text.toString();
    }

    /** A flow's sms node: the same sending path as a workflow's sendSms, with the same opt-out and DND checks. */
    private void textFromFlow(DomainEvent event, Contact contact) {
        if (contact.smsBlocked()) {
            LOG.info(() -> "flow text to " + PhoneNumbers.mask(contact.phone()) + " not sent: opted out of SMS or DND");
            return;
        }
        try {
            messenger.sendToContact(event.workspaceId(), new OutboundSms(event.businessNumber(), contact.phone(),
                    event.dataString("body")));
        } catch (SmsRejectedException e) {
            LOG.warning(() -> "flow text to " + PhoneNumbers.mask(contact.phone()) + " refused by the provider (" + e.providerCode() + ")");
        }
    }

    private void recordSmsStatus(DomainEvent event) {
        String status = event.dataString("status");
        ThreadEntry update = new ThreadEntry(event.dataString("messageSid"), ThreadEntry.SMS, "outbound",
                Instant.parse(event.dataString("sentAt")), status, null, null, null);
        contacts.recordThreadEntry(event.workspaceId(), event.contactPhone(), update, CallProgress.rank(status));
    }

    private void applyKeyword(Keyword keyword, Workspace workspace, Contact contact, DomainEvent event) {
        Instant now = clock.instant();
        switch (keyword) {
            case STOP -> {
                contacts.update(event.workspaceId(), contact.phone(), c -> c.smsOptedOut() ? c : c.withSmsOptOut(now));
                // Twilio answers STOP itself on long codes; a second confirmation from us would be a violation.
                LOG.info(() -> "contact " + PhoneNumbers.mask(contact.phone()) + " opted out of SMS");
            }
            case START -> {
                contacts.update(event.workspaceId(), contact.phone(), c -> c.smsOptedOut() ? c.withSmsOptOut(null) : c);
                LOG.info(() -> "contact " + PhoneNumbers.mask(contact.phone()) + " opted back in to SMS");
            }
            case HELP -> messenger.sendToContact(event.workspaceId(),
                    new OutboundSms(event.businessNumber(), contact.phone(), workspace.helpReply()));
            case NONE -> throw new IllegalStateException("not a keyword");
        }
    }

    private static Integer intOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
