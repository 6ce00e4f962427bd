package dev.autocall.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.local.sim.TwilioSigner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inbound slice end to end: Twilio simulator → gateway → webhook function → events queue (ElasticMQ) →
 * trigger function → DynamoDB Local and the simulator's Messages API, all through the real AWS and Twilio
 * SDK clients. Each test uses its own caller numbers, so they share one runtime.
 */
class InboundSliceIntegrationTest {
    private static final String BUSINESS = LocalRuntime.DEMO_NUMBER;
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static LocalRuntime runtime;
    private static LocalClient client;

    @BeforeAll
    static void start() throws Exception {
        // A short visibility timeout lets a failing message reach the dead-letter queue in seconds.
        runtime = LocalRuntime.start(new LocalRuntime.Options(0, Optional.of(1), 2));
        client = new LocalClient(runtime.url(), runtime.apiKey());
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void answeredCall_isOnTheThreadAsAnswered_andSendsNoText() {
        String caller = "+13125550101";
        JsonNode call = client.inboundCall(caller, BUSINESS, "answer", null);

        assertEquals(List.of("Dial", "Hangup"), texts(call.path("verbs")));
        assertTrue(LocalClient.waitFor(() -> callEntry(caller).map(e -> e.path("status").asText().equals("answered")
                && e.path("durationSeconds").asInt() == 42).orElse(false), WAIT), "answered call with duration on the thread");
        runtime.awaitQuiet(WAIT);
        assertTrue(client.messagesTo(caller).isEmpty(), "no text-back after an answered call");
    }

    @Test
    void missedCall_fromKnownContact_isTextedBackByName_withACallbackTask() {
        String dana = "+13125550102";
        client.api("PUT", "/v1/contacts/" + LocalClient.encode(dana), "{\"firstName\": \"Dana\", \"lastName\": \"Reyes\"}");

        client.inboundCall(dana, BUSINESS, "no-answer", null);

        assertTrue(LocalClient.waitFor(() -> client.messagesTo(dana).size() == 1, WAIT), "one text-back");
        JsonNode sms = client.messagesTo(dana).get(0);
        assertEquals(BUSINESS, sms.path("from").asText(), "sent from the number the customer called");
        assertTrue(sms.path("body").asText().startsWith("Hi Dana, this is Acme Plumbing."), sms.path("body").asText());
        assertTrue(LocalClient.waitFor(() -> tasksFor(dana).size() == 1, WAIT), "a callback task");
        assertEquals("Call back Dana Reyes (" + dana + ")", tasksFor(dana).get(0).path("title").asText());
        assertTrue(LocalClient.waitFor(() -> statusOfLastSms(dana).equals("delivered"), WAIT),
                "the delivery status callback reaches the thread");
    }

    @Test
    void missedCall_fromNewNumber_isTextedBackNeutrally_andCreatesTheContact() {
        String stranger = "+13125550103";

        client.inboundCall(stranger, BUSINESS, "busy", null);

        assertTrue(LocalClient.waitFor(() -> client.messagesTo(stranger).size() == 1, WAIT), "one text-back");
        assertTrue(client.messagesTo(stranger).get(0).path("body").asText().startsWith("Hi there, this is Acme Plumbing."));
        JsonNode contact = client.contact(stranger);
        assertEquals("inbound_call", contact.path("source").asText());
        assertTrue(LocalClient.waitFor(() -> tasksFor(stranger).size() == 1, WAIT), "a callback task");
        assertEquals("Call back new caller (" + stranger + ")", tasksFor(stranger).get(0).path("title").asText());
    }

    @Test
    void voicemail_isRecorded_andLandsOnTheThread_withTheTextBack() {
        String caller = "+13125550104";

        client.inboundCall(caller, BUSINESS, "no-answer", "Hello, my boiler stopped working this morning");

        // The call's events are processed concurrently: wait for the voicemail as well as the text-back.
        assertTrue(LocalClient.waitFor(() -> client.thread(caller).size() == 2
                && callEntry(caller).map(e -> e.path("status").asText().equals("voicemail")).orElse(false), WAIT),
                "call with its voicemail and the text-back on the thread");
        JsonNode thread = client.thread(caller);
        JsonNode call = thread.get(0);
        assertEquals("call", call.path("kind").asText());
        assertEquals("voicemail", call.path("status").asText());
        assertTrue(call.path("voicemail").path("url").asText().contains("/Recordings/RE"));
        assertTrue(call.path("voicemail").path("durationSeconds").asInt() > 0);
        assertEquals("sms", thread.get(1).path("kind").asText(), "the text-back comes after the call");
        assertTrue(thread.get(0).path("at").asText().compareTo(thread.get(1).path("at").asText()) < 0, "time order");
    }

    @Test
    void stop_silencesTheTextBack_andStart_bringsItBack() {
        String caller = "+13125550105";
        client.inboundSms(caller, BUSINESS, "Stop");
        assertTrue(LocalClient.waitFor(() -> smsOptOut(caller).isPresent(), WAIT), "opted out");

        client.inboundCall(caller, BUSINESS, "no-answer", null);
        assertTrue(LocalClient.waitFor(() -> runStepResults(caller).contains("sendSms:skipped"), WAIT), "text-back skipped");
        assertTrue(client.messagesTo(caller).isEmpty(), "nothing is sent after STOP");

        client.inboundSms(caller, BUSINESS, "START");
        assertTrue(LocalClient.waitFor(() -> smsOptOut(caller).isEmpty(), WAIT), "opted back in");
        client.inboundCall(caller, BUSINESS, "no-answer", null);
        assertTrue(LocalClient.waitFor(() -> client.messagesTo(caller).size() == 1, WAIT), "text-back again after START");
    }

    @Test
    void help_isAnsweredWithTheHelpText_andOtherRepliesLandOnTheThread() {
        String caller = "+13125550106";
        client.inboundSms(caller, BUSINESS, "help");
        assertTrue(LocalClient.waitFor(() -> client.messagesTo(caller).size() == 1, WAIT), "HELP answered");
        assertTrue(client.messagesTo(caller).get(0).path("body").asText().contains("Reply STOP to unsubscribe"));

        client.inboundSms(caller, BUSINESS, "Can you come on Tuesday?");
        assertTrue(LocalClient.waitFor(() -> texts(client.thread(caller), "body").contains("Can you come on Tuesday?"), WAIT));
    }

    @Test
    void forgedOrTamperedWebhook_isRefusedWith403_andRecordsNothing() {
        String caller = "+13125550107";
        Map<String, String> params = voiceParams("CA" + "f".repeat(32), caller, "ringing");
        String url = runtime.url() + "/twilio/voice/inbound";

        int forged = post("/twilio/voice/inbound", params, "c2lnbmVkIGJ5IHNvbWVib2R5IGVsc2U=").status();
        int unsigned = post("/twilio/voice/inbound", params, null).status();
        String signature = new TwilioSigner(runtime.authToken()).sign(url, params);
        Map<String, String> tampered = new LinkedHashMap<>(params);
        tampered.put("From", "+13125550199");
        int tamperedStatus = post("/twilio/voice/inbound", tampered, signature).status();
        int wrongToken = post("/twilio/voice/inbound", params, new TwilioSigner("0".repeat(32)).sign(url, params)).status();

        assertEquals(List.of(403, 403, 403, 403), List.of(forged, unsigned, tamperedStatus, wrongToken));
        runtime.awaitQuiet(WAIT);
        assertFalse(callRecorded("CA" + "f".repeat(32)), "no call recorded");
        assertEquals(404, client.api("GET", "/v1/contacts/" + LocalClient.encode(caller), null).status(), "no contact created");
        assertEquals(404, client.api("GET", "/v1/contacts/" + LocalClient.encode("+13125550199"), null).status());
    }

    @Test
    void aWebhookWhoseFunctionDies_isAnswered500_asApiGatewayWould_notWithADroppedConnection() {
        Map<String, String> params = voiceParams("CA" + "2".repeat(32), "+13125550110", "ringing");
        String signature = new TwilioSigner(runtime.authToken()).sign(runtime.url() + "/twilio/voice/inbound", params);
        runtime.awaitQuiet(WAIT);
        runtime.faults().crashAfterNth("WebhookFunction", 1);
        try {
            LocalClient.Reply reply = post("/twilio/voice/inbound", params, signature);

            assertEquals(500, reply.status());
            assertEquals("Internal Server Error", reply.body().path("message").asText());
        } finally {
            runtime.faults().clear();
        }
    }

    @Test
    void sameWebhookTwice_isOneEvent_andOneSms() {
        String caller = "+13125550108";
        String callSid = "CA" + "1".repeat(32);
        TwilioSigner signer = new TwilioSigner(runtime.authToken());
        Map<String, String> inbound = voiceParams(callSid, caller, "ringing");
        Map<String, String> dialed = voiceParams(callSid, caller, "in-progress");
        dialed.put("DialCallStatus", "no-answer");
        dialed.put("DialCallDuration", "0");

        for (int i = 0; i < 2; i++) {
            assertEquals(200, post("/twilio/voice/inbound", inbound, signer.sign(runtime.url() + "/twilio/voice/inbound", inbound)).status());
            assertEquals(200, post("/twilio/voice/dial-status", dialed, signer.sign(runtime.url() + "/twilio/voice/dial-status", dialed)).status());
        }

        assertTrue(LocalClient.waitFor(() -> client.messagesTo(caller).size() == 1, WAIT), "a text-back");
        runtime.awaitQuiet(WAIT);
        assertEquals(1, client.messagesTo(caller).size(), "exactly one SMS");
        assertEquals(1, client.api("GET", "/v1/contacts/" + LocalClient.encode(caller) + "/runs", null).body().path("runs").size(),
                "exactly one workflow run");
        assertEquals(1, texts(client.thread(caller), "kind").stream().filter("call"::equals).count(), "one call on the thread");
    }

    @Test
    void messageThatKeepsFailing_isParkedInTheDeadLetterQueue() {
        SqsClient sqs = runtime.aws().sqs();
        String poison = "{\"id\": \"poison-1\", \"type\": \"lead.created\"}";
        sqs.sendMessage(m -> m.queueUrl(runtime.queueUrl("EventsQueue")).messageBody(poison));

        List<Message> parked = new ArrayList<>();
        assertTrue(LocalClient.waitFor(() -> {
            parked.addAll(sqs.receiveMessage(r -> r.queueUrl(runtime.queueUrl("EventsDeadLetterQueue"))
                    .maxNumberOfMessages(10).waitTimeSeconds(1)).messages());
            return !parked.isEmpty();
        }, Duration.ofSeconds(30)), "the message reaches the dead-letter queue");
        assertEquals(poison, parked.get(0).body(), "parked unchanged, ready to re-drive");
    }

    @Test
    void withheldCaller_isAnsweredAndTheVoicemailKeptOnTheCall_butMakesNoContactAndGetsNoText() {
        JsonNode call = client.inboundCall("anonymous", BUSINESS, "no-answer", "It is me, call me back");

        assertEquals(List.of("Dial", "Say", "Record", "Hangup"), texts(call.path("verbs")));
        String callSid = call.path("sid").asText();
        assertTrue(LocalClient.waitFor(() -> callItem(callSid).map(item -> item.containsKey("recordingUrl")).orElse(false), WAIT),
                "the call is logged with its recording");
        assertEquals("anonymous", callItem(callSid).orElseThrow().get("from").s());
        runtime.awaitQuiet(WAIT);
        assertTrue(client.messagesTo("anonymous").isEmpty(), "no text-back to a withheld caller");
        assertTrue(List.of(400, 404).contains(client.api("GET", "/v1/contacts/anonymous", null).status()), "no contact");
    }

    @Test
    void textFromASenderIdOrShortCode_isAnsweredEmpty_andMakesNothing() {
        LocalClient.Reply reply = client.sim("POST", "/_sim/inbound-sms", Map.of("from", "ACMEBANK", "to", BUSINESS, "body", "Code 123456"));

        assertEquals(200, reply.status(), reply.body().toString());
        assertTrue(LocalClient.waitFor(() -> webhookStatus("/twilio/sms/inbound", "ACMEBANK").equals(Optional.of(200)), WAIT));
        assertTrue(List.of(400, 404).contains(client.api("GET", "/v1/contacts/ACMEBANK", null).status()), "no contact");
    }

    @Test
    void signedWebhookLackingWhatItNeeds_is400_andAnOversizedOne413_andNeitherRecordsAnything() {
        TwilioSigner signer = new TwilioSigner(runtime.authToken());
        String noSid = "CA" + "e".repeat(32);
        Map<String, String> call = voiceParams(noSid, "+13125550110", "ringing");
        call.remove("CallSid");
        Map<String, String> sms = new LinkedHashMap<>(Map.of("AccountSid", "AC" + "0".repeat(32), "From", "+13125550110",
                "To", BUSINESS, "Body", "hello"));
        Map<String, String> huge = new LinkedHashMap<>(sms);
        huge.put("MessageSid", "SM" + "e".repeat(32));
        huge.put("Body", "x".repeat(1_000_000));

        LocalClient.Reply noCallSid = post("/twilio/voice/inbound", call, signer.sign(runtime.url() + "/twilio/voice/inbound", call));
        LocalClient.Reply noMessageSid = post("/twilio/sms/inbound", sms, signer.sign(runtime.url() + "/twilio/sms/inbound", sms));
        LocalClient.Reply tooLarge = post("/twilio/sms/inbound", huge, signer.sign(runtime.url() + "/twilio/sms/inbound", huge));

        assertEquals(List.of(400, 400, 413), List.of(noCallSid.status(), noMessageSid.status(), tooLarge.status()));
        runtime.awaitQuiet(WAIT);
        assertEquals(404, client.api("GET", "/v1/contacts/" + LocalClient.encode("+13125550110"), null).status(), "no contact");
    }

    @Test
    void everyRequestTheProductMadeToTwilio_matchesTwiliosContract() {
        client.inboundCall("+13125550109", BUSINESS, "no-answer", null);
        assertTrue(LocalClient.waitFor(() -> client.messagesTo("+13125550109").size() == 1, WAIT));

        JsonNode violations = client.sim("GET", "/_sim/violations", null).body();
        assertEquals(0, violations.size(), violations.toString());
    }

    // ------------------------------------------------------------------ helpers

    private static Map<String, String> voiceParams(String callSid, String from, String status) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("AccountSid", "AC" + "0".repeat(32));
        params.put("ApiVersion", "2010-04-01");
        params.put("CallSid", callSid);
        params.put("CallStatus", status);
        params.put("Direction", "inbound");
        params.put("From", from);
        params.put("To", BUSINESS);
        return params;
    }

