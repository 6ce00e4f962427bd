package dev.autocall.webhook;

import com.twilio.http.HttpMethod;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.voice.Dial;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Play;
import com.twilio.twiml.voice.Say;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventPublisher;
import dev.autocall.domain.outbound.CallOutcomes;
import dev.autocall.domain.outbound.CallPlan;
import dev.autocall.domain.outbound.CallRequest;
import dev.autocall.domain.outbound.CallRequestStore;
import dev.autocall.domain.outbound.CallerIdSelection;
import dev.autocall.domain.outbound.CallRequestStore.HistoryEntry;
import dev.autocall.domain.outbound.CallRequestStore.StoredCallRequest;
import dev.autocall.domain.outbound.CallStatus;
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
    private final EventPublisher events;
    private final Clock clock;

    OutboundCalls(CallRequestStore requests, WorkspaceStore workspaces, EventPublisher events, Clock clock) {
        this.requests = requests;
        this.workspaces = workspaces;
        this.events = events;
        this.clock = clock;
    }

    /** The call was answered: whisper to the agent then connect the customer, or speak the message. */
    WebhookResponse answered(WebhookRequest request) {
        Optional<StoredCallRequest> stored = find(request);
        if (stored.isEmpty()) {
            return WebhookResponse.twiml(CallTwiml.hangup());
        }
        CallRequest call = stored.get().request();
        remember(stored.get(), request.param("CallSid"));
        VoiceResponse.Builder twiml = new VoiceResponse.Builder();
        switch (call.plan()) {
            case CallPlan.Connect connect -> {
                if (connect.whisper() != null && !connect.whisper().isBlank()) {
                    twiml.say(new Say.Builder(connect.whisper()).build());
                }
                // The customer sees a local number when the workspace has one in their area code.
                String callerId = workspaces.find(call.workspaceId())
                        .flatMap(w -> CallerIdSelection.choose(w.numbers(), call.to()))
                        .orElse(request.param("From"));
                twiml.dial(new Dial.Builder()
                        .callerId(callerId)
                        .timeout(connect.timeoutSeconds())
                        .record(connect.record() ? Dial.Record.RECORD_FROM_ANSWER : Dial.Record.DO_NOT_RECORD)
                        .action(request.baseUrl() + "/twilio/voice/connect-status?req=" + call.id())
                        .method(HttpMethod.POST)
                        .number(call.to())
                        .build());
            }
            case CallPlan.Voicemail voicemail -> {
                if (voicemail.audioUrl() != null && !voicemail.audioUrl().isBlank()) {
                    twiml.play(new Play.Builder(voicemail.audioUrl()).build());
                } else {
                    Say.Builder say = new Say.Builder(voicemail.message());
                    voice(voicemail.voice()).ifPresent(say::voice);
                    twiml.say(say.build());
                }
            }
        }
        return WebhookResponse.twiml(twiml.hangup(new Hangup.Builder().build()).build().toXml());
    }

    /** The customer leg of a makeCall ended: its DialCallStatus is the call's outcome. */
    WebhookResponse connectStatus(WebhookRequest request) {
        find(request).ifPresent(stored -> {
            String dialStatus = request.param("DialCallStatus");
            String outcome = "answered".equals(dialStatus) || "completed".equals(dialStatus) ? "completed"
                    : CallOutcomes.of("canceled".equals(dialStatus) ? "failed" : dialStatus, null);
            finish(stored, outcome, request.param("CallSid"));
        });
        return WebhookResponse.twiml(CallTwiml.hangup());
    }

    /** Status callbacks: remember the call sid; a final status decides the outcome unless one is recorded. */
    WebhookResponse status(WebhookRequest request) {
        find(request).ifPresent(stored -> {
            String callSid = request.param("CallSid");
            remember(stored, callSid);
            String callStatus = request.param("CallStatus");
            if (!CallOutcomes.isFinal(callStatus)) {
                return;
            }
            // For a makeCall the agent answering is not the outcome: the customer leg's result is.
            if (stored.request().plan() instanceof CallPlan.Connect && "completed".equals(callStatus)) {
                return;
            }
            finish(stored, CallOutcomes.of(callStatus, request.param("AnsweredBy")), callSid);
        });
        return WebhookResponse.twiml(CallTwiml.emptyVoice());
    }

    private void finish(StoredCallRequest stored, String outcome, String callSid) {
        if (stored.status() == CallStatus.COMPLETED || stored.status() == CallStatus.FAILED) {
            return;
        }
        CallRequest call = stored.request();
        events.publish(new DomainEvent("call:" + call.id() + ":outcome", CallOutcomes.CALL_OUTCOME, call.workspaceId(),
                clock.instant(), call.to(), null, CallOutcomes.data(call, outcome, callSid), Map.of()));
        requests.transition(call.id(), CallStatus.COMPLETED, new HistoryEntry(clock.instant(), outcome, null, null, callSid));
    }

    /** Records the sid when the request does not know it yet (the dialer died before it could). */
    private void remember(StoredCallRequest stored, String callSid) {
        if (callSid != null && !callSid.isBlank() && stored.callSid().isEmpty()) {
            requests.recordCallSid(stored.request().id(), callSid, new HistoryEntry(clock.instant(), "dialed", null, null, callSid));
        }
    }

    private Optional<StoredCallRequest> find(WebhookRequest request) {
        String id = request.query().get("req");
        return id == null || id.isBlank() ? Optional.empty() : requests.find(id);
    }

    /** "Polly.Joanna" → POLLY_JOANNA, the builder's constant; a name Twilio does not know speaks in the default voice. */
    private static Optional<Say.Voice> voice(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(Say.Voice.valueOf(name.replace('.', '_').replace('-', '_').toUpperCase(java.util.Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
