package dev.autocall.webhook;

import dev.autocall.adapters.twilio.TwilioSignature;
import dev.autocall.adapters.twilio.TwilioVoice;
import dev.autocall.domain.call.CallLog;
import dev.autocall.domain.call.CallLog.InboundCall;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventPublisher;
import dev.autocall.domain.event.EventTypes;
import dev.autocall.domain.contact.ContactStore;
import dev.autocall.domain.ivr.Fetcher;
import dev.autocall.domain.ivr.FlowInterpreter;
import dev.autocall.domain.ivr.FlowStore;
import dev.autocall.domain.ivr.FlowVersions;
import dev.autocall.domain.ivr.IvrCallStore;
import dev.autocall.domain.outbound.CallRequestStore;
import dev.autocall.domain.outbound.DeferredDelivery;
import dev.autocall.domain.voice.InboundPlans;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.domain.workspace.WorkspaceStore;
import dev.autocall.phone.PhoneNumbers;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * The Twilio webhooks: checks the signature and the parameters each needs, records the call, publishes domain
 * events and answers TwiML. Event ids derive from Twilio's sids, so a webhook Twilio repeats becomes one event.
 */
public final class TwilioWebhooks {
    private static final Logger LOG = Logger.getLogger(TwilioWebhooks.class.getName());

    private final TwilioSignature signature;
    private final WorkspaceStore workspaces;
    private final CallLog calls;
    private final EventPublisher events;
    private final OutboundCalls outbound;
    private final IvrCalls ivrCalls;
    private final Clock clock;

    /** @param dialQueueSoon the dial queue, for the settle check a makeCall's agent leg asks for when it ends */
    public TwilioWebhooks(TwilioSignature signature, WorkspaceStore workspaces, CallLog calls, CallRequestStore callRequests,
                          EventPublisher events, DeferredDelivery dialQueueSoon, Ivr ivr, Clock clock) {
        this.signature = signature;
        this.workspaces = workspaces;
        this.calls = calls;
        this.events = events;
        this.ivrCalls = new IvrCalls(new FlowVersions(ivr.flows()), ivr.calls(), ivr.contacts(), events,
                new FlowInterpreter(ivr.fetcher(), clock), (instructions, baseUrl) -> TwilioVoice.twiml(baseUrl, instructions), clock);
        this.outbound = new OutboundCalls(callRequests, workspaces, events, dialQueueSoon, ivrCalls, clock);
        this.clock = clock;
    }

    /** What IVR calls need: flows, the calls' state between turns, contacts (read for templates), the fetch node's POST. */
    public record Ivr(FlowStore flows, IvrCallStore calls, ContactStore contacts, Fetcher fetcher) {
    }

    /** For tests of the inbound webhooks: a makeCall's agent leg has nowhere to ask for its settle check. */
    public TwilioWebhooks(TwilioSignature signature, WorkspaceStore workspaces, CallLog calls, CallRequestStore callRequests,
                          EventPublisher events, Ivr ivr, Clock clock) {
        this(signature, workspaces, calls, callRequests, events, (body, id, when) -> {
            throw new UnsupportedOperationException("no dial queue to settle " + id + " on");
        }, ivr, clock);
    }

    public WebhookResponse handle(WebhookRequest request) {
        if (!signature.isValid(request.url(), request.params(), request.signature().orElse(null))) {
            LOG.warning(() -> "rejected webhook with invalid signature on " + request.path());
            return WebhookResponse.forbidden();
        }
        Optional<String> problem = WebhookLimits.problem(request);
        if (problem.isPresent()) {
            LOG.warning(() -> "refused signed webhook on " + request.path() + ": " + problem.get());
            return WebhookResponse.badRequest(problem.get());
        }
        return switch (request.path()) {
            case "/twilio/voice/inbound" -> inboundCall(request);
            case "/twilio/voice/dial-status" -> dialStatus(request);
            case "/twilio/voice/forward-status" -> forwardStatus(request);
            case "/twilio/voice/recording" -> WebhookResponse.voice(request, InboundPlans.hangup());
            case "/twilio/voice/recording-status" -> recordingStatus(request);
            case "/twilio/voice/transcription" -> transcription(request);
            case "/twilio/voice/status" -> request.query().containsKey("req") ? outbound.status(request) : inboundCallStatus(request);
            case "/twilio/voice/outbound" -> outbound.answered(request);
            case "/twilio/voice/connect-status" -> outbound.connectStatus(request);
            case "/twilio/voice/ivr" -> WebhookResponse.twiml(ivrCalls.turn(request));
            case "/twilio/voice/ivr-whisper" -> WebhookResponse.twiml(ivrCalls.whisper(request));
            case "/twilio/sms/inbound" -> inboundSms(request);
            case "/twilio/sms/status" -> smsStatus(request);
            default -> WebhookResponse.notFound();
        };
    }

