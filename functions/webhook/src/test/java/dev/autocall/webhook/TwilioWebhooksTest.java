package dev.autocall.webhook;

import dev.autocall.adapters.twilio.TwilioSignature;
import dev.autocall.domain.event.DomainEvent;
import dev.autocall.domain.event.EventTypes;
import dev.autocall.domain.workspace.Workspace;
import dev.autocall.testing.InMemoryCallLog;
import dev.autocall.testing.InMemoryWorkspaceStore;
import dev.autocall.testing.MutableClock;
import dev.autocall.testing.RecordingEventPublisher;
import dev.autocall.testing.SampleWorkspaces;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Element;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.autocall.testing.SampleWorkspaces.BUSINESS_NUMBER;
import static dev.autocall.testing.SampleWorkspaces.CALLER;
import static dev.autocall.testing.SampleWorkspaces.FORWARDING_NUMBER;
import static dev.autocall.testing.SampleWorkspaces.WORKSPACE_ID;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TwilioWebhooksTest {
    private static final String AUTH_TOKEN = "0123456789abcdef0123456789abcdef";
    private static final String BASE = "https://abc123.execute-api.us-east-1.amazonaws.com/prod";
    private static final String CALL_SID = "CA1234567890abcdef1234567890abcdef";
    private static final Instant NOW = Instant.parse("2026-11-02T15:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final InMemoryWorkspaceStore workspaces = new InMemoryWorkspaceStore();
    private final InMemoryCallLog calls = new InMemoryCallLog();
    private final RecordingEventPublisher events = new RecordingEventPublisher();
    private final TwilioRequestSigner twilio = new TwilioRequestSigner(AUTH_TOKEN);
    private final TwilioWebhooks webhooks = new TwilioWebhooks(new TwilioSignature(AUTH_TOKEN), workspaces, calls, new dev.autocall.testing.InMemoryCallRequestStore(), events, NoIvr.wiring(), clock);

    @BeforeEach
    void setUp() {
        workspaces.save(SampleWorkspaces.acme());
    }

    // ---- inbound call ----

    @Test
    void inboundCall_should_ringTheForwardingNumberAndLogTheCall_when_twilioSignedTheRequest() {
        // WHEN
        WebhookResponse response = webhooks.handle(signed("/twilio/voice/inbound", inboundCall()));

        // THEN
        assertEquals(200, response.status());
        assertEquals("application/xml", response.contentType());
        Twiml twiml = Twiml.parse(response.body());
        assertEquals(List.of("Dial"), twiml.verbs());
        Element dial = twiml.verb("Dial");
        assertEquals("20", dial.getAttribute("timeout"));
        assertEquals(BASE + "/twilio/voice/dial-status", dial.getAttribute("action"));
        assertEquals(FORWARDING_NUMBER, Twiml.child(dial, "Number").getTextContent().trim());
        DomainEvent received = single(events.published());
        assertEquals(new DomainEvent("twilio:" + CALL_SID + ":call.received", EventTypes.CALL_RECEIVED, WORKSPACE_ID, NOW,
                CALLER, BUSINESS_NUMBER, Map.of("callSid", CALL_SID, "startedAt", NOW.toString(), "callStatus", "ringing"),
                Map.of()), received);
        assertEquals(1, calls.all().size());
    }

    @Test
    void inboundCall_should_ringForTheConfiguredTime_when_theWorkspaceChangedIt() {
        // GIVEN
        Workspace acme = SampleWorkspaces.acme();
        workspaces.save(new Workspace(acme.id(), acme.name(), acme.numbers(), new Workspace.Forwarding(FORWARDING_NUMBER, 35),
                acme.voicemail(), false, 1, null, null, null, null));

        // WHEN
        WebhookResponse response = webhooks.handle(signed("/twilio/voice/inbound", inboundCall()));

        // THEN
        assertEquals("35", Twiml.parse(response.body()).verb("Dial").getAttribute("timeout"));
    }

    @Test
    void inboundCall_should_goStraightToVoicemail_when_thereIsNoForwardingNumber() {
        // GIVEN
        Workspace acme = SampleWorkspaces.acme();
        workspaces.save(new Workspace(acme.id(), acme.name(), acme.numbers(), null, acme.voicemail(), false, 1, null, null,
                null, null));

        // WHEN
        WebhookResponse response = webhooks.handle(signed("/twilio/voice/inbound", inboundCall()));

        // THEN
        assertEquals(List.of("Say", "Record", "Hangup"), Twiml.parse(response.body()).verbs());
        assertEquals(List.of(EventTypes.CALL_RECEIVED, EventTypes.CALL_MISSED), events.types());
    }

    @Test
    void inboundCall_should_sayNotInServiceAndPublishNothing_when_theNumberBelongsToNoWorkspace() {
        // GIVEN
        Map<String, String> params = inboundCall();
        params.put("To", "+14155550999");

        // WHEN
        WebhookResponse response = webhooks.handle(signed("/twilio/voice/inbound", params));

        // THEN
        Twiml twiml = Twiml.parse(response.body());
        assertEquals(List.of("Say", "Hangup"), twiml.verbs());
        assertTrue(twiml.verb("Say").getTextContent().contains("not in service"), response.body());
        assertEquals(List.of(), events.published());
        assertEquals(List.of(), calls.all());
    }

    // ---- signatures ----

    @ParameterizedTest(name = "{0} → 403")
    @ValueSource(strings = {"missing", "forged", "tampered", "other url", "blank"})
    void handle_should_refuseAndChangeNothing_when_theSignatureDoesNotHold(String how) {
        // GIVEN
        Map<String, String> params = inboundCall();
        String url = BASE + "/twilio/voice/inbound";
        Optional<String> signature = switch (how) {
            case "missing" -> Optional.empty();
            case "blank" -> Optional.of("");
            case "forged" -> Optional.of(new TwilioRequestSigner("not-the-auth-token").sign(url, params));
            case "tampered" -> {
                String valid = twilio.sign(url, params);
                params.put("From", "+14155550177");
                yield Optional.of(valid);
            }
            case "other url" -> Optional.of(twilio.sign(BASE + "/twilio/sms/inbound", params));
            default -> throw new IllegalArgumentException(how);
        };

        // WHEN
        WebhookResponse response = webhooks.handle(new WebhookRequest("/twilio/voice/inbound", url, BASE, params, Map.of(), signature));

        // THEN
        assertEquals(403, response.status());
        assertFalse(response.body().contains("<Dial"), response.body());
        assertEquals(List.of(), events.published());
        assertEquals(List.of(), calls.all());
    }

    // ---- after the forwarding number rang ----

    @ParameterizedTest(name = "DialCallStatus={0}")
    @ValueSource(strings = {"no-answer", "busy", "failed"})
    void dialStatus_should_publishMissedAndTakeAVoicemail_when_nobodyAnswered(String dialStatus) {
        // GIVEN
        webhooks.handle(signed("/twilio/voice/inbound", inboundCall()));
        clock.advance(Duration.ofSeconds(21));

        // WHEN
        WebhookResponse response = webhooks.handle(signed("/twilio/voice/dial-status", dialStatus(dialStatus)));

        // THEN
        Twiml twiml = Twiml.parse(response.body());
        assertEquals(List.of("Say", "Record", "Hangup"), twiml.verbs());
        assertEquals("Sorry we missed you, leave a message.", twiml.verb("Say").getTextContent().trim());
        Element record = twiml.verb("Record");
        assertEquals("120", record.getAttribute("maxLength"));
        assertEquals(BASE + "/twilio/voice/recording-status", record.getAttribute("recordingStatusCallback"));
        DomainEvent missed = events.ofType(EventTypes.CALL_MISSED).get(0);
        assertEquals("twilio:" + CALL_SID + ":call.missed", missed.id());
        assertEquals(dialStatus, missed.dataString("reason"));
        assertEquals(NOW.toString(), missed.dataString("startedAt"));
        assertEquals(CALLER, missed.contactPhone());
        assertEquals(BUSINESS_NUMBER, missed.businessNumber());
    }

    @Test
    void dialStatus_should_playTheRecordedGreeting_when_theWorkspaceHasAnAudioUrl() {
        // GIVEN
        workspaces.save(SampleWorkspaces.acme(new Workspace.Voicemail(true, "ignored", "https://cdn.acme.example/greeting.mp3", 60, false)));
        webhooks.handle(signed("/twilio/voice/inbound", inboundCall()));

        // WHEN
        WebhookResponse response = webhooks.handle(signed("/twilio/voice/dial-status", dialStatus("no-answer")));

        // THEN
        Twiml twiml = Twiml.parse(response.body());
        assertEquals(List.of("Play", "Record", "Hangup"), twiml.verbs());
        assertEquals("https://cdn.acme.example/greeting.mp3", twiml.verb("Play").getTextContent().trim());
        assertEquals("60", twiml.verb("Record").getAttribute("maxLength"));
    }

    @Test
    void dialStatus_should_sayGoodbyeWithoutRecording_when_voicemailIsDisabled() {
        // GIVEN
        workspaces.save(SampleWorkspaces.acme(new Workspace.Voicemail(false, null, null, null, null)));
        webhooks.handle(signed("/twilio/voice/inbound", inboundCall()));

        // WHEN
        WebhookResponse response = webhooks.handle(signed("/twilio/voice/dial-status", dialStatus("no-answer")));

        // THEN
        Twiml twiml = Twiml.parse(response.body());
        assertEquals(List.of("Say", "Hangup"), twiml.verbs());
        assertTrue(twiml.find("Record").isEmpty());
        assertEquals(List.of(EventTypes.CALL_RECEIVED, EventTypes.CALL_MISSED), events.types());
    }

    @Test
    void dialStatus_should_askTwilioToTranscribe_when_theWorkspaceWantsTranscripts() {
        // GIVEN
        workspaces.save(SampleWorkspaces.acme(new Workspace.Voicemail(true, null, null, 90, true)));
        webhooks.handle(signed("/twilio/voice/inbound", inboundCall()));

        // WHEN
        WebhookResponse response = webhooks.handle(signed("/twilio/voice/dial-status", dialStatus("busy")));

        // THEN
        Element record = Twiml.parse(response.body()).verb("Record");
        assertEquals("true", record.getAttribute("transcribe"));
        assertEquals(BASE + "/twilio/voice/transcription", record.getAttribute("transcribeCallback"));
    }

    @Test
    void dialStatus_should_publishAnsweredAndHangUp_when_theForwardingNumberAnswered() {
        // GIVEN
        webhooks.handle(signed("/twilio/voice/inbound", inboundCall()));

        // WHEN
        WebhookResponse response = webhooks.handle(signed("/twilio/voice/dial-status", dialStatus("completed")));

        // THEN
        assertEquals(List.of("Hangup"), Twiml.parse(response.body()).verbs());
        assertEquals(List.of(EventTypes.CALL_RECEIVED, EventTypes.CALL_ANSWERED), events.types());
    }

    @Test
    void dialStatus_should_hangUpQuietly_when_theCallWasNeverSeen() {
        // WHEN
        WebhookResponse response = webhooks.handle(signed("/twilio/voice/dial-status", dialStatus("no-answer")));

        // THEN
        assertEquals(List.of("Hangup"), Twiml.parse(response.body()).verbs());
        assertEquals(List.of(), events.published());
    }

    @Test
    void recordingStatus_should_publishTheVoicemailWithItsRecording_when_theRecordingCompleted() {
        // GIVEN
        webhooks.handle(signed("/twilio/voice/inbound", inboundCall()));
        webhooks.handle(signed("/twilio/voice/dial-status", dialStatus("no-answer")));

        // WHEN
        Map<String, String> params = callParams();
        params.put("RecordingSid", "RE0001");
        params.put("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE0001");
        params.put("RecordingStatus", "completed");
        params.put("RecordingDuration", "17");
        webhooks.handle(signed("/twilio/voice/recording-status", params));

        // THEN
        DomainEvent voicemail = single(events.ofType(EventTypes.VOICEMAIL_RECEIVED));
        assertEquals("twilio:RE0001:voicemail.received", voicemail.id());
        assertEquals("https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE0001", voicemail.dataString("recordingUrl"));
        assertEquals("17", voicemail.dataString("recordingSeconds"));
        assertEquals(CALL_SID, voicemail.dataString("callSid"));
        assertEquals(CALLER, voicemail.contactPhone());
    }

    @Test
    void recordingStatus_should_publishNothing_when_theRecordingFailed() {
        // GIVEN
        webhooks.handle(signed("/twilio/voice/inbound", inboundCall()));

        // WHEN
        Map<String, String> params = callParams();
        params.put("RecordingSid", "RE0001");
        params.put("RecordingStatus", "failed");
        webhooks.handle(signed("/twilio/voice/recording-status", params));

        // THEN
        assertEquals(List.of(EventTypes.CALL_RECEIVED), events.types());
    }

    @Test
    void callStatus_should_publishCompletedWithTheDuration_when_theCallEnds() {
        // GIVEN
        webhooks.handle(signed("/twilio/voice/inbound", inboundCall()));

        // WHEN
        Map<String, String> params = callParams();
        params.put("CallStatus", "completed");
        params.put("CallDuration", "95");
        webhooks.handle(signed("/twilio/voice/status", params));

        // THEN
        assertEquals("95", single(events.ofType(EventTypes.CALL_COMPLETED)).dataString("durationSeconds"));
    }

    @Test
    void handle_should_publishEventsWithTheSameId_when_twilioRepeatsAWebhook() {
        // GIVEN
        webhooks.handle(signed("/twilio/voice/inbound", inboundCall()));
        webhooks.handle(signed("/twilio/voice/dial-status", dialStatus("no-answer")));
        clock.advance(Duration.ofSeconds(3));

        // WHEN Twilio retries both
        webhooks.handle(signed("/twilio/voice/inbound", inboundCall()));
        webhooks.handle(signed("/twilio/voice/dial-status", dialStatus("no-answer")));

        // THEN each pair has one id, so the trigger treats it as one event, and the call keeps its start
        List<DomainEvent> published = events.published();
        assertEquals(4, published.size());
        assertEquals(published.get(0).id(), published.get(2).id());
        assertEquals(published.get(1).id(), published.get(3).id());
        assertEquals(published.get(1).data(), published.get(3).data());
        assertEquals(1, calls.all().size());
    }

    // ---- SMS ----

    @Test
    void inboundSms_should_publishTheMessageAndAnswerWithoutAReply_when_aCustomerTexts() {
        // GIVEN
        Map<String, String> params = smsParams("Can you come Tuesday? 10am works.");

        // WHEN
        WebhookResponse response = webhooks.handle(signed("/twilio/sms/inbound", params));

        // THEN
        assertEquals(List.of(), Twiml.parse(response.body()).verbs());
        DomainEvent received = single(events.published());
        assertEquals("twilio:SM0001:sms.received", received.id());
        assertEquals(EventTypes.SMS_RECEIVED, received.type());
        assertEquals("Can you come Tuesday? 10am works.", received.dataString("body"));
        assertEquals(CALLER, received.contactPhone());
        assertEquals(BUSINESS_NUMBER, received.businessNumber());
        assertEquals(WORKSPACE_ID, received.workspaceId());
    }

    @Test
    void inboundSms_should_publishNothing_when_theNumberBelongsToNoWorkspace() {
        // GIVEN
        Map<String, String> params = smsParams("hello");
        params.put("To", "+14155550999");

        // WHEN
        WebhookResponse response = webhooks.handle(signed("/twilio/sms/inbound", params));

        // THEN
        assertEquals(200, response.status());
        assertEquals(List.of(), events.published());
    }

    @Test
    void smsStatus_should_publishTheDeliveryStatus_when_theCallbackUrlCarriesTheSendTime() {
        // GIVEN a callback URL with a query string, which Twilio's signature covers too
        String path = "/twilio/sms/status";
        String url = BASE + path + "?at=1793718000000";
        Map<String, String> params = new LinkedHashMap<>();
        params.put("MessageSid", "SM000001");
        params.put("MessageStatus", "delivered");
        params.put("From", BUSINESS_NUMBER);
        params.put("To", CALLER);

        // WHEN
        webhooks.handle(new WebhookRequest(path, url, BASE, params, Map.of("at", "1793718000000"),
                Optional.of(twilio.sign(url, params))));

        // THEN
        DomainEvent status = single(events.published());
        assertEquals(EventTypes.SMS_STATUS, status.type());
        assertEquals("delivered", status.dataString("status"));
        assertEquals(Instant.ofEpochMilli(1793718000000L).toString(), status.dataString("sentAt"));
        assertEquals(CALLER, status.contactPhone());
    }

    @Test
    void handle_should_answer404_when_thePathIsNotAWebhook() {
        // WHEN
        WebhookResponse response = webhooks.handle(signed("/twilio/voice/elsewhere", inboundCall()));

        // THEN
        assertEquals(404, response.status());
        assertEquals(List.of(), events.published());
    }

    // ---- what a webhook cannot do without ----

    @ParameterizedTest(name = "{0} without {1} → 400")
    @CsvSource({
            "/twilio/voice/inbound, CallSid",
            "/twilio/voice/inbound, To",
            "/twilio/voice/inbound, From",
            "/twilio/voice/dial-status, CallSid",
            "/twilio/voice/forward-status, ParentCallSid",
            "/twilio/voice/recording-status, CallSid",
            "/twilio/voice/recording-status, RecordingSid",
            "/twilio/voice/transcription, RecordingSid",
            "/twilio/voice/status, CallSid",
            "/twilio/sms/inbound, MessageSid",
            "/twilio/sms/inbound, From",
            "/twilio/sms/inbound, To",
            "/twilio/sms/status, MessageSid",
            "/twilio/sms/status, MessageStatus"})
    void handle_should_refuseWith400NamingTheParameterAndRecordNothing_when_aSignedWebhookLacksIt(String path, String missing) {
        // GIVEN a webhook with everything any of them carries, but one parameter
        Map<String, String> params = everything();
        params.remove(missing);

        // WHEN
        WebhookResponse response = webhooks.handle(signed(path, params));

        // THEN
        assertEquals(400, response.status(), response.body());
        assertTrue(response.contentType().startsWith("text/plain"), response.contentType());
        assertTrue(response.body().contains(missing), response.body());
        assertFalse(response.body().contains("<Response"), response.body());
        assertEquals(List.of(), events.published());
        assertEquals(List.of(), calls.all());
    }

    @Test
    void inboundSms_should_refuseWith400_when_theSenderIsEmpty() {
        // GIVEN
        Map<String, String> params = smsParams("hello");
        params.put("From", "");

        // WHEN
        WebhookResponse response = webhooks.handle(signed("/twilio/sms/inbound", params));

        // THEN
        assertEquals(400, response.status());
        assertTrue(response.body().contains("From"), response.body());
        assertEquals(List.of(), events.published());
    }

    @Test
    void inboundSms_should_refuseWith400AndPublishNothing_when_theBodyIsLongerThan1600Characters() {
        // GIVEN
        Map<String, String> params = smsParams("x".repeat(1601));

        // WHEN
        WebhookResponse response = webhooks.handle(signed("/twilio/sms/inbound", params));

        // THEN
        assertEquals(400, response.status());
        assertTrue(response.body().contains("Body") && response.body().contains("1600"), response.body());
        assertEquals(List.of(), events.published());
    }

    @Test
    void inboundSms_should_publishTheMessage_when_theBodyIsExactly1600Characters() {
        // WHEN
        WebhookResponse response = webhooks.handle(signed("/twilio/sms/inbound", smsParams("x".repeat(1600))));

        // THEN
        assertEquals(200, response.status());
        assertEquals(1600, single(events.published()).dataString("body").length());
    }

    // ---- withheld callers ----

    @ParameterizedTest(name = "From=[{0}]")
    @ValueSource(strings = {"anonymous", "Anonymous", "+266696687", "+7378742833", "+8656696", "+2562533", "", "restricted",
            "+1415555"})
    void inboundCall_should_answerAndLogTheCallButNameNoContact_when_theCallerIsWithheld(String from) {
        // GIVEN
        Map<String, String> params = inboundCall();
        params.put("From", from);

        // WHEN
        WebhookResponse response = webhooks.handle(signed("/twilio/voice/inbound", params));

        // THEN the call rings the forwarding line as any other and is logged with what Twilio sent
        assertEquals(List.of("Dial"), Twiml.parse(response.body()).verbs());
        assertEquals(from, single(calls.all()).from());
        DomainEvent received = single(events.published());
        assertEquals(EventTypes.CALL_RECEIVED, received.type());
        assertEquals(null, received.contactPhone());
        assertEquals(true, received.data().get("withheld"));
    }

    @Test
    void withheldCaller_should_getVoicemailAndItsEventsWithoutAContact_when_nobodyAnswers() {
        // GIVEN
        Map<String, String> params = inboundCall();
        params.put("From", "+266696687");
        webhooks.handle(signed("/twilio/voice/inbound", params));

        // WHEN nobody answers and the caller leaves a message
        Map<String, String> dial = dialStatus("no-answer");
        dial.put("From", "+266696687");
        WebhookResponse response = webhooks.handle(signed("/twilio/voice/dial-status", dial));
        Map<String, String> recording = callParams();
        recording.put("From", "+266696687");
        recording.put("RecordingSid", "RE0001");
        recording.put("RecordingUrl", "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE0001");
        recording.put("RecordingStatus", "completed");
        recording.put("RecordingDuration", "17");
        webhooks.handle(signed("/twilio/voice/recording-status", recording));

        // THEN
        assertEquals(List.of("Say", "Record", "Hangup"), Twiml.parse(response.body()).verbs());
        assertEquals(List.of(EventTypes.CALL_RECEIVED, EventTypes.CALL_MISSED, EventTypes.VOICEMAIL_RECEIVED), events.types());
        events.published().forEach(e -> assertEquals(null, e.contactPhone(), e.toString()));
        DomainEvent voicemail = single(events.ofType(EventTypes.VOICEMAIL_RECEIVED));
        assertEquals("https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE0001", voicemail.dataString("recordingUrl"));
        assertEquals(Optional.of("https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE0001"),
                calls.recordingOf(CALL_SID), "the recording is kept on the call record");
    }

    @ParameterizedTest(name = "From=[{0}]")
    @ValueSource(strings = {"ACMEBANK", "72345", "anonymous"})
    void inboundSms_should_answerEmptyAndPublishNothing_when_theSenderIsNotAPhoneNumber(String from) {
        // GIVEN an alphanumeric sender id or a short code
        Map<String, String> params = smsParams("Your code is 123456");
        params.put("From", from);

        // WHEN
        WebhookResponse response = webhooks.handle(signed("/twilio/sms/inbound", params));

        // THEN
        assertEquals(200, response.status());
        assertEquals(List.of(), Twiml.parse(response.body()).verbs());
        assertEquals(List.of(), events.published());
    }

    // ---- helpers ----

    /** Every parameter any of the inbound webhooks reads, so that removing one shows what each needs. */
    private static Map<String, String> everything() {
        Map<String, String> params = inboundCall();
        params.put("ParentCallSid", CALL_SID);
        params.put("DialCallStatus", "no-answer");
        params.put("RecordingSid", "RE0001");
        params.put("RecordingStatus", "completed");
        params.put("TranscriptionStatus", "completed");
        params.put("TranscriptionText", "hello");
        params.put("MessageSid", "SM0001");
        params.put("MessageStatus", "delivered");
        params.put("Body", "hello");
        return params;
    }


    private WebhookRequest signed(String path, Map<String, String> params) {
        String url = BASE + path;
        return new WebhookRequest(path, url, BASE, Map.copyOf(params), Map.of(), Optional.of(twilio.sign(url, params)));
    }

    private static Map<String, String> callParams() {
        Map<String, String> params = new HashMap<>();
        params.put("AccountSid", "AC00000000000000000000000000000000");
        params.put("CallSid", CALL_SID);
        params.put("From", CALLER);
        params.put("To", BUSINESS_NUMBER);
        params.put("Direction", "inbound");
        return params;
    }

    private static Map<String, String> inboundCall() {
        Map<String, String> params = callParams();
        params.put("CallStatus", "ringing");
        params.put("CallerCity", "OAKLAND");
        return params;
    }

    private static Map<String, String> dialStatus(String status) {
        Map<String, String> params = callParams();
        params.put("CallStatus", "in-progress");
        params.put("DialCallStatus", status);
        return params;
    }

    private static Map<String, String> smsParams(String body) {
        Map<String, String> params = new HashMap<>();
        params.put("AccountSid", "AC00000000000000000000000000000000");
        params.put("MessageSid", "SM0001");
        params.put("From", CALLER);
        params.put("To", BUSINESS_NUMBER);
        params.put("Body", body);
        params.put("NumMedia", "0");
        return params;
    }

    private static <T> T single(List<T> items) {
        assertEquals(1, items.size(), () -> "expected exactly one, got " + items);
        return items.get(0);
    }
}