    private static LocalClient.Reply post(String path, Map<String, String> params, String signature) {
        String body = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return client.rawPost(path, "application/x-www-form-urlencoded",
                signature == null ? Map.of() : Map.of("X-Twilio-Signature", signature), body);
    }

    /** The contact's SMS opt-out time; empty when not opted out or not (yet) a contact. */
    private static Optional<String> smsOptOut(String phone) {
        LocalClient.Reply reply = client.api("GET", "/v1/contacts/" + LocalClient.encode(phone), null);
        return reply.status() == 200 && reply.body().path("optOut").hasNonNull("sms")
                ? Optional.of(reply.body().path("optOut").path("sms").asText()) : Optional.empty();
    }

    private static Optional<Map<String, AttributeValue>> callItem(String callSid) {
        Map<String, AttributeValue> item = runtime.aws().dynamoDb().getItem(g -> g.tableName("ActivityTable")
                .key(Map.of("pk", AttributeValue.fromS("CALL#" + callSid)))).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    /** The status the product answered the last webhook to that path from that sender. */
    private static Optional<Integer> webhookStatus(String path, String from) {
        Optional<Integer> status = Optional.empty();
        for (JsonNode hook : client.sim("GET", "/_sim/webhooks", null).body()) {
            if (hook.toString().contains(path) && hook.toString().contains(from)) {
                status = Optional.of(hook.path("status").asInt());
            }
        }
        return status;
    }

    private static boolean callRecorded(String callSid) {
        DynamoDbClient dynamo = runtime.aws().dynamoDb();
        Map<String, AttributeValue> item = dynamo.getItem(g -> g.tableName("ActivityTable")
                .key(Map.of("pk", AttributeValue.fromS("CALL#" + callSid)))).item();
        return item != null && !item.isEmpty();
    }

    private static Optional<JsonNode> callEntry(String phone) {
        for (JsonNode item : client.thread(phone)) {
            if (item.path("kind").asText().equals("call")) {
                return Optional.of(item);
            }
        }
        return Optional.empty();
    }

    private static String statusOfLastSms(String phone) {
        String status = "";
        for (JsonNode item : client.thread(phone)) {
            if (item.path("kind").asText().equals("sms")) {
                status = item.path("status").asText();
            }
        }
        return status;
    }

    private static List<JsonNode> tasksFor(String phone) {
        List<JsonNode> tasks = new ArrayList<>();
        client.api("GET", "/v1/tasks", null).body().path("tasks").forEach(t -> {
            if (t.path("contactPhone").asText().equals(phone)) {
                tasks.add(t);
            }
        });
        return tasks;
    }

    private static List<String> runStepResults(String phone) {
        List<String> results = new ArrayList<>();
        client.api("GET", "/v1/contacts/" + LocalClient.encode(phone) + "/runs", null).body().path("runs")
                .forEach(run -> run.path("steps").forEach(s -> results.add(s.path("type").asText() + ":" + s.path("result").asText())));
        return results;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static List<String> texts(JsonNode array, String field) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path(field).asText()));
        return out;
    }
}
