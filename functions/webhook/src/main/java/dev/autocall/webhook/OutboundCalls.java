package dev.autocall.webhook;

import dev.autocall.adapters.twilio.TwilioVoice;
import dev.autocall.domain.event.EventPublisher;
import dev.autocall.domain.outbound.CallOutcome;
import dev.autocall.domain.outbound.CallReports;
import dev.autocall.domain.outbound.CallSettlement;
import dev.autocall.domain.outbound.DeferredDelivery;
import dev.autocall.domain.outbound.CallPlan;
import dev.autocall.domain.outbound.CallRequest;
import dev.autocall.domain.outbound.CallRequestStore;
import dev.autocall.domain.outbound.CallerIdSelection;
import dev.autocall.domain.outbound.CallRequestStore.HistoryEntry;
import dev.autocall.domain.outbound.CallRequestStore.StoredCallRequest;
import dev.autocall.domain.outbound.CallStatus;
import dev.autocall.domain.outbound.OutboundPlans;
import dev.autocall.domain.voice.Callback;
import dev.autocall.domain.voice.InboundPlans;
import dev.autocall.domain.workspace.WorkspaceStore;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * The webhooks of calls the product places: the TwiML when the callee answers, the customer leg's result of
 * a makeCall, and status callbacks. All carry the call request's id in their query string. An outcome is
 * recorded once; repeated or late callbacks change nothing.
 */
final class OutboundCalls {
    private final CallRequestStore requests;
    private final WorkspaceStore workspaces;
    /** How long after the agent's call ended its customer leg's result is waited for before the provider is asked. */
    static final java.time.Duration AGENT_LEG_GRACE = java.time.Duration.ofSeconds(15);

    private final CallReports reports;
    private final DeferredDelivery dialQueueSoon;
    private final Clock clock;

    private final IvrCalls ivrCalls;

    OutboundCalls(CallRequestStore requests, WorkspaceStore workspaces, EventPublisher events, DeferredDelivery dialQueueSoon,
                  IvrCalls ivrCalls, Clock clock) {
        this.ivrCalls = ivrCalls;
        this.dialQueueSoon = dialQueueSoon;
        this.requests = requests;
        this.workspaces = workspaces;
        this.reports = new CallReports(requests, events, clock);
        this.clock = clock;
    }

    /**
     * The call was answered: whisper to the agent then connect the customer, or speak the message. The dialer
     * sends these instructions with the call; Twilio asks here only when they were too long to send.
     */
    WebhookResponse answered(WebhookRequest request) {
        Optional<StoredCallRequest> stored = find(request);
        if (stored.isEmpty()) {
            return WebhookResponse.voice(request, InboundPlans.hangup());
        }
        CallRequest call = stored.get().request();
        Optional<dev.autocall.domain.workspace.Workspace> workspace = workspaces.find(call.workspaceId());
        String callerId = workspace.flatMap(w -> CallerIdSelection.choose(w.numbers(), call.to()))
                .orElse(request.param("From"));
        if (call.plan() instanceof CallPlan.Ivr ivr && workspace.isPresent()) {
            return WebhookResponse.twiml(answerIvr(request, workspace.get(), call, callerId, ivr));
        }
        return WebhookResponse.voice(request, OutboundPlans.answered(call.plan(), call.to(), callerId,
                new Callback(Callback.Kind.CONNECT_RESULT, Map.of("ws", call.workspaceId(), "req", call.id()))));
    }

    /** The customer leg of a makeCall ended: its DialCallStatus is the call's outcome. */
    WebhookResponse connectStatus(WebhookRequest request) {
        Optional<CallOutcome> outcome = TwilioVoice.dialOutcome(request.param("DialCallStatus"));
        if (named(request) && outcome.isPresent()) {
            finish(request, outcome.get().wire(), request.param("CallSid"));
        }
        return WebhookResponse.voice(request, InboundPlans.hangup());
    }

