package dev.autocall.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.autocall.adapters.dynamodb.DynamoWorkflowStore;
import dev.autocall.adapters.dynamodb.DynamoWorkspaceStore;
import dev.autocall.domain.setup.WorkspaceSetup;
import dev.autocall.domain.workspace.Workspace;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two workspaces that share a workflow id, a flow id, an event id and a contact number: neither reads, changes or
 * resumes the other's records, across events, runs, call requests, deferrals and outcomes. Acme's calling window (10:00-18:00)
 * defers its reminder while Bolt's (08:00-21:00) lets it through at once: the call Bolt places ends in Bolt's run
 * and on Bolt's thread only, and Acme's own call is placed later, when its window opens.
 */
class TenantIsolationIntegrationTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final String CALLEE = "+14155550171";
    private static final String BOLT_NUMBER = "+13125550100";
    /** 08:30 in Los Angeles, Tuesday 2026-12-01: inside tcpa's 8-21 window, before strict's 10-18. */
    private static final Instant MORNING_LA = Instant.parse("2026-12-01T16:30:00Z");
    private static final String REMINDER = """
            name: Appointment reminder
            trigger: appointment.scheduled
            steps:
              - type: leaveVoicemail
                message: 'Hi {{contact.firstName}}, this is {{workspace.name}} about tomorrow.'
              - type: addTag
                tag: reminded
            """;
    private static LocalRuntime runtime;
    private static LocalClient acme;
    private static LocalClient bolt;

    @BeforeAll
    static void start() throws Exception {
        runtime = LocalRuntime.start(LocalRuntime.Options.defaults(0));
        acme = new LocalClient(runtime.url(), runtime.apiKey());
        var dynamo = runtime.aws().dynamoDb();
        String boltKey = new WorkspaceSetup(new DynamoWorkspaceStore(dynamo, "WorkspacesTable"),
                new DynamoWorkflowStore(dynamo, "WorkflowsTable"), runtime.clock())
                .create(new Workspace("ws_bolt", "Bolt Electric", List.of(BOLT_NUMBER), new Workspace.Forwarding("+13125550111", 20),
                        null, true, 1, null, null, null, new Workspace.Compliance(TextNode.valueOf("tcpa"), null, null, null)));
        bolt = new LocalClient(runtime.url(), boltKey);
        acme.sim("POST", "/_sim/clock", Map.of("set", MORNING_LA.toString()));
        acme.sim("PUT", "/_sim/callees/" + LocalClient.encode(CALLEE), Map.of("behavior", "voicemail"));
        for (LocalClient client : List.of(acme, bolt)) {
            ok(client.api("PUT", "/v1/workflows/appointment-reminder", REMINDER));
            ok(client.api("POST", "/v1/workflows/appointment-reminder/publish", ""));
        }
        ok(acme.api("PUT", "/v1/contacts/" + LocalClient.encode(CALLEE), consented("Dana")));
        ok(bolt.api("PUT", "/v1/contacts/" + LocalClient.encode(CALLEE), consented("Dee")));
    }

    @AfterAll
    static void stop() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    void theSameWorkflowEventAndNumberInTwoWorkspaces_neverMeet() {
        String event = "{\"id\": \"appt-1\", \"type\": \"appointment.scheduled\", \"contact\": {\"phone\": \"" + CALLEE + "\"}}";
        assertEquals(202, acme.api("POST", "/v1/events", event).status());
        assertTrue(LocalClient.waitFor(() -> history(acme).contains("leaveVoicemail:deferred"), WAIT), "Acme deferred: " + history(acme));
        assertEquals(202, bolt.api("POST", "/v1/events", event).status());

        assertTrue(LocalClient.waitFor(() -> status(bolt).equals("completed"), WAIT), "Bolt's run ends: " + history(bolt));
        assertEquals(List.of("leaveVoicemail:requested", "leaveVoicemail:voicemail", "addTag:done"), history(bolt));
        assertEquals(List.of("leaveVoicemail:requested", "leaveVoicemail:deferred"), history(acme),
                "Bolt's call and its outcome stay out of Acme's run");
        assertEquals("waiting", status(acme));
        assertFalse(tags(acme).contains("reminded"), "Acme's contact is untouched");
        assertTrue(tags(bolt).contains("reminded"));
        assertEquals(List.of(), outboundCallsOnThread(acme), "nothing on Acme's thread");
        assertEquals(1, outboundCallsOnThread(bolt).size());
        List<JsonNode> calls = callsTo(CALLEE);
        assertEquals(1, calls.size(), "one call so far: Bolt's");
        assertEquals(BOLT_NUMBER, calls.get(0).path("from").asText());
        assertTrue(calls.get(0).path("played").toString().contains("Hi Dee, this is Bolt Electric"), calls.get(0).toString());

        // Acme's window opens: its own call goes out from its own number and ends its own run.
        acme.sim("POST", "/_sim/clock", Map.of("set", "2026-12-01T18:00:05Z"));
        assertTrue(LocalClient.waitFor(() -> status(acme).equals("completed"), WAIT), "Acme's run ends: " + history(acme));
        assertEquals(List.of("leaveVoicemail:requested", "leaveVoicemail:deferred", "leaveVoicemail:voicemail", "addTag:done"),
                history(acme));
        assertEquals(2, callsTo(CALLEE).size(), "one call per workspace");
        assertEquals(LocalRuntime.DEMO_NUMBER, callsTo(CALLEE).get(1).path("from").asText());
        assertTrue(callsTo(CALLEE).get(1).path("played").toString().contains("Hi Dana, this is Acme Plumbing"));
        assertEquals(1, outboundCallsOnThread(acme).size());
        assertEquals(1, outboundCallsOnThread(bolt).size(), "Acme's call stays off Bolt's thread");
        assertEquals(List.of("leaveVoicemail:requested", "leaveVoicemail:voicemail", "addTag:done"), history(bolt));
        assertEquals(0, acme.sim("GET", "/_sim/violations", null).body().size());
    }

    @Test
    void theSameFlowIdInTwoWorkspaces_neverMeets() {
        String flow = "{\"start\": \"bye\", \"nodes\": {\"bye\": {\"type\": \"hangup\", \"say\": \"%s\"}}}";
        ok(acme.api("PUT", "/v1/flows/front-desk", flow.formatted("Acme says bye")));
        ok(acme.api("POST", "/v1/flows/front-desk/publish", ""));

        assertEquals(404, bolt.api("GET", "/v1/flows/front-desk", null).status());
        assertEquals(404, bolt.api("POST", "/v1/flows/front-desk/publish", "").status());
        assertEquals(400, bolt.api("PUT", "/v1/workspace", "{\"inbound\": {\"flow\": \"front-desk\"}}").status(),
                "Acme's published flow is not Bolt's");
        ok(bolt.api("PUT", "/v1/flows/front-desk", flow.formatted("Bolt says bye")));

        JsonNode acmeFlow = acme.api("GET", "/v1/flows/front-desk", null).body();
        JsonNode boltFlow = bolt.api("GET", "/v1/flows/front-desk", null).body();
        assertEquals("Acme says bye", acmeFlow.at("/definition/nodes/bye/say").asText());
        assertEquals(1, acmeFlow.path("publishedVersion").asInt());
        assertEquals("Bolt says bye", boltFlow.at("/definition/nodes/bye/say").asText());
        assertEquals(0, boltFlow.path("publishedVersion").asInt());
    }

    private static String consented(String name) {
        return "{\"firstName\": \"" + name + "\", \"consent\": {\"voice\": {\"source\": \"form\", \"confirmed\": true,"
                + " \"at\": \"2026-11-02T15:04:05Z\"}}}";
    }

    private static void ok(LocalClient.Reply reply) {
        assertEquals(200, reply.status(), reply.body().toString());
    }

    private static JsonNode run(LocalClient client) {
        JsonNode runs = client.api("GET", "/v1/workflows/appointment-reminder/runs", null).body().path("runs");
        return runs.size() == 1 ? runs.get(0) : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static List<String> history(LocalClient client) {
        List<String> history = new ArrayList<>();
        run(client).path("steps").forEach(s -> history.add(s.path("type").asText() + ":" + s.path("result").asText()));
        return history;
    }

    private static String status(LocalClient client) {
        return run(client).path("status").asText();
    }

    private static List<String> tags(LocalClient client) {
        List<String> tags = new ArrayList<>();
        client.contact(CALLEE).path("tags").forEach(t -> tags.add(t.asText()));
        return tags;
    }

    private static List<JsonNode> outboundCallsOnThread(LocalClient client) {
        List<JsonNode> calls = new ArrayList<>();
        client.thread(CALLEE).forEach(e -> {
            if (e.path("kind").asText().equals("call") && e.path("direction").asText().equals("outbound")) {
                calls.add(e);
            }
        });
        return calls;
    }

    private static List<JsonNode> callsTo(String phone) {
        List<JsonNode> calls = new ArrayList<>();
        acme.sim("GET", "/_sim/calls", null).body().forEach(c -> {
            if (c.path("to").asText().equals(phone) && c.path("direction").asText().startsWith("outbound")) {
                calls.add(c);
            }
        });
        return calls;
    }
}
