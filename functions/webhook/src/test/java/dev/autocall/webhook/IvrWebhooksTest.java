package dev.autocall.webhook;

import dev.autocall.adapters.twilio.TwilioSignature;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventTypes;
import dev.autocall.domain.ivr.Fetcher;
import dev.autocall.domain.ivr.FlowParser;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.testing.InMemoryCallLog;
import dev.autocall.testing.InMemoryContactStore;
import dev.autocall.testing.InMemoryFlowStore;
import dev.autocall.testing.InMemoryIvrCallStore;
import dev.autocall.testing.InMemoryWorkspaceStore;
import dev.autocall.testing.MutableClock;
import dev.autocall.testing.RecordingEventPublisher;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.autocall.testing.SampleWorkspaces.BUSINESS_NUMBER;
import static dev.autocall.testing.SampleWorkspaces.CALLER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An inbound call answered by a flow, turn by turn, through the signed webhooks: repeats, tenants and the end. */
class IvrWebhooksTest {
    private static final String AUTH_TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String BASE = "https://abc123.execute-api.us-east-1.amazonaws.com/prod";
    private static final String CALL_SID = "CA00000000000000000000000000000ivr";
    private static final Pattern ACTION = Pattern.compile("action=\"([^\"]+)\"");
    private static final String FLOW = """
            {"name": "Front desk", "start": "menu", "nodes": {
              "menu": {"type": "gather", "prompt": "Hi {{contact.firstName | \\"there\\"}}. Press 1 for a text, 2 to talk to us.",
                       "choices": {"1": "text", "2": "ring"}},
              "text": {"type": "sms", "body": "Book here: https://example.com", "next": "bye"},
              "ring": {"type": "dial", "timeoutSeconds": 15, "next": "bye", "noAnswer": "bye"},
              "bye": {"type": "hangup", "say": "Goodbye.", "outcome": "helped"}}}
            """;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T15:00:00Z"));
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final InMemoryFlowStore flows = new InMemoryFlowStore();
    private final InMemoryIvrCallStore ivrCalls = new InMemoryIvrCallStore();
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private final TwilioRequestSigner twilio = new TwilioRequestSigner(AUTH_TOKEN);
    private final TwilioWebhooks webhooks = new TwilioWebhooks(new TwilioSignature(AUTH_TOKEN), workspaces, new InMemoryCallLog(),
            new dev.autocall.testing.InMemoryCallRequestStore(), events,
            new TwilioWebhooks.Ivr(flows, ivrCalls, new InMemoryContactStore(),
                    (ws, url, json, timeout) -> new Fetcher.Response(0, null, "no server")), clock);

    @BeforeEach
    void setUp() {
        workspaces.save(SampleWorkspaces.acme().withInbound(new Workspace.Inbound("front-desk")));
        flows.saveDraft(SampleWorkspaces.WORKSPACE_ID, "front-desk", FlowParser.read("front-desk", FLOW, Optional.empty()).json(),
                clock.instant());
        flows.publish(SampleWorkspaces.WORKSPACE_ID, "front-desk", clock.instant());
    }

    @Test
    void aKeyReportedTwice_getsTheSameAnswer_andTextsOnce() {
        String menu = webhooks.handle(signed("/twilio/voice/inbound", call("CallStatus", "ringing"))).body();
        assertTrue(menu.contains("Hi there. Press 1 for a text"), menu);
        String action = action(menu);

        WebhookResponse first = webhooks.handle(signedUrl(action, call("Digits", "1")));
        WebhookResponse again = webhooks.handle(signedUrl(action, call("Digits", "1")));

        assertEquals(first.body(), again.body(), "a repeated callback is answered the same way");
        assertTrue(first.body().contains("Goodbye."), first.body());
        assertEquals(1, events.published().stream().filter(e -> e.type().equals(EventTypes.IVR_SMS)).count(), "texted once");
    }