    /**
     * The final status callback decides the outcome unless one is recorded; it carries the call sid too. A makeCall's
     * call is the agent's leg: the customer leg's result (connect-status, reported before the agent's call ends) is the
     * outcome. An agent leg that ends with no outcome recorded never reached the customer: the agent did not answer,
     * was busy, or hung up during the whisper.
     */
    WebhookResponse status(WebhookRequest request) {
        String callStatus = request.param("CallStatus");
        Optional<CallOutcome> outcome = TwilioVoice.outcome(callStatus, request.param("AnsweredBy"));
        if (!named(request) || outcome.isEmpty()) {
            return WebhookResponse.voice(request, InboundPlans.nothing());
        }
        if ("ivr".equals(request.query().get("leg"))) {
            ivrEnded(request, outcome.get());
        } else if (!"agent".equals(request.query().get("leg"))) {
            finish(request, outcome.get().wire(), request.param("CallSid"));
        } else if (!"completed".equals(callStatus)) {
            // The agent never answered: no Dial ran, the customer was not called.
            finish(request, CallOutcome.AGENT_UNAVAILABLE.wire(), request.param("CallSid"));
        } else {
            find(request).filter(stored -> stored.ending().isEmpty()).ifPresent(stored -> dialQueueSoon.deliverAt(
                    CallSettlement.agentLegEnded(stored.request(), request.param("CallSid")),
                    stored.request().id() + "|agent-ended", clock.instant().plus(AGENT_LEG_GRACE)));
        }
        return WebhookResponse.voice(request, InboundPlans.nothing());
    }

    /**
     * Records the outcome, once, in one conditional write that returns the request; only the callback that
     * recorded it reports it to the run. Repeated and late callbacks find it recorded and change nothing. A crash
     * between the two is mended by the request's settle check, which reports an outcome left unreported.
     */
    private void finish(WebhookRequest request, String outcome, String callSid) {
        finish(request, outcome, callSid, java.util.Map.of());
    }

    private void finish(WebhookRequest request, String outcome, String callSid, java.util.Map<String, Object> extra) {
        requests.finish(request.query().get("ws"), request.query().get("req"), CallStatus.COMPLETED, callSid, new HistoryEntry(clock.instant(), outcome, null, null, callSid))
                .ifPresent(call -> reports.outcome(call, outcome, callSid, forCallLog(request, call, extra)));
    }

    /** What the call log shows of the call: how long it lasted, the number it came from, when it was dialed. */
    private java.util.Map<String, Object> forCallLog(WebhookRequest request, CallRequest call, java.util.Map<String, Object> extra) {
        java.util.Map<String, Object> data = new java.util.HashMap<>(extra);
        Optional.ofNullable(request.param("CallDuration")).filter(d -> d.matches("\\d{1,9}"))
                .ifPresent(d -> data.put("durationSeconds", Integer.valueOf(d)));
        Optional.ofNullable(request.param("From")).filter(dev.autocall.phone.PhoneNumbers::isE164)
                .ifPresent(from -> data.put("callerId", from));
        requests.find(call.workspaceId(), call.id()).flatMap(dev.autocall.domain.outbound.CallOutcomes::dialedAt)
                .ifPresent(at -> data.put("startedAt", at));
        return data;
    }

    /**
     * A runIvr call was answered. A person hears the flow; a machine (answering machine detection says which) gets the
     * hang-up, or the step's machine message after the beep.
     */
    private String answerIvr(WebhookRequest request, dev.autocall.domain.workspace.Workspace workspace, CallRequest call,
                             String callerId, CallPlan.Ivr ivr) {
        if (TwilioVoice.answeredByMachine(request.param("AnsweredBy"))) {
            return TwilioVoice.twiml(request.baseUrl(), OutboundPlans.answeredByMachine(ivr));
        }
        return ivrCalls.answerOutbound(request, workspace, call.id(), call.to(), callerId, ivr);
    }

    /**
     * A runIvr call ended: when its flow ran, the flow's outcome (completed when the caller hung up before the flow set
     * one) and the keys are the request's; otherwise the provider's status says (voicemail, no_answer, busy, failed).
     */
    private void ivrEnded(WebhookRequest request, CallOutcome statusOutcome) {
        String callSid = request.param("CallSid");
        Optional<dev.autocall.domain.ivr.IvrCall> ran = ivrCalls.ended(callSid);
        if (ran.isPresent()) {
            finish(request, ran.get().session().finalOutcome(), callSid, dev.autocall.domain.ivr.IvrEnds.keysData(ran.get()));
        } else {
            finish(request, statusOutcome.wire(), callSid);
        }
    }

    private Optional<StoredCallRequest> find(WebhookRequest request) {
        return named(request) ? requests.find(request.query().get("ws"), request.query().get("req")) : Optional.empty();
    }

    /** The callback URLs the dialer gives Twilio name the request and its workspace. */
    private static boolean named(WebhookRequest request) {
        String ws = request.query().get("ws");
        String id = request.query().get("req");
        return ws != null && !ws.isBlank() && id != null && !id.isBlank();
    }
}
