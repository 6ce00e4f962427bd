package dev.autocall.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * IVR calls end to end: a workflow's runIvr step → compliance → dialer → the Twilio simulator playing the flow's TwiML
 * with a scripted callee (keys per gather, hang-ups, voicemail boxes) → the webhook's interpreter turns → the outcome and
 * keys back on the run, the call and the thread. And an inbound call answered by a menu. One runtime; each test its
 * own numbers and workflow.
 */
class IvrCallsIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static LocalRuntime runtime;
    private static LocalClient client;
    private static HttpServer business;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(0));
        client = new LocalClient(runtime.url(), runtime.apiKey());
        business = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        business.createContext("/balance", exchange -> {
            byte[] body = "{\"say\": \"Your balance is 42 dollars.\", \"vars\": {\"due\": \"December 5\"}}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        business.start();
        withinTheWindow();
        // Several calls a minute: the default cap (one a minute) would defer most of them.
        JsonNode workspace = client.api("GET", "/v1/workspace", null).body();
        com.fasterxml.jackson.databind.node.ObjectNode caps = ((com.fasterxml.jackson.databind.node.ObjectNode) workspace.path("compliance")).putObject("caps");
        caps.put("perMinute", 100).put("perDay", 1000).put("perNumberPerDay", 2).put("perNumberPer14Days", 4);
        assertEquals(200, client.api("PUT", "/v1/workspace", workspace.toString()).status());
        flow("confirm", Demo.CONFIRM_FLOW);
    }

    @AfterAll
    static void stop() {
        if (business != null) {
            business.stop(0);
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void aCalleeWhoSaysNothingThenPresses1_confirms_andTheRunBranchesOnConfirmed() {
        String callee = "+14155550171";
        workflow("confirm-1", "confirm", "");
        consentedContact(callee, "Rosa");
        client.sim("PUT", "/_sim/callees/" + LocalClient.encode(callee), Map.of("behavior", "answer", "gathers", List.of("", "1")));

        event("confirm-1", callee);

        assertTrue(LocalClient.waitFor(() -> status(callee, "confirm-1").equals("completed"), WAIT), "completed: " + history(callee, "confirm-1"));
        assertEquals(List.of("runIvr:requested", "runIvr:confirmed", "branch:done", "addTag:done"), history(callee, "confirm-1"));
        assertTrue(client.contact(callee).path("tags").toString().contains("confirmed"));
        JsonNode call = callsTo(callee).get(0);
        assertEquals("human", call.path("answeredBy").asText());
        assertTrue(call.path("keys").toString().contains("\"1\""), call.toString());
        String said = call.path("said").toString();
        assertTrue(said.contains("Hi Rosa, this is Acme Plumbing about your visit on Friday at 3 pm."), said);
        assertEquals(2, count(said, "Press 1 to confirm"), "the menu is replayed once after no input: " + said);
        assertTrue(said.contains("Thank you, see you then."), said);
        assertTrue(LocalClient.waitFor(() -> client.thread(callee).toString().contains("keys: menu=1"), WAIT),
                "the keys are on the contact's thread: " + client.thread(callee));
        assertEquals(0, client.sim("GET", "/_sim/violations", null).body().size());
    }

    @Test
    void aCalleeWhoNeverAnswersTheMenu_endsNoInput_afterAGoodbye() {
        String callee = "+14155550172";
        workflow("confirm-2", "confirm", "");
        consentedContact(callee, "Omar");
        client.sim("PUT", "/_sim/callees/" + LocalClient.encode(callee), Map.of("behavior", "answer", "gathers", List.of("", "")));

        event("confirm-2", callee);

        assertTrue(LocalClient.waitFor(() -> status(callee, "confirm-2").equals("completed"), WAIT), "completed: " + history(callee, "confirm-2"));
        assertTrue(history(callee, "confirm-2").contains("runIvr:no_input"), history(callee, "confirm-2").toString());
        assertTrue(callsTo(callee).get(0).path("said").toString().contains("Goodbye."));
    }

    @Test
    void theOptOutKey_optsTheContactOutOfCalls_andTheNextCallIsRefusedAtTheGate() {
        String callee = "+14155550173";
        workflow("confirm-3", "confirm", "");
        consentedContact(callee, "Mei");
        client.sim("PUT", "/_sim/callees/" + LocalClient.encode(callee), Map.of("behavior", "answer", "gathers", List.of("9")));

        event("confirm-3", callee);

        assertTrue(LocalClient.waitFor(() -> history(callee, "confirm-3").contains("runIvr:opted_out"), WAIT), history(callee, "confirm-3").toString());
        assertTrue(LocalClient.waitFor(() -> !client.contact(callee).path("optOut").path("voice").isNull(), WAIT),
                "opted out of voice: " + client.contact(callee));

        event("confirm-3b", callee);
        runtime.awaitQuiet(WAIT);
        assertEquals(1, callsTo(callee).size(), "no call after the opt-out");
    }

    @Test
    void aFetchedBalanceIsSpoken_andAFetchThatFailsTakesOnError() {
        String paying = "+14155550174";
        String failing = "+14155550175";
        String base = "http://127.0.0.1:" + business.getAddress().getPort();
        flow("balance", """
                name: Payment reminder
                start: lookup
                nodes:
                  lookup: {type: fetch, url: '%s/balance', timeoutSeconds: 2, next: amount, onError: sorry}
                  amount: {type: say, text: 'Please pay by {{fetch.due | "the due date"}}.', next: done}
                  done: {type: hangup, outcome: reminded}
                  sorry: {type: hangup, say: We could not look up your balance., outcome: lookup_failed}
                """.formatted(base));
        flow("balance-down", """
                name: Payment reminder, server down
                start: lookup
                nodes:
                  lookup: {type: fetch, url: 'http://127.0.0.1:9/balance', timeoutSeconds: 2, next: done, onError: sorry}
                  done: {type: hangup, outcome: reminded}
                  sorry: {type: hangup, say: We could not look up your balance., outcome: lookup_failed}
                """);
        workflow("pay-1", "balance", "");
        workflow("pay-2", "balance-down", "");
        consentedContact(paying, "Ana");
        consentedContact(failing, "Ben");

        event("pay-1", paying);
        event("pay-2", failing);

        assertTrue(LocalClient.waitFor(() -> history(paying, "pay-1").contains("runIvr:reminded"), WAIT), history(paying, "pay-1").toString());
        String said = callsTo(paying).get(0).path("said").toString();
        assertTrue(said.contains("Your balance is 42 dollars.") && said.contains("Please pay by December 5."), said);
        assertTrue(LocalClient.waitFor(() -> history(failing, "pay-2").contains("runIvr:lookup_failed"), WAIT), history(failing, "pay-2").toString());
        assertTrue(callsTo(failing).get(0).path("said").toString().contains("We could not look up your balance."));
    }

    @Test
    void aCalleeWhoHangsUpMidFlow_endsTheCallCompleted_withTheKeysSoFar() {
        String callee = "+14155550176";
        workflow("confirm-4", "confirm", "");
        consentedContact(callee, "Lena");
        client.sim("PUT", "/_sim/callees/" + LocalClient.encode(callee), Map.of("behavior", "answer", "hangupAfterSeconds", 3));

        event("confirm-4", callee);

        assertTrue(LocalClient.waitFor(() -> status(callee, "confirm-4").equals("completed"), WAIT), history(callee, "confirm-4").toString());
        assertTrue(history(callee, "confirm-4").contains("runIvr:completed"), history(callee, "confirm-4").toString());
        assertFalse(callsTo(callee).get(0).path("said").toString().contains("Thank you"), "the flow did not go on after the hang-up");
    }

    @Test
    void anAnsweringMachine_hearsTheMachineMessage_andTheOutcomeIsVoicemail() {
        String callee = "+14155550177";
        workflow("confirm-5", "confirm", "\n    onMachine: message\n    machineMessage: 'Hi {{contact.firstName}}, please call us to confirm.'");
        consentedContact(callee, "Kai");
        client.sim("PUT", "/_sim/callees/" + LocalClient.encode(callee), Map.of("behavior", "voicemail"));

        event("confirm-5", callee);

        assertTrue(LocalClient.waitFor(() -> status(callee, "confirm-5").equals("completed"), WAIT), history(callee, "confirm-5").toString());
        assertTrue(history(callee, "confirm-5").contains("runIvr:voicemail"), history(callee, "confirm-5").toString());
        JsonNode call = callsTo(callee).get(0);
        assertTrue(call.path("answeredBy").asText().startsWith("machine"), call.toString());
        assertTrue(call.path("said").toString().contains("Hi Kai, please call us to confirm."), call.toString());
        assertFalse(call.path("said").toString().contains("Press 1"), "a machine never hears the menu");
    }

    @Test
    void anInboundMenu_ringsTheBusinessOn1_andAnUnansweredDialIsAMissedCallWithItsTextBack() {
        String caller = "+16505550178";
        flow("front-desk", """
                name: Front desk
                start: menu
                nodes:
                  menu:
                    type: gather
                    prompt: Thanks for calling {{workspace.name}}. Press 1 to talk to us, 2 to leave a message.
                    choices: {"1": ring, "2": message}
                    noInput: message
                  ring: {type: dial, timeoutSeconds: 15, next: bye, noAnswer: message}
                  message: {type: record, prompt: Please leave a message after the tone., maxSeconds: 60, next: bye}
                  bye: {type: hangup, say: Goodbye.}
                """);
        JsonNode workspace = client.api("GET", "/v1/workspace", null).body();
        ((com.fasterxml.jackson.databind.node.ObjectNode) workspace).putObject("inbound").put("flow", "front-desk");
        LocalClient.Reply saved = client.api("PUT", "/v1/workspace", workspace.toString());
        assertEquals(200, saved.status(), saved.body().toString());
        try {
            LocalClient.Reply call = client.sim("POST", "/_sim/inbound-call", Map.of("from", caller, "to", LocalRuntime.DEMO_NUMBER,
                    "forward", "no-answer", "gathers", List.of("1")));
            assertEquals(200, call.status(), call.body().toString());

            assertTrue(LocalClient.waitFor(() -> client.messagesTo(caller).size() == 1, WAIT), "the missed-call text-back: " + client.messages());
            assertTrue(LocalClient.waitFor(() -> client.thread(caller).toString().contains("keys: menu=1"), WAIT),
                    "the keys are on the caller's thread: " + client.thread(caller));
        } finally {
            ((com.fasterxml.jackson.databind.node.ObjectNode) workspace).putObject("inbound").putNull("flow");
            client.api("PUT", "/v1/workspace", workspace.toString());
        }
    }

    // ------------------------------------------------------------------ helpers

    private static void flow(String id, String yaml) {
        LocalClient.Reply saved = client.api("PUT", "/v1/flows/" + id, yaml);
        assertEquals(200, saved.status(), saved.body().toString());
        LocalClient.Reply published = client.api("POST", "/v1/flows/" + id + "/publish", "");
        assertEquals(200, published.status(), published.body().toString());
    }

    private static void workflow(String id, String flow, String extra) {
        LocalClient.Reply saved = client.api("PUT", "/v1/workflows/" + id, """
                name: IVR %s
                trigger: %s
                steps:
                  - type: runIvr
                    flow: %s%s
                  - type: branch
                    cases: {confirmed: tag}
                    otherwise: end
                  - id: tag
                    type: addTag
                    tag: confirmed
                """.formatted(id, "visit." + id.replace("-", "_"), flow, extra));
        assertEquals(200, saved.status(), saved.body().toString());
        assertEquals(200, client.api("POST", "/v1/workflows/" + id + "/publish", "").status());
    }

    private static void event(String workflowId, String phone) {
        String type = "visit." + workflowId.replaceAll("[a-z]$", "").replace("-", "_");
        LocalClient.Reply reply = client.api("POST", "/v1/events", "{\"id\": \"" + workflowId + "-" + phone + "\", \"type\": \""
                + type + "\", \"contact\": {\"phone\": \"" + phone + "\"}, \"data\": {\"when\": \"Friday at 3 pm\"}}");
        assertEquals(202, reply.status(), reply.body().toString());
    }

    private static void consentedContact(String phone, String name) {
        LocalClient.Reply reply = client.api("PUT", "/v1/contacts/" + LocalClient.encode(phone), "{\"firstName\": \"" + name
                + "\", \"consent\": {\"voice\": {\"source\": \"form\", \"confirmed\": true, \"at\": \"2026-11-02T15:04:05Z\"}}}");
        assertEquals(200, reply.status(), reply.body().toString());
    }

    /** 11:00 in Los Angeles, inside every calling window. */
    private static void withinTheWindow() {
        Instant now = Instant.parse(client.sim("GET", "/_sim/clock", null).body().path("now").asText());
        java.time.ZonedDateTime la = now.atZone(java.time.ZoneId.of("America/Los_Angeles"));
        java.time.ZonedDateTime next = la.withHour(11).withMinute(0).withSecond(0).withNano(0);
        if (!next.isAfter(la)) {
            next = next.plusDays(1);
        }
        client.sim("POST", "/_sim/clock", Map.of("set", next.toInstant().toString()));
    }

    private static JsonNode run(String phone, String workflowId) {
        for (JsonNode run : client.api("GET", "/v1/contacts/" + LocalClient.encode(phone) + "/runs", null).body().path("runs")) {
            if (run.path("workflowId").asText().equals(workflowId)) {
                return run;
            }
        }
        return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static String status(String phone, String workflowId) {
        return run(phone, workflowId).path("status").asText();
    }

    private static List<String> history(String phone, String workflowId) {
        List<String> steps = new ArrayList<>();
        run(phone, workflowId).path("steps").forEach(s -> steps.add(s.path("type").asText() + ":" + s.path("result").asText()));
        return steps;
    }

    private static List<JsonNode> callsTo(String phone) {
        return client.outboundCallsTo(phone);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