    private WebhookResponse inboundCall(WebhookRequest request) {
        Optional<Workspace> workspace = workspaceFor(request.param("To"));
        if (workspace.isEmpty()) {
            LOG.warning(() -> "call to unconfigured number " + PhoneNumbers.mask(request.param("To")));
            return WebhookResponse.voice(request, InboundPlans.notInService());
        }
        Workspace ws = workspace.get();
        InboundCall call = calls.recordInbound(new InboundCall(request.param("CallSid"), ws.id(),
                request.param("From"), request.param("To"), clock.instant()));
        if (isWithheld(call.from())) {
            LOG.info(() -> "call " + call.callSid() + " from a withheld number: answered and logged, no contact");
        }
        publish(call, EventTypes.CALL_RECEIVED, Map.of("callStatus", orEmpty(request.param("CallStatus"))));
        if (ws.inbound().flow() != null) {
            Optional<String> menu = ivrCalls.answerInbound(request, ws, ws.inbound().flow());
            if (menu.isPresent()) {
                return WebhookResponse.twiml(menu.get());
            }
            LOG.warning(() -> "call " + call.callSid() + ": inbound flow " + ws.inbound().flow() + " is not published; ringing as usual");
        }
        if (ws.forwarding().number() == null) {
            publish(call, EventTypes.CALL_MISSED, Map.of("reason", "no-forwarding-number"));
            return WebhookResponse.voice(request, InboundPlans.voicemail(ws));
        }
        return WebhookResponse.voice(request, InboundPlans.ringForwarding(ws));
    }

    private WebhookResponse dialStatus(WebhookRequest request) {
        Optional<InboundCall> call = calls.find(request.param("CallSid"));
        Optional<Workspace> workspace = call.flatMap(c -> workspaces.find(c.workspaceId()));
        if (call.isEmpty() || workspace.isEmpty()) {
            return WebhookResponse.voice(request, InboundPlans.hangup());
        }
        String dialStatus = orEmpty(request.param("DialCallStatus"));
        if (TwilioVoice.connected(dialStatus)) {
            publish(call.get(), EventTypes.CALL_ANSWERED, Map.of("answeredBy", "forwarding"));
            return WebhookResponse.voice(request, InboundPlans.hangup());
        }
        publish(call.get(), EventTypes.CALL_MISSED, Map.of("reason", dialStatus.isEmpty() ? "no-answer" : dialStatus));
        return WebhookResponse.voice(request, InboundPlans.voicemail(workspace.get()));
    }

    private WebhookResponse forwardStatus(WebhookRequest request) {
        String status = orEmpty(request.param("CallStatus"));
        if (status.equals("in-progress") || status.equals("answered")) {
            calls.find(request.param("ParentCallSid"))
                    .ifPresent(call -> publish(call, EventTypes.CALL_ANSWERED, Map.of("answeredBy", "forwarding")));
        }
        return WebhookResponse.voice(request, InboundPlans.nothing());
    }

    private WebhookResponse recordingStatus(WebhookRequest request) {
        return voicemail(request, "RecordingStatus", EventTypes.VOICEMAIL_RECEIVED, "recordingSeconds", "RecordingDuration");
    }

    private WebhookResponse transcription(WebhookRequest request) {
        return voicemail(request, "TranscriptionStatus", EventTypes.VOICEMAIL_TRANSCRIBED, "transcript", "TranscriptionText");
    }

    /**
     * The recording and its transcript come in separate callbacks; each, once completed, is an event of the call.
     * The recording is also kept on the call record, the only place a withheld caller's voicemail can be found.
     */
    private WebhookResponse voicemail(WebhookRequest request, String statusParam, String type, String dataKey, String param) {
        if ("completed".equals(request.param(statusParam))) {
            calls.find(request.param("CallSid")).ifPresent(call -> {
                if (type.equals(EventTypes.VOICEMAIL_RECEIVED)) {
                    calls.recordVoicemail(call.callSid(), request.param("RecordingSid"), orEmpty(request.param("RecordingUrl")));
                }
                publish(call, type, request.param("RecordingSid"), Map.of(
                        "recordingSid", orEmpty(request.param("RecordingSid")),
                        "recordingUrl", orEmpty(request.param("RecordingUrl")),
                        dataKey, orEmpty(request.param(param))));
            });
        }
        return WebhookResponse.voice(request, InboundPlans.nothing());
    }

