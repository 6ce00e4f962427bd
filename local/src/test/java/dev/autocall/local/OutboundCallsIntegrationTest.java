package dev.autocall.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.domain.outbound.CallRequestMessage;
import dev.autocall.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Outbound calls end to end: events API → trigger (workflow call step) → compliance function (rules, caps,
 * deferral through the Scheduler stand-in) → dial function (Twilio SDK) → simulator → status callbacks →
 * webhook → outcome → the run. One runtime, one clock moved by /_sim/clock; each test its own numbers.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutboundCallsIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Tuesday 2026-12-01, 07:30 in Los Angeles: before the strict 10:00–18:00 window. */
    private static final Instant EARLY_MORNING_LA = Instant.parse("2026-12-01T15:30:00Z");
    private static LocalRuntime runtime;
    private static LocalClient client;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(0));
        client = new LocalClient(runtime.url(), runtime.apiKey());
        client.sim("POST", "/_sim/clock", Map.of("set", EARLY_MORNING_LA.toString()));
        put("/v1/workflows/reminder", """
                name: Appointment reminder
                trigger: appointment.scheduled
                steps:
                  - type: leaveVoicemail
                    message: 'Hi {{contact.firstName | "there"}}, this is {{workspace.name}}: your appointment is tomorrow.'
                    ifNoAnswer: {action: retry, maxAttempts: 3, interval: P1D, notReached: [no_answer, busy, voicemail]}
                  - type: addTag
                    tag: reminded
                """);
        assertEquals(200, client.api("POST", "/v1/workflows/reminder/publish", "").status());
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    @Order(1)
    void aReminderBeforeTheWindow_isDeferredTo10_calledThen_retriedAfterVoicemail_andAnsweredTheNextDay() {
        String callee = "+14155550161";
        consentedContact(callee, "Rosa");
        client.sim("PUT", "/_sim/callees/" + LocalClient.encode(callee), Map.of("behavior", "voicemail"));

        appointment("appt-1", callee);

        assertTrue(LocalClient.waitFor(() -> history(callee).contains("leaveVoicemail:deferred"), WAIT), "deferred: " + history(callee));
        assertTrue(steps(callee).stream().anyMatch(s -> s.path("detail").asText().startsWith("OUTSIDE_WINDOW until 2026-12-01T18:00:00Z")),
                "deferred to 10:00 Los Angeles time: " + steps(callee));
        assertEquals(0, callsTo(callee).size(), "nothing is dialed before the window opens");

        client.sim("POST", "/_sim/clock", Map.of("set", "2026-12-01T18:00:05Z"));
        assertTrue(LocalClient.waitFor(() -> history(callee).contains("leaveVoicemail:voicemail"), WAIT), "voicemail: " + history(callee));
        JsonNode first = callsTo(callee).get(0);
        assertEquals("machine_end_beep", first.path("answeredBy").asText());
        assertTrue(first.path("played").toString().contains("Hi Rosa, this is Acme Plumbing"), first.toString());

        client.sim("PUT", "/_sim/callees/" + LocalClient.encode(callee), Map.of("behavior", "answer"));
        // A day later; Scheduler's precision is the minute, so the retry fires within the minute after.
        client.sim("POST", "/_sim/clock", Map.of("advance", "P1DT1M"));
        assertTrue(LocalClient.waitFor(() -> runStatus(callee).equals("completed"), WAIT), "completed: " + steps(callee));

        assertEquals(2, callsTo(callee).size(), "one call per attempt");
        assertEquals(List.of("leaveVoicemail:requested", "leaveVoicemail:deferred", "leaveVoicemail:voicemail",
                "leaveVoicemail:requested", "leaveVoicemail:completed", "addTag:done"), history(callee));
        assertEquals(0, client.sim("GET", "/_sim/violations", null).body().size());
    }

    @Test
    @Order(5)
    void aMakeCall_ringsTheAgentWithAWhisper_connectsTheCustomer_andTheCustomerLegIsTheOutcome() {
        String callee = "+14155550165";
        put("/v1/workflows/callback", """
                name: Call new leads back
                trigger: lead.created
                steps:
                  - type: makeCall
                    whisper: 'New lead {{contact.firstName}}'
                  - type: addTag
                    tag: called
                """);
        assertEquals(200, client.api("POST", "/v1/workflows/callback/publish", "").status());
        withinTheWindow();
        consentedContact(callee, "Lena");
        client.sim("PUT", "/_sim/callees/" + LocalClient.encode(LocalRuntime.DEMO_FORWARDING), Map.of("behavior", "answer"));
        client.sim("PUT", "/_sim/callees/" + LocalClient.encode(callee), Map.of("behavior", "answer"));

        LocalClient.Reply reply = client.api("POST", "/v1/events", "{\"id\": \"lead-5\", \"type\": \"lead.created\","
                + " \"contact\": {\"phone\": \"" + callee + "\"}}");
        assertEquals(202, reply.status(), reply.body().toString());

        assertTrue(LocalClient.waitFor(() -> runOf(callee, "callback").path("status").asText().equals("completed"), WAIT),
                "completed: " + runOf(callee, "callback"));
        List<String> history = new ArrayList<>();
        runOf(callee, "callback").path("steps").forEach(st -> history.add(st.path("type").asText() + ":" + st.path("result").asText()));
        // The agent hanging up after the conversation does not decide the outcome: the customer leg answered does.
        assertEquals(List.of("makeCall:requested", "makeCall:completed", "addTag:done"), history);
        JsonNode agentCall = callsTo(LocalRuntime.DEMO_FORWARDING).get(callsTo(LocalRuntime.DEMO_FORWARDING).size() - 1);
        assertTrue(agentCall.path("played").toString().contains("New lead Lena"), agentCall.toString());
        // The simulator records the customer leg as the agent call's Dial, with its DialCallStatus.
        List<JsonNode> dials = new ArrayList<>();
        agentCall.path("played").forEach(v -> {
            if (v.path("verb").asText().equals("Dial")) {
                dials.add(v);
            }
        });
        assertEquals(1, dials.size(), "the customer is dialed once, from the agent's call: " + agentCall);
        assertTrue(dials.get(0).toString().contains(callee), dials.toString());
        assertEquals(0, client.sim("GET", "/_sim/violations", null).body().size());
    }

    private static JsonNode runOf(String phone, String workflowId) {
        for (JsonNode run : client.api("GET", "/v1/contacts/" + LocalClient.encode(phone) + "/runs", null).body().path("runs")) {
            if (run.path("workflowId").asText().equals(workflowId)) {
                return run;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    @Test
    @Order(2)
    void anOptOutWhileTheCallIsDeferred_meansNoCall() {
        String callee = "+14155550162";
        at(7, 30);
        consentedContact(callee, "Omar");
        appointment("appt-2", callee);
        assertTrue(LocalClient.waitFor(() -> history(callee).contains("leaveVoicemail:deferred"), WAIT));

        JsonNode contact = client.contact(callee);
        ((com.fasterxml.jackson.databind.node.ObjectNode) contact.path("optOut")).put("voice", Instant.now().toString());
        assertEquals(200, client.api("PUT", "/v1/contacts/" + LocalClient.encode(callee), withoutReadOnly(contact)).status());
        client.sim("POST", "/_sim/clock", Map.of("advance", "P1D"));

        assertTrue(LocalClient.waitFor(() -> runStatus(callee).equals("completed"), WAIT), "run ends: " + history(callee));
        assertTrue(steps(callee).stream().anyMatch(s -> s.path("detail").asText().contains("OPTED_OUT")), steps(callee).toString());
        assertEquals(0, callsTo(callee).size(), "never dialed");
    }

    @Test
    @Order(3)
    void twilioAnswering429Then201_placesOneCall_andRedeliveredMessagesPlaceNoOther() {
        String callee = "+14155550163";
        consentedContact(callee, "Mei");
        client.sim("PUT", "/_sim/callees/" + LocalClient.encode(callee), Map.of("behavior", "answer", "throttle", 2));
        withinTheWindow();

        appointment("appt-3", callee);
        assertTrue(LocalClient.waitFor(() -> runStatus(callee).equals("completed"), WAIT), "completed: " + steps(callee));
        assertEquals(1, callsTo(callee).size());

        // The same call request delivered again to the compliance and the dial queues changes nothing.
        String requestId = steps(callee).get(0).path("detail").asText().replace("attempt 1: ", "");
        String body = Json.write(new CallRequestMessage(requestId, LocalRuntime.DEMO_WORKSPACE));
        var sqs = runtime.aws().sqs();
        sqs.sendMessage(m -> m.queueUrl(runtime.queueUrl("ComplianceQueue")).messageBody(body));
        sqs.sendMessage(m -> m.queueUrl(runtime.queueUrl("DialQueue")).messageBody(body));
        runtime.awaitQuiet(WAIT);
        assertEquals(1, callsTo(callee).size(), "still exactly one call");
    }

    @Test
    @Order(4)
    void preflight_explainsARefusal_andWhenACallWouldBeAllowed() {
        withinTheWindow();
        JsonNode noConsent = client.api("POST", "/v1/compliance/preflight", "{\"to\": \"+14155550169\"}").body();
        JsonNode tonight = client.api("POST", "/v1/compliance/preflight",
                "{\"to\": \"+14155550123\", \"at\": \"2026-12-05T21:30:00-08:00\"}").body();

        assertEquals("FAIL", noConsent.path("decision").asText());
        assertEquals("NO_CONSENT", noConsent.path("reason").asText());
        assertEquals("DEFER", tonight.path("decision").asText());
        assertEquals("OUTSIDE_WINDOW", tonight.path("reason").asText());
        assertEquals("2026-12-06T18:00:00Z", tonight.path("nextAllowedAt").asText());
    }

    // ------------------------------------------------------------------ helpers

    private static void withinTheWindow() {
        at(11, 0);
    }

    /** Moves the shared clock forward to the next hh:mm in Los Angeles (it never goes back). */
    private static void at(int hour, int minute) {
        Instant now = Instant.parse(client.sim("GET", "/_sim/clock", null).body().path("now").asText());
        java.time.ZonedDateTime la = now.atZone(java.time.ZoneId.of("America/Los_Angeles"));
        java.time.ZonedDateTime next = la.withHour(hour).withMinute(minute).withSecond(0).withNano(0);
        if (!next.isAfter(la)) {
            next = next.plusDays(1);
        }
        client.sim("POST", "/_sim/clock", Map.of("set", next.toInstant().toString()));
    }

    private static void put(String path, String yaml) {
        LocalClient.Reply reply = client.api("PUT", path, yaml);
        assertEquals(200, reply.status(), reply.body().toString());
    }

    private static void consentedContact(String phone, String name) {
        put("/v1/contacts/" + LocalClient.encode(phone), "{\"firstName\": \"" + name + "\", \"consent\": {\"voice\": "
                + "{\"source\": \"form\", \"confirmed\": true, \"at\": \"2026-11-02T15:04:05Z\"}}}");
    }

    private static void appointment(String id, String phone) {
        LocalClient.Reply reply = client.api("POST", "/v1/events", "{\"id\": \"" + id + "\", \"type\": \"appointment.scheduled\","
                + " \"contact\": {\"phone\": \"" + phone + "\"}, \"data\": {\"appointmentAt\": \"2026-12-03T17:00:00Z\"}}");
        assertEquals(202, reply.status(), reply.body().toString());
    }

    private static String withoutReadOnly(JsonNode contact) {
        com.fasterxml.jackson.databind.node.ObjectNode copy = contact.deepCopy();
        copy.remove(List.of("phone", "source", "createdAt"));
        return copy.toString();
    }

    private static List<JsonNode> steps(String phone) {
        List<JsonNode> steps = new ArrayList<>();
        JsonNode runs = client.api("GET", "/v1/contacts/" + LocalClient.encode(phone) + "/runs", null).body().path("runs");
        runs.forEach(run -> {
            if (run.path("workflowId").asText().equals("reminder")) {
                run.path("steps").forEach(steps::add);
            }
        });
        return steps;
    }

    private static List<String> history(String phone) {
        return steps(phone).stream().map(s -> s.path("type").asText() + ":" + s.path("result").asText()).toList();
    }

    private static String runStatus(String phone) {
        JsonNode runs = client.api("GET", "/v1/contacts/" + LocalClient.encode(phone) + "/runs", null).body().path("runs");
        for (JsonNode run : runs) {
            if (run.path("workflowId").asText().equals("reminder")) {
                return run.path("status").asText();
            }
        }
        return "";
    }

    private static List<JsonNode> callsTo(String phone) {
        return client.outboundCallsTo(phone);
    }
}