    @Test
    void theFirstTurnRequestedTwice_getsTheSameAnswer_fromOneStoredCall() {
        String first = webhooks.handle(signed("/twilio/voice/inbound", call("CallStatus", "ringing"))).body();
        String again = webhooks.handle(signed("/twilio/voice/inbound", call("CallStatus", "ringing"))).body();

        assertEquals(first, again);
        assertEquals(1, ivrCalls.find(CALL_SID).orElseThrow().session().turn(), "still at the first turn");
    }

    @Test
    void anotherWorkspacesName_inTheCallbackUrl_neverReachesTheCall() {
        String action = action(webhooks.handle(signed("/twilio/voice/inbound", call("CallStatus", "ringing"))).body());
        String forged = action.replace("ws=" + SampleWorkspaces.WORKSPACE_ID, "ws=ws_other");

        WebhookResponse answer = webhooks.handle(signedUrl(forged, call("Digits", "1")));

        assertTrue(answer.body().contains("<Hangup/>"), answer.body());
        assertFalse(answer.body().contains("Goodbye."), "the flow did not move: " + answer.body());
        assertTrue(events.published().stream().noneMatch(e -> e.type().equals(EventTypes.IVR_SMS)));
        assertEquals("menu", ivrCalls.find(CALL_SID).orElseThrow().session().waiting());
    }

    @Test
    void anUnansweredDial_isAMissedCall_andTheEndIsReportedOnce_withTheKeysAndTheFlowsOutcome() {
        String action = action(webhooks.handle(signed("/twilio/voice/inbound", call("CallStatus", "ringing"))).body());
        String dialAction = action(webhooks.handle(signedUrl(action, call("Digits", "2"))).body());
        webhooks.handle(signedUrl(dialAction, call("DialCallStatus", "no-answer")));

        webhooks.handle(signed("/twilio/voice/status", call("CallStatus", "completed")));
        webhooks.handle(signed("/twilio/voice/status", call("CallStatus", "completed")));

        List<DomainEvent> missed = events.published().stream().filter(e -> e.type().equals(EventTypes.CALL_MISSED)).toList();
        assertEquals(1, missed.size(), "the dial nobody answered is a missed call: " + events.published());
        List<DomainEvent> ended = events.published().stream().filter(e -> e.type().equals(EventTypes.IVR_COMPLETED)).toList();
        assertEquals(1, ended.size(), "reported once");
        assertEquals("helped", ended.get(0).dataString("outcome"));
        assertEquals(List.of(Map.of("node", "menu", "keys", "2")), ended.get(0).data().get("keyPresses"));
        assertEquals(CALLER, ended.get(0).contactPhone());
    }

    private static String action(String twiml) {
        Matcher m = ACTION.matcher(twiml);
        assertTrue(m.find(), "no action in " + twiml);
        return m.group(1).replace("&amp;", "&");
    }

    private Map<String, String> call(String name, String value) {
        Map<String, String> params = new HashMap<>();
        params.put("AccountSid", "AC00000000000000000000000000000000");
        params.put("CallSid", CALL_SID);
        params.put("From", CALLER);
        params.put("To", BUSINESS_NUMBER);
        params.put("Direction", "inbound");
        params.put(name, value);
        return params;
    }

    private WebhookRequest signed(String path, Map<String, String> params) {
        return signedUrl(BASE + path, params);
    }

    /** The request Twilio sends to a URL the product gave it, query string and all. */
    private WebhookRequest signedUrl(String url, Map<String, String> params) {
        String path = url.substring(BASE.length(), url.contains("?") ? url.indexOf('?') : url.length());
        Map<String, String> query = new HashMap<>();
        if (url.contains("?")) {
            for (String pair : url.substring(url.indexOf('?') + 1).split("&")) {
                String[] kv = pair.split("=", 2);
                query.put(java.net.URLDecoder.decode(kv[0], java.nio.charset.StandardCharsets.UTF_8),
                        java.net.URLDecoder.decode(kv[1], java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return new WebhookRequest(path, url, BASE, Map.copyOf(params), query, Optional.of(twilio.sign(url, params)));
    }
}
