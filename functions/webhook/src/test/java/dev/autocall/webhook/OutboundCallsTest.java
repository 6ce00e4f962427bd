package dev.autocall.webhook;

import dev.autocall.adapters.twilio.TwilioSignature;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.outbound.CallPlan;
import dev.autocall.domain.outbound.CallRequest;
import dev.autocall.domain.outbound.CallStatus;
import dev.autocall.domain.outbound.CallRequestMessage;
import dev.autocall.json.Json;
import dev.autocall.testing.InMemoryCallLog;
import dev.autocall.testing.RecordingQueues;
import dev.autocall.testing.InMemoryCallRequestStore;
import dev.autocall.testing.InMemoryWorkspaceStore;
import dev.autocall.testing.MutableClock;
import dev.autocall.testing.RecordingEventPublisher;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The webhooks of calls Autocall places: TwiML by plan, and one outcome however the callbacks arrive. */
class OutboundCallsTest {
    private static final String TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String BASE = "https://api.example.com";
    private static final String CUSTOMER = "+13125550180";
    private static final String WS = SampleWorkspaces.WORKSPACE_ID;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T18:00:00Z"));
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final InMemoryCallRequestStore requests = new InMemoryCallRequestStore();
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private final RecordingQueues dialQueue = new RecordingQueues();
    private final TwilioWebhooks webhooks = new TwilioWebhooks(new TwilioSignature(TOKEN), workspaces, new InMemoryCallLog(),
            requests, events, dialQueue.later, NoIvr.wiring(), clock);
    private final TwilioRequestSigner twilio = new TwilioRequestSigner(TOKEN);

    @BeforeEach
    void setUp() {
        workspaces.save(SampleWorkspaces.acme());
    }

    @Test
    void aMakeCall_whispersToTheAgent_thenDialsTheCustomerFromTheBusinessNumber() {
        dialed("req-1", new CallPlan.Connect("+14155550111", "Call for Dana, a new lead", 25, true));

        WebhookResponse twiml = post("/twilio/voice/outbound?ws=" + WS + "&req=req-1", params("req-1", "in-progress"));

        Twiml doc = Twiml.parse(twiml.body());
        assertEquals(List.of("Say", "Dial", "Hangup"), doc.verbs());
        assertEquals("Call for Dana, a new lead", doc.verb("Say").getTextContent());
        assertEquals(SampleWorkspaces.BUSINESS_NUMBER, doc.verb("Dial").getAttribute("callerId"));
        assertEquals(BASE + "/twilio/voice/connect-status?ws=" + WS + "&req=req-1", doc.verb("Dial").getAttribute("action"));
        assertEquals(CUSTOMER, doc.verb("Dial").getTextContent().trim());
    }

    @Test
    void aMakeCall_takesItsOutcomeFromTheCustomerLeg_notFromTheAgentHangingUp() {
        dialed("req-2", new CallPlan.Connect("+14155550111", "Call for Dana", 25, false));

        Map<String, String> leg = params("req-2", "in-progress");
        leg.put("DialCallStatus", "no-answer");
        post("/twilio/voice/connect-status?ws=" + WS + "&req=req-2", leg);
        post("/twilio/voice/status?ws=" + WS + "&req=req-2", params("req-2", "completed"));

        assertEquals(List.of("no_answer"), outcomes());
    }

    @Test
    void aMakeCall_ignoresTheAgentLegCompletingFirst_andTakesTheCustomerLegsResult() {
        dialed("req-6", new CallPlan.Connect("+14155550111", "Call for Dana", 25, false));

        post("/twilio/voice/status?ws=" + WS + "&req=req-6&leg=agent", params("req-6", "completed"));
        Map<String, String> leg = params("req-6", "completed");
        leg.put("DialCallStatus", "busy");
        post("/twilio/voice/connect-status?ws=" + WS + "&req=req-6", leg);

        assertEquals(List.of("busy"), outcomes());
    }

    @Test
    void aMakeCallWhoseAgentHangsUpDuringTheWhisper_isSettledByACheckSoonAfter() {
        dialed("req-7", new CallPlan.Connect("+14155550111", "Call for Dana", 25, false));

        post("/twilio/voice/status?ws=" + WS + "&req=req-7&leg=agent", params("req-7", "completed"));

        assertTrue(outcomes().isEmpty(), "the customer leg's result may still be on its way");
        RecordingQueues.Delivery check = dialQueue.deferred().get(0);
        assertEquals(clock.instant().plus(OutboundCalls.AGENT_LEG_GRACE), check.when());
        assertEquals("req-7", Json.read(check.body(), CallRequestMessage.class).requestId());
    }

    @Test
    void aMakeCallWhoseAgentDoesNotAnswer_endsAgentUnavailable_notAsTheCustomersNoAnswer() {
        dialed("req-8", new CallPlan.Connect("+14155550111", "Call for Dana", 25, false));

        post("/twilio/voice/status?ws=" + WS + "&req=req-8&leg=agent", params("req-8", "no-answer"));

        assertEquals(List.of("agent_unavailable"), outcomes());
    }