    private WebhookResponse inboundCallStatus(WebhookRequest request) {
        Optional<String> problem = WebhookLimits.callStatusProblem(request);
        if (problem.isPresent()) {
            LOG.warning(() -> "refused signed webhook on " + request.path() + ": " + problem.get());
            return WebhookResponse.badRequest(problem.get());
        }
        return callStatus(request);
    }

    private WebhookResponse callStatus(WebhookRequest request) {
        String status = orEmpty(request.param("CallStatus"));
        if (TwilioVoice.isFinal(status)) {
            // An inbound call that ran a flow: its end (and the keys) is reported once, as ivr.completed.
            ivrCalls.ended(request.param("CallSid"));
            calls.find(request.param("CallSid")).ifPresent(call -> publish(call, EventTypes.CALL_COMPLETED, Map.of(
                    "callStatus", status, "durationSeconds", orEmpty(request.param("CallDuration")))));
        }
        return WebhookResponse.voice(request, InboundPlans.nothing());
    }

    private WebhookResponse inboundSms(WebhookRequest request) {
        Optional<Workspace> workspace = workspaceFor(request.param("To"));
        if (workspace.isEmpty()) {
            LOG.warning(() -> "message to unconfigured number " + PhoneNumbers.mask(request.param("To")));
            return WebhookResponse.noReply();
        }
        String sid = request.param("MessageSid");
        if (isWithheld(request.param("From"))) {
            // Alphanumeric sender ids and short codes cannot be texted back or made contacts.
            LOG.info(() -> "message " + sid + " from a sender that is not a phone number: not published");
            return WebhookResponse.noReply();
        }
        events.publish(new DomainEvent("twilio:" + sid + ":" + EventTypes.SMS_RECEIVED, EventTypes.SMS_RECEIVED,
                workspace.get().id(), clock.instant(), request.param("From"), request.param("To"),
                Map.of("messageSid", sid, "body", orEmpty(request.param("Body")),
                        "numMedia", orEmpty(request.param("NumMedia"))), Map.of()));
        return WebhookResponse.noReply();
    }

    private WebhookResponse smsStatus(WebhookRequest request) {
        String sentAt = request.query().get("at");
        Optional<String> workspaceId = Optional.ofNullable(request.param("From")).flatMap(workspaces::workspaceForNumber);
        String status = orEmpty(request.param("MessageStatus"));
        if (sentAt != null && sentAt.matches("\\d{1,15}") && workspaceId.isPresent() && !status.isEmpty()) {
            String sid = request.param("MessageSid");
            Map<String, Object> data = new HashMap<>();
            data.put("messageSid", sid);
            data.put("status", status);
            data.put("sentAt", Instant.ofEpochMilli(Long.parseLong(sentAt)).toString());
            Optional.ofNullable(request.param("ErrorCode")).ifPresent(code -> data.put("errorCode", code));
            events.publish(new DomainEvent("twilio:" + sid + ":status:" + status, EventTypes.SMS_STATUS,
                    workspaceId.get(), clock.instant(), request.param("To"), request.param("From"), data, Map.of()));
        }
        return WebhookResponse.noReply();
    }

    private Optional<Workspace> workspaceFor(String businessNumber) {
        return Optional.ofNullable(businessNumber).flatMap(workspaces::workspaceForNumber).flatMap(workspaces::find);
    }

    private void publish(InboundCall call, String type, Map<String, String> extra) {
        publish(call, type, call.callSid(), extra);
    }

    /**
     * A withheld caller's events carry no contact phone and {@code "withheld": true}: they count as calls,
     * and the trigger makes no contact, thread entry or workflow run of them.
     *
     * @param sourceSid the Twilio sid the event is about: one event per (sid, type) however often Twilio calls
     */
    private void publish(InboundCall call, String type, String sourceSid, Map<String, String> extra) {
        Map<String, Object> data = new HashMap<>(extra);
        data.put("callSid", call.callSid());
        data.put("startedAt", call.startedAt().toString());
        boolean withheld = isWithheld(call.from());
        if (withheld) {
            data.put("withheld", true);
        }
        events.publish(new DomainEvent("twilio:" + sourceSid + ":" + type, type, call.workspaceId(), clock.instant(),
                withheld ? null : call.from(), call.to(), data, Map.of()));
    }

    /**
     * Twilio's withheld callers come as "anonymous", "" or pseudo-numbers (+266696687 anonymous, +7378742833
     * restricted, +8656696 unavailable, +2562533 blocked), none of which is a valid number; so is anything
     * else that cannot be called back.
     */
    private static boolean isWithheld(String from) {
        return !PhoneNumbers.isE164(from);
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