    @Test
    void aVoicemailDrop_speaksTheMessage_andIsAVoicemailWhenAMachineAnswered() {
        dialed("req-3", new CallPlan.Voicemail("Hi Dana, your appointment is tomorrow.", "Polly.Joanna", null));

        Twiml doc = Twiml.parse(post("/twilio/voice/outbound?ws=" + WS + "&req=req-3", params("req-3", "in-progress")).body());
        Map<String, String> done = params("req-3", "completed");
        done.put("AnsweredBy", "machine_end_beep");
        post("/twilio/voice/status?ws=" + WS + "&req=req-3", done);

        assertEquals("Hi Dana, your appointment is tomorrow.", doc.verb("Say").getTextContent());
        assertEquals("Polly.Joanna", doc.verb("Say").getAttribute("voice"));
        assertEquals(List.of("voicemail"), outcomes());
        assertEquals(CallStatus.COMPLETED, requests.find(WS, "req-3").orElseThrow().status());
    }

    @Test
    void repeatedAndOutOfOrderCallbacks_giveOneOutcome_andKeepTheFirstSid() {
        dialed("req-4", new CallPlan.Voicemail("Reminder", null, null));

        post("/twilio/voice/status?ws=" + WS + "&req=req-4", params("req-4", "busy"));
        post("/twilio/voice/status?ws=" + WS + "&req=req-4", params("req-4", "busy"));
        post("/twilio/voice/status?ws=" + WS + "&req=req-4", params("req-4", "ringing"));
        post("/twilio/voice/status?ws=" + WS + "&req=req-4", params("req-4", "queued"));

        assertEquals(List.of("busy"), outcomes());
        assertEquals(Optional.of("CAreq-4"), requests.find(WS, "req-4").orElseThrow().callSid());
    }

    @Test
    void aCustomerLegReportWithAStatusThatIsNoEnd_isAnsweredAndIgnored_andTheRealEndStillCounts() {
        dialed("req-9", new CallPlan.Connect("+14155550111", "Call for Dana", 25, false));
        Map<String, String> early = params("req-9", "in-progress");
        early.put("DialCallStatus", "ringing");

        WebhookResponse answer = post("/twilio/voice/connect-status?ws=" + WS + "&req=req-9", early);
        Map<String, String> done = params("req-9", "in-progress");
        done.put("DialCallStatus", "completed");
        post("/twilio/voice/connect-status?ws=" + WS + "&req=req-9", done);

        assertEquals(200, answer.status());
        assertEquals(List.of("Hangup"), Twiml.parse(answer.body()).verbs());
        assertEquals(List.of("completed"), outcomes());
    }

    @Test
    void aForgedStatusCallback_isRefused_andChangesNothing() {
        dialed("req-5", new CallPlan.Voicemail("Reminder", null, null));
        WebhookRequest forged = new WebhookRequest("/twilio/voice/status", BASE + "/twilio/voice/status?ws=" + WS + "&req=req-5", BASE,
                params("req-5", "completed"), Map.of("ws", WS, "req", "req-5"), Optional.of("Zm9yZ2Vk"));

        assertEquals(403, webhooks.handle(forged).status());
        assertTrue(events.published().isEmpty());
        assertEquals(CallStatus.DIALED, requests.find(WS, "req-5").orElseThrow().status());
    }

    private void dialed(String id, CallPlan plan) {
        requests.create(new CallRequest(id, SampleWorkspaces.WORKSPACE_ID, CUSTOMER, "transactional", plan, "run-1", "wf", 0, 1,
                false, clock.instant(), clock.instant().plus(Duration.ofDays(7))), clock.instant());
        requests.transition(WS, id, CallStatus.READY, null);
        requests.claimForDialing(WS, id, clock.instant(), clock.instant().plusSeconds(60));
        requests.recordCallSid(WS, id, "CA" + id, null);
    }

    private Map<String, String> params(String id, String status) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("CallSid", "CA" + id);
        p.put("CallStatus", status);
        p.put("From", SampleWorkspaces.BUSINESS_NUMBER);
        p.put("To", CUSTOMER);
        p.put("Direction", "outbound-api");
        return p;
    }

    private WebhookResponse post(String pathAndQuery, Map<String, String> params) {
        String path = pathAndQuery.split("\\?")[0];
        String query = pathAndQuery.contains("?") ? pathAndQuery.split("\\?")[1] : "";
        Map<String, String> q = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty()) {
                q.put(pair.split("=")[0], pair.split("=")[1]);
            }
        }
        String url = BASE + pathAndQuery;
        return webhooks.handle(new WebhookRequest(path, url, BASE, params, q, Optional.of(twilio.sign(url, params))));
    }

    private List<String> outcomes() {
        return events.published().stream().filter(e -> e.type().equals("call.outcome")).map(DomainEvent::data)
                .map(d -> String.valueOf(d.get("outcome"))).toList();
    }
}
